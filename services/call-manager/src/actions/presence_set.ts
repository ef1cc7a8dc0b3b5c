import { presenceIn } from '../esl/commands.js';
import type { ActionHandler } from './types.js';

/**
 * `presence_set` (Kazoo's manual_presence): a PRESENCE_IN event on the media server, so
 * the phones subscribed to `presence_id` show it idle, ringing or busy, and a
 * `call_presence_updated` event for webhooks. A bare name takes the realm of
 * the call's own SIP address; done at once.
 */
export const presenceSet: ActionHandler<'presence_set'> = {
  async start(run) {
    const { presence_id: given, status } = run.action.option;
    const call = run.live.call;
    const realm = [call.destination.target, call.source.target].map((target) => target.split('@')[1] ?? '').find((part) => part !== '');
    if (!given.includes('@') && realm === undefined) {
      await run.refuse('PRESENCE_WITHOUT_REALM', `presence_id ${given} has no realm, and neither has the call's address; write it as ${given}@realm`);
      return;
    }
    const presenceId = given.includes('@') ? given : `${given}@${realm}`;
    await run.live.link.sendEvent('PRESENCE_IN', presenceIn(presenceId, status, call.channel_id || call.id));
    run.live.publish('call_presence_updated', { id: call.id, account_id: call.account_id, call_id: call.id, presence_id: presenceId, status, tm_create: new Date().toISOString() });
  },
};
