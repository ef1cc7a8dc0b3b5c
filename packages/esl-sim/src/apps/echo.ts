import type { AppHandler } from './types.js';

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
    await session.nextFrame();
    if (!eventLock) await session.serveQueued();
    if (session.takeBreak()) return;
  }
};
