import { bridgeDetached, leaveBridge } from '../core/bridge.js';
import type { Session } from '../core/session.js';
import type { ApiHandler } from './types.js';

/** switch_channel_media_up: answered, or with early media. */
function mediaUp(session: Session): boolean {
  return session.channel.answerState === 'answered' || session.channel.answerState === 'early';
}

/**
 * `uuid_bridge <uuid> <other_uuid>` (mod_commands.c, uuid_bridge_function →
 * switch_ivr_uuid_bridge): bridges two existing legs. When one hangs up, the other is
 * hung up too, unless it set park_after_bridge=true. A leg already in a bridge leaves
 * it alive (switch_ivr_uuid_bridge sets CF_TRANSFER and moves both to CS_HIBERNATE),
 * and the partner it leaves parks with park_after_bridge=true, else is hung up, as
 * uuid_bridge_on_soft_execute decides for a leg whose bridge ended. Neither leg with media up is
 * refused; one leg without media (an inbound caller that only heard ring_ready) is
 * taken as +OK, and then the switch cannot bridge it: the caller is hung up with
 * DESTINATION_OUT_OF_ORDER and the other leg with ORIGINATOR_CANCEL, as FreeSWITCH
 * 1.10 does.
 */
export const uuidBridge: ApiHandler = ({ core }, arg) => {
  const [a, b] = arg.trim().split(/\s+/);
  if (!a || !b) return '-USAGE: <uuid> <other_uuid>\n';
  const first = core.locate(a);
  const second = core.locate(b);
  if (!first || !second || first === second || !first.up || !second.up || first.channel.bridgedTo === second.channel) {
    return '-ERR Invalid uuid\n';
  }
  if (!mediaUp(first) && !mediaUp(second)) return '-ERR Invalid uuid\n';
  const silent = [first, second].find((session) => !mediaUp(session));
  if (silent) {
    const other = silent === first ? second : first;
    queueMicrotask(() => {
      silent.hangup('DESTINATION_OUT_OF_ORDER');
      other.hangup('ORIGINATOR_CANCEL');
    });
    return `+OK ${b}\n`;
  }
  const wasBridged = [first, second].filter((session) => leaveBridge(session));
  // The old bridges end (their CHANNEL_UNBRIDGE) before the new one starts.
  const start = () => void bridgeDetached(first, second);
  if (wasBridged.length === 0) start();
  else setImmediate(start);
  return `+OK ${b}\n`;
};
