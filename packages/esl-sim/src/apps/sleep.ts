import type { AppHandler } from './types.js';

/** `sleep <ms>`: DTMF pressed meanwhile stays queued for the next reader. */
export const sleep: AppHandler = async ({ session }, arg) => {
  const ms = Number.parseInt(arg, 10);
  if (Number.isNaN(ms) || ms <= 0) return;
  await session.wait(ms, { breakable: true });
};
