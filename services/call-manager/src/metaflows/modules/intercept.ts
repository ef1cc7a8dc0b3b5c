import * as fs from '../../esl/commands.js';
import type { MetaflowHandler } from './types.js';

/** How long the target's phones ring (konami_intercept waits 20 s for the originate). */
const RING_SECONDS = 20;

/**
 * konami `intercept`: calls the target device or the user's devices (not the device of
 * the pressing call) and, when one answers, has it take the pressing call with
 * FreeSWITCH's intercept (`&intercept(<uuid>)`, as Kazoo's originate with
 * `Existing-Call-ID` does): the call is bridged to that phone, and what it was ringing
 * stops. With `unbridged_only` (the default) a call already bridged is left as it is.
 * `auto_answer` asks the phones to answer by themselves. The phones ring in the
 * background; the module returns once the media server has the originate. A `number`
 * target is refused, as konami builds endpoints for devices and users only.
 */
export const intercept: MetaflowHandler<'intercept'> = async (run) => {
  const { call, data, deps } = run;
  const log = { call_id: call.call.id, target_type: data.target_type, target_id: data.target_id };
  if ((data.target_type !== 'device' && data.target_type !== 'user') || !data.target_id) {
    deps.logger.info(log, 'metaflow intercept: needs a device or user target');
    return 'stop';
  }
  const server = deps.mediaServer(call.call.media_server);
  const legs = (
    await deps.endpoints.resolve({
      accountId: call.call.account_id,
      caller: call.call.device,
      endpoints: [{ type: data.target_type, id: data.target_id }],
      timeoutMs: RING_SECONDS * 1000,
      canCallSelf: data.can_call_self !== false,
    })
  ).filter((leg) => leg.deviceId !== call.call.device?.id);
  if (!server || legs.length === 0) {
    deps.logger.info(log, 'metaflow intercept: nobody to call');
    return 'stop';
  }
  const variables: Record<string, string> = {
    intercept_unbridged_only: String(data.unbridged_only !== false),
    originate_timeout: String(RING_SECONDS),
    origination_caller_id_name: call.call.source.target_name || call.call.source.target,
    origination_caller_id_number: call.call.source.target,
  };
  if (data.auto_answer === true) variables.sip_auto_answer = 'true';
  const command = fs.originateApp(variables, legs.map((leg) => leg.endpoint), 'intercept', call.call.channel_id);
  void server.bgapi(command, (RING_SECONDS + 30) * 1000).catch((error: unknown) => deps.logger.info({ ...log, err: error }, 'metaflow intercept: nobody answered'));
  return 'stop';
};
