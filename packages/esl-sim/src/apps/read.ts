import { splitArgs } from '../core/args.js';
import { collectDigits, playFile, promptDigits } from './media.js';
import type { AppHandler } from './types.js';

/**
 * `read <min> <max> <file> <var_name> <timeout_ms> <terminators> [digit_timeout]`:
 * plays the prompt (a digit interrupts it and counts), collects, and sets var_name
 * and `read_result` (success, timeout or failure).
 */
export const read: AppHandler = async ({ session }, arg) => {
  const args = splitArgs(arg);
  const min = Number.parseInt(args[0] ?? '', 10);
  const max = Number.parseInt(args[1] ?? '', 10);
  const ch = session.channel;
  if (args.length < 4 || Number.isNaN(min) || Number.isNaN(max)) {
    ch.setVariable('read_result', 'failure');
    return;
  }
  const file = args[2] ?? '';
  const varName = args[3] ?? 'read_input';
  const timeoutMs = Number.parseInt(args[4] ?? '', 10) || 5000;
  const terminators = args[5] === 'none' ? '' : (args[5] ?? '#');
  const digitTimeoutMs = Number.parseInt(args[6] ?? '', 10) || timeoutMs;
  let initial = '';
  if (file !== '') {
    const outcome = await playFile(session, file, () => 'stop');
    if (outcome.outcome === 'hangup') return;
    if (outcome.outcome !== 'not-found') initial = promptDigits(outcome);
  }
  const input = await collectDigits(session, { min, max, timeoutMs, digitTimeoutMs, terminators, initial });
  if (input.outcome === 'hangup') return;
  if (input.terminator !== undefined) ch.setVariable('read_terminator_used', input.terminator);
  ch.setVariable(varName, input.digits === '' ? undefined : input.digits);
  const valid = input.digits.length >= min && input.digits.length <= max;
  ch.setVariable('read_result', input.outcome === 'timeout' && input.digits === '' ? 'timeout' : valid ? 'success' : 'failure');
};
