import * as fs from '../esl/commands.js';
import { BRIDGE_RESULT, report } from './bridge.js';
import { flowCallerId } from '../calls/flow-caller-id.js';
import type { ActionHandler } from './types.js';

/**
 * `carrier_bridge` (Kazoo's resources / offnet): the carriers that take the number,
 * looked up now, then `bridge` over their gateways one after another (`|`, going on
 * after a gateway's timeout too), the caller hearing ringing or the carrier's early
 * media. Outcome as for `bridge`; `NO_RESOURCES` when no carrier takes the number.
 */
export const carrierBridge: ActionHandler<'carrier_bridge'> = {
  async start(run) {
    const option = run.action.option;
    const call = run.live.call;
    // A to_did from a variable that holds nothing (a call no number was routed by) is the call's destination.
    const given = option.to_did !== undefined && option.to_did !== '';
    const number = given ? option.to_did! : call.destination.target;
    // A to_did from a variable is checked now that it holds its value.
    if (given && !/^\+?[0-9*#]+$/.test(number)) {
      run.recordError('INVALID_NUMBER', `carrier_bridge: to_did ${JSON.stringify(number.slice(0, 64))} is not a number`);
      await run.setVariables({ [BRIDGE_RESULT]: 'NO_RESOURCES' });
      return;
    }
    const legs = await run.deps.carriers.legs({
      accountId: call.account_id,
      number,
      local: option.use_local_resources !== false,
      flags: option.outbound_flags ?? [],
      bypassE164: option.bypass_e164 === true,
    });
    if (legs.length === 0) {
      await run.setVariables({ [BRIDGE_RESULT]: 'NO_RESOURCES' });
      return;
    }
    await run.execute('set', 'continue_on_fail=true');
    await run.execute('set', 'hangup_after_bridge=false');
    if (option.ringback !== undefined) await run.execute('set', `ringback=${fs.ringbackValue(option.ringback)}`);
    const globals: Record<string, string> = { originate_continue_on_timeout: 'true' };
    const callerId = flowCallerId(option.caller_id, call.source);
    if (callerId?.number) globals.origination_caller_id_number = callerId.number;
    if (callerId?.name) globals.origination_caller_id_name = callerId.name;
    if (option.ignore_early_media === true) globals.ignore_early_media = 'true';
    if (option.emit_account_id === true) globals['sip_h_X-Account-ID'] = call.account_id;
    const legVariables: Record<string, string> = option.timeout !== undefined ? { leg_timeout: String(Math.max(1, Math.ceil(option.timeout / 1000))) } : {};
    const dial = fs.dialString(
      legs.map((leg) => ({ endpoint: leg.endpoint, variables: legVariables })),
      { sequential: true, globals },
    );
    await run.execute('bridge', dial, { onComplete: (event) => report(run, event) });
  },
};
