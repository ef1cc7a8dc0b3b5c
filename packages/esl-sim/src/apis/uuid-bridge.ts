import { bridgeLegs } from '../core/bridge.js';
import type { ApiHandler } from './types.js';

/**
 * `uuid_bridge <uuid> <other_uuid>`: bridges two existing legs. When one hangs up,
 * the other is hung up too, unless it set park_after_bridge=true.
 */
export const uuidBridge: ApiHandler = ({ core }, arg) => {
  const [a, b] = arg.trim().split(/\s+/);
  if (!a || !b) return '-USAGE: <uuid> <other_uuid>\n';
  const first = core.locate(a);
  const second = core.locate(b);
  if (!first || !second || first === second || !first.up || !second.up || first.channel.bridgedTo || second.channel.bridgedTo) {
    return '-ERR Invalid uuid\n';
  }
  void bridgeLegs(first, second).then((end) => {
    const survivor = end.endedBy === first ? second : first;
    if (survivor.channel.getVariable('park_after_bridge') !== 'true') survivor.hangup(end.cause);
  });
  return `+OK ${b}\n`;
};
