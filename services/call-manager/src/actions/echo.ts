import type { ActionHandler } from './types.js';

/** voipbin's default echo length. */
export const ECHO_DEFAULT_MS = 180_000;

type Echo = 'echo' | 'stream_echo';

/** `echo`: the echo application until `duration` passes (a delayed message), then the next action. */
export function echoFor<T extends Echo>(): ActionHandler<T> {
  return {
    async start(run) {
      await run.execute('echo');
      await run.timeoutAfter(run.action.option.duration ?? ECHO_DEFAULT_MS);
    },
  };
}

export const echo = echoFor<'echo'>();
/** `stream_echo`: echoes the media stream, as echo. */
export const streamEcho = echoFor<'stream_echo'>();
