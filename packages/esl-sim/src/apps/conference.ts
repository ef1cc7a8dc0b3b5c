import { parseJoinSpec } from '../conference/conferences.js';
import type { AppHandler } from './types.js';

/** `conference <name>[@profile][+flags{…}]`: answers and stays until hangup or kick; queued messages run meanwhile. */
export const conference: AppHandler = async ({ session, core, eventLock }, arg) => {
  const spec = parseJoinSpec(arg);
  if (spec.name === '') return;
  session.answer();
  await session.serveWhile(core.conferences.join(session, spec), eventLock);
};
