import { VoipError } from '@voxmesh/wire';

/**
 * Stock RabbitMQ expires messages only at the head of a queue, so a queue holding mixed
 * delays would hold short ones behind long ones. Each delay is therefore rounded to a
 * level and every level gets its own queue with one TTL: 25 ms steps up to 500 ms, then
 * steps of 5%, which keeps the rounding error under 2.5% and the queue count small
 * (about 320 levels up to the maximum).
 */
const LINEAR_LIMIT_MS = 500;
const LINEAR_STEP_MS = 25;
const RATIO = 1.05;
/** RabbitMQ's TTL is a 32-bit count of ms; keep well inside it. */
export const MAX_DELAY_MS = 24 * 24 * 3600 * 1000;

export function delayLevel(delayMs: number): number {
  if (!Number.isFinite(delayMs) || delayMs < 0) {
    throw VoipError.invalidArgument('delay_ms', `delay must be a non-negative number of ms, got ${delayMs}`);
  }
  if (delayMs > MAX_DELAY_MS) {
    throw VoipError.invalidArgument('delay_ms', `delay must be at most ${MAX_DELAY_MS} ms, got ${delayMs}`);
  }
  if (delayMs <= LINEAR_LIMIT_MS) return Math.max(LINEAR_STEP_MS, Math.round(delayMs / LINEAR_STEP_MS) * LINEAR_STEP_MS);
  const step = Math.round(Math.log(delayMs / LINEAR_LIMIT_MS) / Math.log(RATIO));
  return Math.round(LINEAR_LIMIT_MS * RATIO ** step);
}
