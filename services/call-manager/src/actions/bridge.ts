import type { RingLeg } from '../calls/endpoint-directory.js';
import { weightedOrder } from '../calls/weighted-order.js';
import { flowCallerId } from '../calls/flow-caller-id.js';
import * as fs from '../esl/commands.js';
import type { ChannelEvent } from '../esl/event.js';
import type { ActionHandler, ActionRun } from './types.js';

/** Where the outcome goes: `SUCCESS`, or the cause nobody answered with. */
export const BRIDGE_RESULT = 'voipbin.bridge.result';
/** The answering leg's channel uuid, and how many whole seconds it stayed bridged (TwiML's DialCallSid / DialCallDuration). */
export const BRIDGE_LEG = 'voipbin.bridge.leg_id';
export const BRIDGE_DURATION = 'voipbin.bridge.duration';
const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * `bridge`: rings the devices and users the option names (looked up now, as Kazoo's
 * endpoint builder does) with FreeSWITCH's bridge application, and stays in the bridge
 * with whoever answers first until it ends; `weighted_random` rings in turn, in an order
 * drawn by weight for this call. The caller hears ringing meanwhile; a
 * failed dial does not hang it up (continue_on_fail), so the flow can go on at `_`.
 * When another phone picks the ringing call up (intercept), the action lasts as long as
 * the call in that bridge.
 */
export const bridge: ActionHandler<'bridge'> = {
  manual: true,
  async start(run) {
    const option = run.action.option;
    const call = run.live.call;
    const legs = await run.deps.endpoints.resolve({
      accountId: call.account_id,
      caller: call.device,
      endpoints: option.strategy === 'weighted_random' ? weightedOrder(option.endpoints, (endpoint) => endpoint.weight) : option.endpoints,
      timeoutMs: option.timeout ?? DEFAULT_TIMEOUT_MS,
      canCallSelf: option.can_call_self === true,
    });
    if (legs.length === 0) {
      await run.setVariables({ [BRIDGE_RESULT]: 'NO_ENDPOINTS', [BRIDGE_LEG]: '', [BRIDGE_DURATION]: '0' });
      return run.complete();
    }
    await run.execute('set', 'continue_on_fail=true');
    await run.execute('set', 'hangup_after_bridge=false');
    if (option.ringback !== undefined) await run.execute('set', `ringback=${fs.ringbackValue(option.ringback)}`);
    const sequential = option.strategy === 'single' || option.strategy === 'weighted_random';
    const callerId = flowCallerId(option.caller_id, call.source);
    const presented = { caller_id_number: option.caller_id_number ?? callerId?.number, caller_id_name: option.caller_id_name ?? callerId?.name };
    await run.execute('bridge', fs.dialString(legs.map(dialLeg), { sequential, globals: globals(legs, sequential, { ...option, ...presented }) }), {
      onComplete: async (event) => {
        await report(run, event);
        // Picked up by someone else (intercept): the call goes on in their bridge, and the action with it.
        if (!pickedOff(event)) await run.complete();
      },
    });
  },
};

function dialLeg(leg: RingLeg): fs.DialLeg {
  const variables: Record<string, string> = { leg_timeout: String(Math.max(1, leg.timeoutSeconds)), ...leg.variables };
  if (leg.delaySeconds > 0) variables.leg_delay_start = String(leg.delaySeconds);
  return { endpoint: leg.endpoint, variables };
}

/**
 * Together, the group lasts until the last leg's delay and timeout are over; in turn,
 * each leg's own timeout ends it and the next one rings (originate_continue_on_timeout).
 */
function globals(
  legs: RingLeg[],
  sequential: boolean,
  option: { ignore_early_media?: boolean | undefined; ignore_forward?: boolean | undefined; total_timeout?: number | undefined; caller_id_number?: string | undefined; caller_id_name?: string | undefined },
): Record<string, string> {
  const variables: Record<string, string> = {};
  // The bridge's legs take the caller id from these (switch_ivr_originate reads origination_caller_id_*).
  if (option.caller_id_number) variables.origination_caller_id_number = option.caller_id_number;
  if (option.caller_id_name) variables.origination_caller_id_name = option.caller_id_name;
  if (option.ignore_early_media === true) variables.ignore_early_media = 'true';
  // Kazoo's Ignore-Forward: a 3xx redirect from a leg fails it rather than being followed.
  if (option.ignore_forward === true) variables.outbound_redirect_fatal = 'true';
  if (sequential) variables.originate_continue_on_timeout = 'true';
  // The switch starts a held leg in the second after its delay (switch_ivr_originate's check_per_channel_timeouts).
  else if (option.total_timeout !== undefined) variables.originate_timeout = String(Math.max(1, Math.ceil(option.total_timeout / 1000)));
  else variables.originate_timeout = String(Math.max(...legs.map((leg) => (leg.delaySeconds > 0 ? leg.delaySeconds + 1 : 0) + Math.max(1, leg.timeoutSeconds))));
  return variables;
}

/** The switch's intercept took the call away from its bridge (switch_ivr_intercept_session). */
function pickedOff(event: ChannelEvent): boolean {
  return event.variable('originate_disposition') === 'PICKED_OFF';
}

/**
 * The bridge application's outcome in `voipbin.bridge.result`: SUCCESS (also when another
 * phone picked the call up), or the cause it failed with; on success also the leg that
 * answered (`last_bridge_to`) and the seconds from the bridge to the application's end.
 * switch_ivr_bridge.c sets both as the legs meet: SWITCH_LAST_BRIDGE_VARIABLE, and
 * switch_channel_set_bridge_time, which the event carries as Caller-Channel-Bridged-Time.
 */
export async function report(run: Pick<ActionRun<'bridge'>, 'setVariables'>, event: ChannelEvent): Promise<void> {
  const answered = event.variable('DIALSTATUS') === 'SUCCESS' || pickedOff(event);
  if (!answered) {
    await run.setVariables({ [BRIDGE_RESULT]: event.variable('originate_disposition') ?? 'NORMAL_UNSPECIFIED', [BRIDGE_LEG]: '', [BRIDGE_DURATION]: '0' });
    return;
  }
  const bridgedAt = Number(event.header('Caller-Channel-Bridged-Time'));
  const endedAt = Number(event.header('Event-Date-Timestamp'));
  const seconds = bridgedAt > 0 && endedAt >= bridgedAt ? Math.round((endedAt - bridgedAt) / 1_000_000) : 0;
  await run.setVariables({ [BRIDGE_RESULT]: 'SUCCESS', [BRIDGE_LEG]: event.variable('last_bridge_to') ?? '', [BRIDGE_DURATION]: String(seconds) });
}
