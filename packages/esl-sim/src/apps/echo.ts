import type { AppHandler } from './types.js';

/** Echoes the caller's audio back until hangup or uuid_break. */
export const echo: AppHandler = async ({ session }) => {
  await session.wait(Infinity, { breakable: true });
};
