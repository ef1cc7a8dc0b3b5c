import { separateOnSpaces } from '../core/separate-string.js';
import type { ApiHandler } from './types.js';

const USAGE = '-USAGE: <uuid> [start|stop] [send_leg] [hook_dtmf] [-]<X>s [-]<X>o <X>p <X>r <X>t\n';

/**
 * `soundtouch <uuid> start|stop [send_leg] [hook_dtmf] [-]<X>s [-]<X>o <X>p <X>r <X>t`
 * (mod_soundtouch.c, soundtouch_api_function). One at a time on a channel: with one
 * running only `stop` is taken; without, only `start` with at least one adjustment
 * (`send_leg` alone is none). Arguments are matched as the module matches them, by
 * their prefix or the letter they carry. The audio is not changed; the running effect
 * shows as the `soundtouch` variable (its arguments) so that a test can see it.
 */
export const soundtouch: ApiHandler = ({ core }, arg) => {
  const argv = separateOnSpaces(arg.trim(), 10);
  if (argv.length < 2) return USAGE;
  const [uuid = '', action = ''] = argv;
  const session = core.locate(uuid);
  if (!session) return '-ERR Cannot locate session!\n';
  const running = session.channel.getVariable('soundtouch');
  if (running !== undefined) {
    if (action.toLowerCase() !== 'stop') return '-ERR Cannot run 2 at once on the same channel!\n';
    session.channel.setVariable('soundtouch', undefined);
    return '+OK Success\n';
  }
  if (action.toLowerCase() !== 'start' || argv.length < 3) return USAGE;
  const adjustments = argv.slice(2).filter((word) => {
    if (/^send_leg/i.test(word)) return false;
    return /^hook_dtmf/i.test(word) || /[prost]/.test(word);
  });
  if (adjustments.length === 0) return USAGE;
  session.channel.setVariable('soundtouch', argv.slice(2).join(' '));
  return '+OK Success\n';
};
