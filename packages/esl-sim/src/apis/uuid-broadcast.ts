import { randomUUID } from 'node:crypto';
import { separateOnSpaces } from '../core/separate-string.js';
import type { Session } from '../core/session.js';
import type { ApiHandler } from './types.js';

/**
 * `uuid_broadcast <uuid> <path|app::args> [aleg|bleg|holdb|both]` (mod_commands.c,
 * uuid_broadcast_function, then switch_ivr_broadcast): the argument splits as
 * switch_separate_string splits it, on spaces into at most four parts, so a path with
 * unquoted spaces leaves its second word where the leg word belongs. A third part
 * naming no leg queues nothing, and the answer is still `+OK Message sent`.
 */
export const uuidBroadcast: ApiHandler = ({ core }, arg) => {
  const argv = separateOnSpaces(arg, 4);
  if (arg.trim() === '' || argv.length < 2) return '-USAGE: <uuid> <path> [aleg|bleg|holdb|both]\n';
  const [uuid = '', what = '', legs] = argv;
  const session = core.locate(uuid);
  if (!session) return '-ERR invalid uuid\n';
  const word = legs?.toLowerCase();
  const aleg = word === undefined || word.includes('aleg') || word.includes('both');
  const bleg = word !== undefined && (word.includes('bleg') || word.includes('both')) && !word.includes('holdb');
  const separator = what.indexOf('::');
  const app = separator < 0 ? 'playback' : what.slice(0, separator);
  const appArg = separator < 0 ? what : what.slice(separator + 2);
  const other = session.channel.bridgedTo ? core.locate(session.channel.bridgedTo.uuid) : undefined;
  const targets: (Session | undefined)[] = [...(aleg ? [session] : []), ...(bleg ? [other] : [])];
  for (const target of targets) {
    target?.enqueue({ kind: 'execute', app, arg: appArg, loops: 1, appUuid: randomUUID(), appUuidName: undefined, eventLock: true });
  }
  return '+OK Message sent\n';
};
