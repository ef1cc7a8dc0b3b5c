import { NO_SUCH_CHANNEL, type ApiHandler } from './types.js';

/** `uuid_break <uuid> [all]`: stops the media playing; `all` also drops what is queued. */
export const uuidBreak: ApiHandler = ({ core }, arg) => {
  const [uuid, all] = arg.trim().split(/\s+/);
  if (!uuid) return '-USAGE: <uuid> [all]\n';
  const session = core.locate(uuid);
  if (!session) return NO_SUCH_CHANNEL;
  if (all === 'all') session.flushQueue();
  session.breakMedia();
  return '+OK\n';
};
