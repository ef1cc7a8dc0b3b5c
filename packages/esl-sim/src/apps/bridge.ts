import type { Channel } from '../channel/channel.js';
import type { HangupCause } from '../channel/hangup-causes.js';
import { causeCode } from '../channel/hangup-causes.js';
import { bridgeLegs } from '../core/bridge.js';
import type { AppHandler } from './types.js';

/** Asterisk-style DIALSTATUS, which FreeSWITCH sets for the bridge app too. */
function dialStatus(cause: HangupCause): string {
  switch (cause) {
    case 'USER_BUSY':
      return 'BUSY';
    case 'NO_ANSWER':
    case 'NO_USER_RESPONSE':
      return 'NOANSWER';
    case 'ORIGINATOR_CANCEL':
      return 'CANCEL';
    case 'NORMAL_CIRCUIT_CONGESTION':
    case 'SWITCH_CONGESTION':
      return 'CONGESTION';
    default:
      return 'CHANUNAVAIL';
  }
}

/** `continue_on_fail`: true, or a list of causes (names or codes) that let the caller go on. */
function continuesOnFail(channel: Channel, cause: HangupCause): boolean {
  const value = channel.getVariable('continue_on_fail');
  if (value === undefined) return false;
  if (value === 'true') return true;
  const listed = value.split(',').map((s) => s.trim().toUpperCase());
  return listed.includes(cause) || listed.includes(String(causeCode(cause)));
}

/**
 * `bridge <dial string>`: dials, lets the caller hear ringing or early media, and
 * bridges on answer. The application completes when the bridge ends; if the callee
 * hung up the caller goes on (unless hangup_after_bridge=true), if the caller did
 * the callee is hung up. A failed dial hangs the caller up with the cause unless
 * continue_on_fail allows it. Messages queued meanwhile run inside the bridge.
 */
export const bridge: AppHandler = async ({ session, core, eventLock }, arg) => {
  const ch = session.channel;
  const dialing = core.dialer.dial(arg, {
    originator: session,
    onRing: () => session.ring(),
    onEarlyMedia: () => session.preAnswer(),
  });
  const result = await session.serveWhile(dialing, eventLock);
  if (ch.intercepted) {
    // Taken by `intercept` (CF_INTERCEPTED): the originate gave up and the channel is bridged elsewhere.
    ch.intercepted = false;
    if (result.ok) result.leg.hangup('ORIGINATOR_CANCEL');
    ch.setVariable('originate_disposition', 'PICKED_OFF');
    ch.setVariable('DIALSTATUS', 'CANCEL');
    return;
  }
  if (!result.ok) {
    ch.setVariable('originate_disposition', result.cause);
    ch.setVariable('originate_failed_cause', result.cause);
    ch.setVariable('DIALSTATUS', dialStatus(result.cause));
    if (session.up && !continuesOnFail(ch, result.cause)) session.hangup(result.cause);
    return;
  }
  const leg = result.leg;
  if (!session.up) {
    leg.hangup('ORIGINATOR_CANCEL');
    return;
  }
  ch.setVariable('originate_disposition', 'SUCCESS');
  ch.setVariable('DIALSTATUS', 'SUCCESS');
  leg.setState('CS_EXCHANGE_MEDIA');
  leg.startDialplan(() => leg.serveMessages());
  const end = await session.serveWhile(bridgeLegs(session, leg), eventLock);
  if (ch.intercepted) {
    // Its callee was picked off by `intercept`: the channel goes on in the interceptor's bridge.
    ch.intercepted = false;
    ch.setVariable('originate_disposition', 'PICKED_OFF');
    return;
  }
  // A caller taken into another bridge leaves the leg it dialled parked only with park_after_bridge.
  if (end.endedBy === session) {
    if (!end.transferred || leg.channel.getVariable('park_after_bridge') !== 'true') leg.hangup(end.cause);
  }
  else if (ch.getVariable('hangup_after_bridge') === 'true') session.hangup('NORMAL_CLEARING');
};
