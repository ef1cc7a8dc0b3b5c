import { splitArgs } from '../core/args.js';
import type { Session } from '../core/session.js';
import { collectDigits, playFile, promptDigits } from './media.js';
import type { AppHandler } from './types.js';

/** Plays a prompt that any digit interrupts; the digit counts as input. */
async function prompt(session: Session, file: string): Promise<{ hangup: boolean; digits: string }> {
  if (file === '' || file === 'silence') return { hangup: false, digits: '' };
  const outcome = await playFile(session, file, () => 'stop');
  if (outcome.outcome === 'not-found') return { hangup: false, digits: '' };
  return { hangup: outcome.outcome === 'hangup', digits: promptDigits(outcome) };
}

/**
 * `play_and_get_digits <min> <max> <tries> <timeout_ms> <terminators> <file>
 * <invalid_file> <var_name> <regexp> [digit_timeout] [failure_ext]`: each try drops
 * earlier DTMF, plays the prompt, collects; valid input (length within bounds and
 * matching the regexp) goes into var_name, otherwise the invalid prompt plays and
 * the next try starts.
 */
export const playAndGetDigits: AppHandler = async ({ session, core }, arg) => {
  const args = splitArgs(arg);
  const min = Number.parseInt(args[0] ?? '', 10);
  const max = Number.parseInt(args[1] ?? '', 10);
  if (args.length < 8 || Number.isNaN(min) || Number.isNaN(max)) {
    core.logger.warn({ uuid: session.uuid, arg }, 'play_and_get_digits: usage error');
    return;
  }
  const tries = Math.max(1, Number.parseInt(args[2] ?? '1', 10) || 1);
  const timeoutMs = Math.max(0, Number.parseInt(args[3] ?? '0', 10) || 0);
  const terminators = args[4] === 'none' ? '' : (args[4] ?? '#');
  const file = args[5] ?? '';
  const invalidFile = args[6] ?? '';
  const varName = args[7] ?? 'pagd_input';
  const pattern = args[8] ?? '';
  const digitTimeoutMs = Number.parseInt(args[9] ?? '', 10) || timeoutMs;
  const ch = session.channel;
  ch.setVariable('read_terminator_used', undefined);
  for (let attempt = 0; attempt < tries && session.up; attempt++) {
    session.flushDtmf();
    const heard = await prompt(session, file);
    if (heard.hangup) return;
    const input = await collectDigits(session, { min, max, timeoutMs, digitTimeoutMs, terminators, initial: heard.digits });
    if (input.outcome === 'hangup') return;
    if (input.terminator !== undefined) ch.setVariable('read_terminator_used', input.terminator);
    if (input.digits.length >= min && input.digits.length <= max && matches(pattern, input.digits)) {
      ch.setVariable(varName, input.digits);
      return;
    }
    if (input.digits !== '') ch.setVariable(`${varName}_invalid`, input.digits);
    if (attempt + 1 < tries && (await prompt(session, invalidFile)).hangup) return;
  }
  ch.setVariable(varName, undefined);
};

function matches(pattern: string, digits: string): boolean {
  if (pattern === '') return true;
  try {
    return new RegExp(pattern).test(digits);
  } catch {
    return false;
  }
}
