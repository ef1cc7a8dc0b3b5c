import { describe, expect, it } from '@jest/globals';
import { EslCommandError } from '../esl/errors.js';
import { ChannelEvent } from '../esl/event.js';
import type { LegLink } from '../esl/leg-link.js';
import { CallEnd, type CallEndDeps, type EndingCall } from './call-end.js';
import { CallState, type CallStateDeps } from './call-state.js';
import type { FlowLoop } from './flow-loop.js';
import { newLeg } from './leg.js';
import type { CallControl, HeldCall } from './live-call.js';
import { newCall } from './model.js';

/** A call's end over a control whose hangup the switch refuses as FreeSWITCH does for a channel already gone. */
function ending() {
  const deps = { calls: { save() {} }, channels: { save() {} }, events: { async publish() {} }, logger: { error() {} }, owner: 'cm-1' } as unknown as CallStateDeps;
  const call = newCall({ id: 'call-1', direction: 'outgoing', status: 'progressing', source: { type: 'tel', target: '1001' }, destination: { type: 'tel', target: '2001' }, channelId: 'chan-1', mediaServer: 'ms', accountId: 'acct-1' });
  const leg = newLeg({ id: 'chan-1', callId: call.id, accountId: 'acct-1', mediaServer: 'ms', direction: 'outbound', callerIdName: '', callerIdNumber: '1001', destination: '2001', username: '', now: call.tm_create });
  leg.channel.state = 'answered';
  const state = new CallState(deps, { call, leg, coreUuid: 'core' });
  const control = { hangup: async () => Promise.reject(new EslCommandError('hangup', '-ERR invalid session id [chan-1]')) } as unknown as CallControl;
  const queued: Array<() => Promise<void>> = [];
  const parts: EndingCall = {
    state,
    flow: { stop() {}, interrupt() {}, finished: true } as unknown as FlowLoop,
    control,
    link: { kind: 'inbound', channelId: 'chan-1', release() {} } as unknown as LegLink,
    held: {} as HeldCall,
    enqueue: (_what, work) => void queued.push(work),
  };
  const endDeps = {
    metrics: { callsEnded: { inc() {} } },
    logger: { warn() {} },
    registry: { get: () => undefined, remove() {} },
    confbridges: { left() {}, legEnded() {} },
    recordings: { finishAll() {} },
  } as unknown as CallEndDeps;
  return { end: new CallEnd(endDeps, parts), state };
}

describe('call end', () => {
  it("keeps the switch's cause for a leg that was already gone when it was hung up", async () => {
    const { end, state } = ending();
    // The leg was up (its events came), then went away on the switch's side.
    await end.channelSeen();
    await end.requestHangup('normal');
    expect(state.over).toBe(false);
    await end.channelDown('ORIGINATOR_CANCEL', new ChannelEvent({ 'Event-Name': 'CHANNEL_HANGUP', 'Unique-ID': 'chan-1', 'Hangup-Cause': 'ORIGINATOR_CANCEL' }));
    expect(state.call).toMatchObject({ status: 'hangup', hangup_cause: 'ORIGINATOR_CANCEL' });
    await end.release();
  });
});
