import type { ApiHandler } from './types.js';

const USAGE = '-USAGE: <uuid> [start|stop|mask|unmask|pause|resume] <path> [<limit>] [<recording_vars>]\n';

/** `uuid_record <uuid> start|stop|mask|unmask|pause|resume <path> [limit_secs]`. */
export const uuidRecord: ApiHandler = ({ core }, arg) => {
  const [uuid, action, path, limit] = arg.trim().split(/\s+/);
  if (!uuid || !action || !path) return USAGE;
  const session = core.locate(uuid);
  if (!session) return '-ERR Cannot locate session!\n';
  switch (action.toLowerCase()) {
    case 'start': {
      const limitSecs = Number.parseInt(limit ?? '', 10);
      session.startRecording(path, Number.isNaN(limitSecs) ? undefined : limitSecs * 1000);
      return '+OK Success\n';
    }
    case 'stop':
      return session.stopRecording(path) ? '+OK Success\n' : '-ERR Cannot stop record session!\n';
    case 'mask':
    case 'unmask':
    case 'pause':
    case 'resume':
      return '+OK Success\n';
    default:
      return USAGE;
  }
};
