import { NO_SUCH_CHANNEL, type ApiHandler } from './types.js';

/** `uuid_setvar <uuid> <var> [value]`: no value unsets it. */
export const uuidSetvar: ApiHandler = ({ core }, arg) => {
  const match = /^(\S+)\s+(\S+)(?:\s+(.*))?$/s.exec(arg.trim());
  if (!match) return '-USAGE: <uuid> <var> [value]\n';
  const [, uuid = '', name = '', value] = match;
  const session = core.locate(uuid);
  if (!session) return NO_SUCH_CHANNEL;
  session.channel.setVariable(name, value);
  return '+OK\n';
};
