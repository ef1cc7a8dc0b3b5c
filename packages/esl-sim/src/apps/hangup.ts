import { parseHangupCause } from '../channel/hangup-causes.js';
import type { AppHandler } from './types.js';

/** `hangup [cause]`, by name or Q.850 code; NORMAL_CLEARING by default. */
export const hangup: AppHandler = async ({ session }, arg) => {
  session.hangup(parseHangupCause(arg) ?? 'NORMAL_CLEARING');
};
