import { isReason } from '../calls/status.js';
import type { HangupReason } from '../contract.js';
import type { ActionHandler } from './types.js';

/**
 * `hangup`: the hangup application with the cause for `reason` (normal by default),
 * or with the reason another call ended with (`reference_id`, connect's relay_reason).
 * The call ends with the channel; the action never completes.
 */
export const hangup: ActionHandler<'hangup'> = {
  manual: true,
  async start(run) {
    const { reason, reference_id: referenceId } = run.action.option;
    let chosen: Exclude<HangupReason, ''> = reason !== undefined && isReason(reason) ? reason : 'normal';
    if (referenceId !== undefined && referenceId !== '') {
      const other = run.deps.registry.get(referenceId)?.call ?? (await run.deps.calls.get(referenceId));
      if (other && other.hangup_reason !== '') chosen = other.hangup_reason;
    }
    await run.hangup(chosen);
  },
};
