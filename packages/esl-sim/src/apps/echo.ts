import type { Session } from '../core/session.js';
import type { AppHandler } from './types.js';

/** The next 20 ms audio frame, read in real time as the switch reads it (the controller's round trips are real too); sooner on hangup. */
async function nextFrame(session: Session): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([new Promise((resolve) => (timer = setTimeout(resolve, 20))), session.hungUp]);
  clearTimeout(timer);
}

/**
 * `echo` (mod_dptools.c, echo_function → switch_ivr_session_echo): echoes the caller's
 * audio frame by frame until hangup or CF_BREAK. On each frame it first runs what is
 * queued for the channel (switch_ivr_parse_all_events), unless it was itself sent with
 * event-lock, and only then looks at CF_BREAK: an application queued right behind a
 * uuid_break runs nested inside echo, takes the break (starting an application clears
 * CF_BREAK) and echo goes on.
 */
export const echo: AppHandler = async ({ session, eventLock }) => {
  while (session.up) {
    await nextFrame(session);
    if (!eventLock) await session.serveQueued();
    if (session.breaks.take()) return;
  }
};
