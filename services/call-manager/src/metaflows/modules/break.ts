import type { MetaflowHandler } from './types.js';

/** konami `break`: stops the media playing to the leg (what is queued behind it plays on). */
export const breakMedia: MetaflowHandler<'break'> = async (run) => {
  await run.call.breakMedia(false);
  return 'continue';
};
