import type { AppHandler } from './types.js';

/** Parks the channel: queued messages run until it hangs up. */
export const park: AppHandler = async ({ session }) => {
  await session.park();
};
