import type { MetaflowHandler } from './types.js';

/** konami `resume`: a leg on hold is taken off it, back with the other party. */
export const resume: MetaflowHandler<'resume'> = async (run) => {
  if (run.call.call.hold) await run.call.control.unhold();
  return 'continue';
};
