import type { AppHandler } from './types.js';

export const answer: AppHandler = async ({ session }) => {
  session.answer();
};
