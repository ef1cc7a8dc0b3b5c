import type { HangupCause } from '../channel/hangup-causes.js';
import type { Header } from '../protocol/event.js';
import type { Session } from './session.js';

export interface BridgeEnd {
  /** The leg whose hangup (or transfer) ended the bridge. */
  endedBy: Session;
  cause: HangupCause;
  /** True when `endedBy` left alive, taken into another bridge by uuid_bridge. */
  transferred?: boolean;
}

/** How a leg leaves the bridge it is in without hanging up, while it is in one. */
const leaving = new WeakMap<Session, () => void>();

/**
 * Takes a bridged leg out of its bridge alive, as switch_ivr_uuid_bridge does by
 * setting CF_TRANSFER and moving the channel to CS_HIBERNATE: the bridge ends
 * `transferred`, and its other leg is left to what ended the bridge decides.
 * False when the leg is in no bridge.
 */
export function leaveBridge(session: Session): boolean {
  const leave = leaving.get(session);
  if (!leave) return false;
  leave();
  return true;
}

const BRIDGE_ORIGIN = { file: 'switch_ivr_bridge.c', func: 'switch_ivr_multi_threaded_bridge', line: 1720 };

/**
 * Bridges two legs (answering either that is not yet answered) and resolves when one
 * of them hangs up. CHANNEL_BRIDGE and CHANNEL_UNBRIDGE are fired on the A leg only,
 * with Bridge-A/B-Unique-ID, as FreeSWITCH does; what happens to the surviving leg
 * is the caller's decision (the bridge app and uuid_bridge differ).
 */
export async function bridgeLegs(a: Session, b: Session): Promise<BridgeEnd> {
  b.answer();
  a.answer();
  const now = a.core.clock.nowMicros();
  for (const [self, other, type] of [
    [a, b, 'originatee'],
    [b, a, 'originator'],
  ] as const) {
    self.channel.bridgedTo = other.channel;
    self.channel.otherLeg = { type, channel: other.channel };
    self.channel.times.bridged = now;
    self.channel.setVariable('bridge_to', other.uuid);
    self.channel.setVariable('last_bridge_to', other.uuid);
    self.channel.setVariable('signal_bond', other.uuid);
  }
  const headers: Header[] = [
    ['Bridge-A-Unique-ID', a.uuid],
    ['Bridge-B-Unique-ID', b.uuid],
  ];
  a.fire('CHANNEL_BRIDGE', headers, { origin: BRIDGE_ORIGIN });
  const transfers = [a, b].map(
    (self) => new Promise<BridgeEnd>((resolve) => leaving.set(self, () => resolve({ endedBy: self, cause: 'NORMAL_CLEARING', transferred: true }))),
  );
  const end = await Promise.race([a.hungUp.then((cause) => ({ endedBy: a, cause })), b.hungUp.then((cause) => ({ endedBy: b, cause })), ...transfers]);
  leaving.delete(a);
  leaving.delete(b);
  for (const [self, other] of [
    [a, b],
    [b, a],
  ] as const) {
    self.channel.bridgedTo = undefined;
    self.channel.setVariable('bridge_to', undefined);
    self.channel.setVariable('signal_bond', undefined);
    self.channel.setVariable('last_bridge_hangup_cause', end.cause);
    self.channel.setVariable('bridge_hangup_cause', end.cause);
    if (other === end.endedBy) self.channel.setVariable('last_bridge_role', self === a ? 'originator' : 'originatee');
  }
  a.fire('CHANNEL_UNBRIDGE', headers, { origin: BRIDGE_ORIGIN });
  return end;
}

/**
 * A bridge made outside the bridge application (switch_ivr_uuid_bridge, as uuid_bridge
 * and intercept make it): when one leg hangs up the other is hung up with the same
 * cause, unless it set park_after_bridge=true.
 */
export function bridgeDetached(a: Session, b: Session): Promise<void> {
  return bridgeLegs(a, b).then((end) => {
    const survivor = end.endedBy === a ? b : a;
    if (survivor.channel.getVariable('park_after_bridge') !== 'true') survivor.hangup(end.cause);
  });
}
