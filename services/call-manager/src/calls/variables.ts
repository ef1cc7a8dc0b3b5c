import type { Call } from '../contract.js';

/** The activeflow variable DTMF is collected into, as voipbin names it. */
export const DIGITS_VARIABLE = 'voipbin.call.digits';

/**
 * The variables a call's activeflow starts with (voipbin §1.5): who called whom, the
 * direction, the master call, empty digits, and the device and its owner when the
 * call came from one.
 */
export function callVariables(call: Call): Record<string, string> {
  const variables: Record<string, string> = {
    'voipbin.call.id': call.id,
    'voipbin.call.direction': call.direction,
    'voipbin.call.master_call_id': call.master_call_id,
    'voipbin.call.account_id': call.account_id,
    [DIGITS_VARIABLE]: '',
  };
  for (const [side, address] of [
    ['source', call.source],
    ['destination', call.destination],
  ] as const) {
    variables[`voipbin.call.${side}.type`] = address.type;
    variables[`voipbin.call.${side}.target`] = address.target;
    variables[`voipbin.call.${side}.target_name`] = address.target_name ?? '';
    variables[`voipbin.call.${side}.name`] = address.name ?? '';
    variables[`voipbin.call.${side}.detail`] = address.detail ?? '';
  }
  if (call.device) {
    variables['voipbin.call.device_id'] = call.device.id;
    variables['voipbin.call.owner_id'] = call.device.user_id;
  }
  return variables;
}
