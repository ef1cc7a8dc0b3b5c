import type { MetaflowHandler } from './types.js';

/** konami `hangup`: the leg that pressed the digits hangs up; nothing follows. */
export const hangup: MetaflowHandler<'hangup'> = async (run) => {
  await run.call.requestHangup('normal');
  return 'stop';
};
