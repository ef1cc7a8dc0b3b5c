import type { Call } from '../contract.js';
import type { CallState } from './call-state.js';

/**
 * Compile-time checks, run by `tsc -b` (never called): a call publishes only what
 * call-manager's catalog declares, with data of the declared shape.
 */
export function callEventChecks(state: CallState, call: Call): void {
  state.publish('call_updated', call);
  // @ts-expect-error: call_answered is not declared (an answered call is call_progressing)
  state.publish('call_answered', call);
  // @ts-expect-error: a dtmf_received carries the digit, not the call
  state.publish('dtmf_received', call);
}
