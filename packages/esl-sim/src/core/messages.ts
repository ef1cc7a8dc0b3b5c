import { parseHangupCause, type HangupCause } from '../channel/hangup-causes.js';
import { headerOf, type EslCommand } from '../protocol/command-reader.js';

/** A `sendmsg` as the channel queues it (`switch_ivr_parse_event`). */
export type ChannelMessage =
  | {
      kind: 'execute';
      app: string;
      arg: string | undefined;
      loops: number;
      appUuid: string | undefined;
      appUuidName: string | undefined;
      /** `event-lock: true`: while it runs, the channel takes no further queued message. */
      eventLock: boolean;
    }
  | { kind: 'hangup'; cause: HangupCause }
  | { kind: 'unicast'; local: string; remote: string; transport: string }
  | { kind: 'ignored'; command: string };

/**
 * Reads a sendmsg's headers. The argument may come as `execute-app-arg` or, for long
 * or multi-line ones, as a text/plain body; `loops: -1` repeats until hangup.
 */
export function parseSendmsg(command: EslCommand): ChannelMessage {
  const callCommand = (headerOf(command, 'call-command') ?? '').toLowerCase();
  if (callCommand === 'execute') {
    const contentType = headerOf(command, 'content-type') ?? '';
    const bodyArg = contentType.toLowerCase().startsWith('text/plain') && command.body !== undefined ? command.body : undefined;
    const loops = Number.parseInt(headerOf(command, 'loops') ?? '1', 10);
    return {
      kind: 'execute',
      app: headerOf(command, 'execute-app-name') ?? '',
      arg: headerOf(command, 'execute-app-arg') ?? bodyArg,
      loops: Number.isNaN(loops) || loops === 0 ? 1 : loops,
      appUuid: headerOf(command, 'event-uuid'),
      appUuidName: headerOf(command, 'event-uuid-name'),
      eventLock: (headerOf(command, 'event-lock') ?? '').toLowerCase() === 'true',
    };
  }
  if (callCommand === 'hangup') {
    return { kind: 'hangup', cause: parseHangupCause(headerOf(command, 'hangup-cause')) ?? 'NORMAL_CLEARING' };
  }
  if (callCommand === 'unicast') {
    const local = `${headerOf(command, 'local-ip') ?? '127.0.0.1'}:${headerOf(command, 'local-port') ?? '8025'}`;
    const remote = `${headerOf(command, 'remote-ip') ?? '127.0.0.1'}:${headerOf(command, 'remote-port') ?? '8026'}`;
    return { kind: 'unicast', local, remote, transport: headerOf(command, 'transport') ?? 'udp' };
  }
  return { kind: 'ignored', command: callCommand };
}
