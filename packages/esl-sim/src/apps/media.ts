import type { Channel } from '../channel/channel.js';
import type { Session } from '../core/session.js';
import type { Header } from '../protocol/event.js';

export type PlayOutcome = { outcome: 'done' | 'break' | 'hangup' } | { outcome: 'digit'; digit: string };

/** What a digit does to a playing prompt: stop it (and be kept) or be dropped. */
export type DigitRule = (digit: string) => 'stop' | 'drop';

/**
 * `playback_terminators` as mod_dptools reads it: `*` when unset, `any` for every
 * key, `none` for none.
 */
export function playbackTerminators(channel: Channel): string {
  const value = channel.getVariable('playback_terminators') ?? '*';
  if (value.toLowerCase() === 'any') return '0123456789*#ABCD';
  if (value.toLowerCase() === 'none') return '';
  return value;
}

/** Plays `ms` of media; uuid_break and hangup end it, and digits as `onDigit` says. */
export async function playFor(session: Session, ms: number, onDigit: DigitRule): Promise<PlayOutcome> {
  const clock = session.core.clock;
  const end = clock.now() + ms;
  for (;;) {
    const remaining = end - clock.now();
    if (remaining <= 0) return { outcome: 'done' };
    const result = await session.wait(remaining, { breakable: true, digits: true });
    if (result.outcome === 'timeout') return { outcome: 'done' };
    if (result.outcome !== 'digit') return { outcome: result.outcome };
    if (onDigit(result.digit) === 'stop') return result;
  }
}

const PLAY_ORIGIN = { file: 'switch_ivr_play_say.c', func: 'switch_ivr_play_file', line: 1468 };

/**
 * `switch_ivr_play_file`: a file, URL or stream from the prompt table, between
 * PLAYBACK_START and PLAYBACK_STOP (done or break); `not-found` fires neither.
 */
export async function playFile(session: Session, path: string, onDigit: DigitRule): Promise<PlayOutcome | { outcome: 'not-found' }> {
  const clock = session.core.clock;
  // A scheme without its file interface (http:// without mod_http_cache) is "Invalid file format".
  if (!session.core.modules.playsScheme(path.replace(/^\{[^}]*\}/, ''))) return { outcome: 'not-found' };
  const length = session.core.prompts.length(path);
  if (!length.found) return { outcome: 'not-found' };
  const headers: Header[] = [];
  const type = /^(tone_stream|local_stream):\/\//.exec(path)?.[1];
  if (type) headers.push(['Playback-File-Type', type]);
  headers.push(['Playback-File-Path', path]);
  session.fire('PLAYBACK_START', headers, { origin: PLAY_ORIGIN });
  const started = clock.now();
  const outcome = await playFor(session, length.ms, onDigit);
  const playedMs = Math.floor(clock.now() - started);
  session.channel.setVariable('playback_ms', String(playedMs));
  session.channel.setVariable('playback_samples', String(playedMs * 8));
  session.fire('PLAYBACK_STOP', [...headers, ['Playback-Status', outcome.outcome === 'done' ? 'done' : 'break']], { origin: PLAY_ORIGIN });
  return outcome;
}

/** Plays a prompt to be interrupted by terminators (playback, speak, record). */
export async function playWithTerminators(session: Session, ms: number): Promise<PlayOutcome> {
  const terminators = playbackTerminators(session.channel);
  const outcome = await playFor(session, ms, (digit) => (terminators.includes(digit) ? 'stop' : 'drop'));
  if (outcome.outcome === 'digit') session.channel.setVariable('playback_terminator_used', outcome.digit);
  return outcome;
}

export interface CollectOptions {
  min: number;
  max: number;
  /** Wait for the first digit, after the prompt. */
  timeoutMs: number;
  /** Wait between digits. */
  digitTimeoutMs: number;
  terminators: string;
  /** Digits already pressed during the prompt. */
  initial: string;
}

export interface Collected {
  digits: string;
  terminator: string | undefined;
  outcome: 'complete' | 'timeout' | 'hangup';
}

/** Collects digits until max, a terminator, a timeout or hangup (switch_ivr_collect_digits_count). */
export async function collectDigits(session: Session, options: CollectOptions): Promise<Collected> {
  let digits = '';
  let terminator: string | undefined;
  for (const digit of options.initial) {
    if (options.terminators.includes(digit)) return { digits, terminator: digit, outcome: 'complete' };
    digits += digit;
  }
  while (digits.length < options.max) {
    const result = await session.wait(digits.length === 0 ? options.timeoutMs : options.digitTimeoutMs, { digits: true });
    if (result.outcome === 'hangup') return { digits, terminator, outcome: 'hangup' };
    if (result.outcome !== 'digit') return { digits, terminator, outcome: digits.length >= options.min && digits.length > 0 ? 'complete' : 'timeout' };
    if (options.terminators.includes(result.digit)) {
      terminator = result.digit;
      break;
    }
    digits += result.digit;
  }
  return { digits, terminator, outcome: 'complete' };
}

/** The digit a prompt's interruption leaves for collection: a terminator ends input at once. */
export function promptDigits(outcome: PlayOutcome): string {
  return outcome.outcome === 'digit' ? outcome.digit : '';
}
