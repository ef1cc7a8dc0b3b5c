import { NO_SUCH_CHANNEL, type ApiHandler } from './types.js';

/** `uuid_answer <uuid>`. */
export const uuidAnswer: ApiHandler = ({ core }, arg) => {
  const uuid = arg.trim();
  if (uuid === '') return '-USAGE: <uuid>\n';
  const session = core.locate(uuid);
  if (!session || !session.up) return NO_SUCH_CHANNEL;
  session.answer();
  return '+OK\n';
};
