import type { ActionHandler } from './types.js';

/** `conference_join`: the FreeSWITCH conference named by conference_id; done when the call leaves it. */
export const conferenceJoin: ActionHandler<'conference_join'> = {
  async start(run) {
    await run.execute('conference', `${run.action.option.conference_id}@default`);
  },
};
