import { bridgeDetached } from '../core/bridge.js';
import type { Session } from '../core/session.js';
import type { AppHandler } from './types.js';

const truthy = (value: string | undefined) => value !== undefined && /^(true|yes|on|1|enabled|active|allow)$/i.test(value.trim());

/**
 * `intercept [-bleg] <uuid>` (mod_dptools.c, intercept_function →
 * switch_ivr_intercept_session): takes the channel `uuid` away from whatever it is doing
 * and bridges it with this one. With `-bleg` the uuid is a leg being rung and the channel
 * taken is the one ringing it (switch_ivr_find_bridged_uuid reads originate_signal_bond).
 * `intercept_unbridged_only` refuses a bridged channel, `intercept_unanswered_only` an
 * answered one; then nothing happens and the application just ends. The taken channel's
 * originate gives up (CF_TRANSFER): the intercepted leg ends with PICKED_OFF, its other
 * ringing legs with ORIGINATOR_CANCEL; a leg it was bridged to ends with PICKED_OFF. The
 * two are bridged as uuid_bridge bridges them, and the application returns at once.
 */
export const intercept: AppHandler = async ({ session, core }, arg) => {
  const words = arg.trim().split(/\s+/).filter((word) => word !== '');
  const bleg = words[0]?.toLowerCase() === '-bleg';
  const named = bleg ? words[1] : words[0];
  if (named === undefined) return;
  let picked: Session | undefined;
  let uuid = named;
  if (bleg) {
    picked = core.locate(named);
    const partner = picked?.channel.getVariable('signal_bond') ?? picked?.channel.getVariable('originate_signal_bond');
    if (!partner) return;
    uuid = partner;
  }
  const taken = core.locate(uuid);
  if (!taken || !taken.up || taken === session) return;
  const ch = session.channel;
  if (truthy(ch.getVariable('intercept_unbridged_only')) && taken.channel.bridgedTo) return;
  if (truthy(ch.getVariable('intercept_unanswered_only')) && taken.channel.answered) return;
  session.answer();
  taken.answer();
  taken.channel.intercepted = true;
  const partner = taken.channel.bridgedTo;
  for (const leg of core.liveSessions()) {
    if (leg.channel.getVariable('originating_leg_uuid') !== taken.uuid || leg.channel.answered) continue;
    if (leg !== picked) leg.hangup('ORIGINATOR_CANCEL');
  }
  picked?.hangup('PICKED_OFF');
  const partnerSession = partner ? core.locate(partner.uuid) : undefined;
  if (partnerSession) {
    partnerSession.hangup('PICKED_OFF');
    // The old bridge lets go of the channel before the new one takes it.
    for (let turns = 0; taken.channel.bridgedTo && turns < 1000; turns++) await new Promise((resolve) => setImmediate(resolve));
  }
  if (session.up && taken.up) void bridgeDetached(session, taken);
};
