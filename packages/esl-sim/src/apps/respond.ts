import { sipStatusToCause } from '../channel/hangup-causes.js';
import type { AppHandler } from './types.js';

/**
 * `respond <code> [reason]`: 180 rings, 183 brings early media, 200 answers, and a
 * final error response ends the call with the cause mod_sofia maps it to.
 */
export const respond: AppHandler = async ({ session }, arg) => {
  const code = Number.parseInt(arg.trim(), 10);
  if (Number.isNaN(code)) return;
  if (code === 180) session.ring();
  else if (code === 183) session.preAnswer();
  else if (code >= 200 && code < 300) session.answer();
  else if (code >= 300 && !session.channel.answered) {
    session.channel.setVariable('sip_term_status', String(code));
    session.hangup(sipStatusToCause(code));
  }
};
