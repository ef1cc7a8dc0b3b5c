import type { ActionHandler } from './types.js';

/** voipbin's default echo length. */
export const ECHO_DEFAULT_MS = 180_000;

type Echo = 'echo' | 'stream_echo';

/**
 * `echo`: the echo application until `duration` passes (a delayed message). Then the
 * media is broken off and the action ends only when echo's CHANNEL_EXECUTE_COMPLETE
 * comes: echo runs queued applications inside itself before it looks at the break, so
 * an application sent right behind the break would run nested in it and take the break
 * away, and echo would go on until hangup.
 */
export function echoFor<T extends Echo>(): ActionHandler<T> {
  return {
    drainBeforeNext: true,
    async start(run) {
      await run.execute('echo');
      await run.timeoutAfter(run.action.option.duration ?? ECHO_DEFAULT_MS);
    },
    async onTimeout(run) {
      // A channel already gone ends the call by its hangup event.
      await run.live.breakMedia(false).catch(() => undefined);
    },
  };
}

export const echo = echoFor<'echo'>();
/** `stream_echo`: echoes the media stream, as echo. */
export const streamEcho = echoFor<'stream_echo'>();
