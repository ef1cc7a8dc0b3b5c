import { collectDigits, playFile, promptDigits } from '../apps/media.js';
import type { Session } from '../core/session.js';

/** What an answered leg must do before it may win, from `group_confirm_*` variables. */
export interface GroupConfirm {
  key: string;
  file: string;
  errorFile: string;
  /** group_confirm_read_timeout, 5000 ms by default. */
  readTimeoutMs: number;
  /** group_confirm_cancel_timeout: once a leg is confirming, the group's and legs' limits stop. */
  cancelTimeout: boolean;
}

/**
 * The confirmation switch_ivr_originate asks of an answered leg when `group_confirm_key`
 * is set (check_channel_status tags the leg, launch_collect_thread): the leg's own
 * variables, as a per-leg `[...]` block gives them (FreeSWITCH's originate unit test
 * `originate_test_group_confirm_leg`), else the dial string's `{...}` block.
 */
export function groupConfirmOf(variables: Map<string, string>): GroupConfirm | undefined {
  const key = variables.get('group_confirm_key') ?? '';
  if (key === '') return undefined;
  const timeout = Number.parseInt(variables.get('group_confirm_read_timeout') ?? '', 10);
  const cancel = (variables.get('group_confirm_cancel_timeout') ?? '').toLowerCase();
  return {
    key,
    file: variables.get('group_confirm_file') ?? '',
    errorFile: variables.get('group_confirm_error_file') ?? '',
    readTimeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : 5000,
    cancelTimeout: cancel === 'true' || cancel === '1' || cancel === 'yes',
  };
}

/**
 * collect_thread_run (switch_ivr_originate.c): while the leg is up, switch_ivr_read plays
 * `group_confirm_file` and reads as many digits as the key has, within the read
 * timeout; the key makes the leg the winner (CF_WINNER), anything else plays
 * `group_confirm_error_file` and asks again. Only a hangup (the callee's, a timeout's,
 * or a lost race) ends the asking. `exec` keys (running an application) are not simulated.
 */
export async function confirmLeg(leg: Session, confirm: GroupConfirm): Promise<boolean> {
  while (leg.up) {
    let initial = '';
    if (confirm.file !== '') {
      const played = await playFile(leg, confirm.file, () => 'stop');
      if (played.outcome === 'hangup') return false;
      if (played.outcome !== 'not-found') initial = promptDigits(played);
    }
    const read = await collectDigits(leg, {
      min: confirm.key.length,
      max: confirm.key.length,
      timeoutMs: confirm.readTimeoutMs,
      digitTimeoutMs: confirm.readTimeoutMs,
      terminators: '',
      initial,
    });
    if (read.outcome === 'hangup' || !leg.up) return false;
    if (read.digits === confirm.key) return true;
    if (confirm.errorFile !== '') {
      const error = await playFile(leg, confirm.errorFile, () => 'drop');
      if (error.outcome === 'hangup') return false;
    }
  }
  return false;
}
