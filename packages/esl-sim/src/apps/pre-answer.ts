import type { AppHandler } from './types.js';

/** 183 Session Progress with media: early media without answering. */
export const preAnswer: AppHandler = async ({ session }) => {
  session.preAnswer();
};
