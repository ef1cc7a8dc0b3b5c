import { parseJoinSpec } from '../conference/conferences.js';
import type { AppHandler } from './types.js';

/** `conference <name>[@profile][+flags{…}]`: answers and stays until hangup or kick. */
export const conference: AppHandler = async ({ session, core }, arg) => {
  const spec = parseJoinSpec(arg);
  if (spec.name === '') return;
  session.answer();
  await core.conferences.join(session, spec);
};
