import type { AppHandler } from './types.js';

/** 180 Ringing. */
export const ringReady: AppHandler = async ({ session }) => {
  session.ring();
};
