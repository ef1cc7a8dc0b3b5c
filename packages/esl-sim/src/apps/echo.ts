import type { Session } from '../core/session.js';
import type { AppHandler } from './types.js';

/**
 * How old (real ms) a break must be before echo takes it. FreeSWITCH looks at CF_BREAK
 * once per 20 ms frame, after running what is queued: whether an application sent right
 * behind uuid_break lands in that frame depends on timing. The simulator always lets it
 * land, so a controller that does not wait for echo to end fails every time, not sometimes.
 */
const RACE_WINDOW_MS = 250;

/** The next 20 ms audio frame, read in real time as the switch reads it; sooner on hangup. */
async function nextFrame(session: Session): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, 20))), session.hungUp]);
  clearTimeout(timer);
}

/**
 * `echo` (mod_dptools.c, echo_function → switch_ivr_session_echo): echoes the caller's
 * audio frame by frame until hangup or CF_BREAK. On each frame it first runs what is
 * queued for the channel (switch_ivr_parse_all_events), unless it was itself sent with
 * event-lock, and only then looks at CF_BREAK: an application queued behind a uuid_break
 * runs nested inside echo, takes the break (starting an application clears CF_BREAK)
 * and echo goes on.
 */
export const echo: AppHandler = async ({ session, eventLock }) => {
  while (session.up) {
    await nextFrame(session);
    if (!eventLock) await session.serveQueued();
    if (session.breaks.pendingMs() >= RACE_WINDOW_MS && session.breaks.take()) return;
  }
};
