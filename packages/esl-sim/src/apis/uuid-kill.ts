import { parseHangupCause } from '../channel/hangup-causes.js';
import { NO_SUCH_CHANNEL, type ApiHandler } from './types.js';

/** `uuid_kill <uuid> [cause]`. */
export const uuidKill: ApiHandler = ({ core }, arg) => {
  const [uuid, cause] = arg.trim().split(/\s+/);
  if (!uuid) return '-USAGE: <uuid> [cause]\n';
  const session = core.locate(uuid);
  if (!session) return NO_SUCH_CHANNEL;
  session.hangup(parseHangupCause(cause) ?? 'NORMAL_CLEARING');
  return '+OK\n';
};
