import type { HeldCall } from '../calls/live-call.js';
import type { CallRegistry } from '../calls/registry.js';

/**
 * The other leg of a call, when this replica holds it: the channel it is bridged to,
 * else the call it was dialled for (a connect's leg) or the first live one it dialled.
 */
export function peerOf(call: HeldCall, registry: CallRegistry): HeldCall | undefined {
  const live = (other: HeldCall | undefined) => (other && other !== call && !other.ending ? other : undefined);
  const bridged = call.leg.channel.bridged_to;
  const byBridge = bridged === '' ? undefined : live(registry.byChannelId(bridged));
  if (byBridge) return byBridge;
  if (call.call.master_call_id !== '') {
    const master = live(registry.get(call.call.master_call_id));
    if (master) return master;
  }
  for (const id of call.call.chained_call_ids) {
    const chained = live(registry.get(id));
    if (chained) return chained;
  }
  return undefined;
}
