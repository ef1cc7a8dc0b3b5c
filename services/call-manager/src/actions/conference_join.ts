import type { ActionHandler } from './types.js';

/** `conference_join`: the FreeSWITCH conference named by conference_id; done when the call leaves it. */
export const conferenceJoin: ActionHandler<'conference_join'> = {
  async start(run) {
    await run.execute('conference', `${run.action.option.conference_id}@default`);
  },
  async onInterrupt(run) {
    // uuid_break does not take a member out of a conference; a kick does.
    const name = run.action.option.conference_id;
    const list = await run.api(`conference ${name} list`);
    const member = list.split('\n').find((line) => line.split(';')[2] === run.live.call.channel_id)?.split(';')[0];
    if (member) await run.api(`conference ${name} kick ${member}`);
  },
};
