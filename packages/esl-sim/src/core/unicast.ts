import type { Channel } from '../channel/channel.js';
import type { ChannelMessage } from './messages.js';

/** Where unicast streams bind their local address (the core, across sessions). */
export interface UnicastBinder {
  bindUnicast(local: string, owner: object): boolean;
  unbindUnicast(local: string, owner: object): void;
}

/** A session's unicast streams (sendmsg unicast): how long they last, and their local port. */
export class UnicastStreams {
  constructor(
    private readonly channel: Channel,
    private readonly binder: UnicastBinder,
  ) {}

  /**
   * switch_ivr_activate_unicast: the stream binds its local address (mod_event_socket's
   * default 127.0.0.1:8025), so a second stream on an address in use never starts.
   */
  activate(message: Extract<ChannelMessage, { kind: 'unicast' }>): void {
    this.channel.history.apis.push({ command: 'unicast', arg: `${message.local} ${message.remote} ${message.transport}`, reply: '+OK' });
    const record = { local: message.local, remote: message.remote, transport: message.transport, active: false, error: null as string | null };
    if (this.binder.bindUnicast(message.local, this)) record.active = true;
    else record.error = `cannot bind ${message.local}: in use`;
    this.channel.history.unicasts.push(record);
  }

  /** switch_ivr_deactivate_unicast, which switch_core_session_reset calls as an application ends. */
  deactivate(): void {
    for (const record of this.channel.history.unicasts) {
      if (!record.active) continue;
      record.active = false;
      this.binder.unbindUnicast(record.local, this);
    }
  }
}
