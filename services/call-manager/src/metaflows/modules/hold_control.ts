import type { MetaflowHandler } from './types.js';

/** konami `hold_control`: holds, unholds, or (default) toggles the hold of the leg. */
export const holdControl: MetaflowHandler<'hold_control'> = async (run) => {
  const action = run.data.action ?? 'toggle';
  const hold = action === 'hold' || (action === 'toggle' && !run.call.call.hold);
  if (hold) await run.call.control.hold();
  else await run.call.control.unhold();
  return 'continue';
};
