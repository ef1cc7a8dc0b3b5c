import { NO_SUCH_CHANNEL, type ApiHandler } from './types.js';

/** `uuid_getvar <uuid> <var>`: the value, or `_undef_`. */
export const uuidGetvar: ApiHandler = ({ core }, arg) => {
  const [uuid, name] = arg.trim().split(/\s+/);
  if (!uuid || !name) return '-USAGE: <uuid> <var>\n';
  const session = core.locate(uuid);
  if (!session) return NO_SUCH_CHANNEL;
  return session.channel.getVariable(name) ?? '_undef_';
};
