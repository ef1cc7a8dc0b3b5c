import type { AppHandler } from './types.js';

/** `record_session <path> [+<limit_secs>]`: a recording media bug; returns at once. */
export const recordSession: AppHandler = async ({ session }, arg) => {
  const [path, limit] = arg.trim().split(/\s+/);
  if (!path) return;
  const limitSecs = limit?.startsWith('+') ? Number.parseInt(limit.slice(1), 10) : Number.NaN;
  session.startRecording(path, Number.isNaN(limitSecs) ? undefined : limitSecs * 1000);
};

/** `stop_record_session <path|all>`. */
export const stopRecordSession: AppHandler = async ({ session }, arg) => {
  const path = arg.trim();
  if (path !== '') session.stopRecording(path);
};
