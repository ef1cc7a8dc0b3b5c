import { oneLine } from '../esl/commands.js';
import type { ActionHandler } from './types.js';

/**
 * `respond` (Kazoo's `response`): `media` as early media (pre_answer, playback), then the
 * respond application with the status; done when it completes. A final error status
 * (4xx-6xx) ends the call unanswered, so nothing runs after it.
 */
export const respond: ActionHandler<'respond'> = {
  async start(run) {
    const { code, message, media } = run.action.option;
    if (media !== undefined && !run.live.answered) {
      await run.execute('pre_answer');
      await run.execute('playback', media);
    }
    await run.execute('respond', message === undefined ? String(code) : `${code} ${oneLine(message)}`);
  },
};
