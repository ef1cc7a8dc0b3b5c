import { splitArgs } from '../core/args.js';
import { playWithTerminators } from './media.js';
import type { AppHandler } from './types.js';

/**
 * `record <path> [time_limit_secs] [silence_thresh] [silence_hits]`: records until
 * the time limit, a terminator key, uuid_break or hangup. RECORD_STOP carries
 * Record-Completion-Cause; record_ms and record_seconds hold the length.
 */
export const record: AppHandler = async ({ session }, arg) => {
  const args = splitArgs(arg);
  const path = args[0];
  if (!path) return;
  const limitSecs = Number.parseInt(args[1] ?? '', 10);
  const limitMs = Number.isNaN(limitSecs) || limitSecs <= 0 ? Infinity : limitSecs * 1000;
  if (!session.channel.answered) session.preAnswer();
  session.startRecording(path);
  const outcome = await playWithTerminators(session, limitMs);
  const cause = outcome.outcome === 'done' ? 'success-maxtime' : outcome.outcome === 'digit' ? 'success-terminator' : 'success';
  session.channel.setVariable('record_completion_cause', cause);
  session.stopRecording(path, cause);
};
