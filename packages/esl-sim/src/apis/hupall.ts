import { parseHangupCause } from '../channel/hangup-causes.js';
import type { ApiHandler } from './types.js';

/** `hupall [cause] [var value]`: hangs up every channel, or those with the variable set to the value. */
export const hupall: ApiHandler = ({ core }, arg) => {
  const [causeText, name, value] = arg.trim().split(/\s+/);
  const cause = parseHangupCause(causeText) ?? 'MANAGER_REQUEST';
  for (const session of core.liveSessions()) {
    if (name && session.channel.getVariable(name) !== value) continue;
    session.hangup(cause);
  }
  return `+OK hangup all channels with cause ${cause}\n`;
};
