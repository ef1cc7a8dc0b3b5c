import { randomUUID } from 'node:crypto';
import type { Session } from '../core/session.js';
import type { ApiHandler } from './types.js';

/**
 * `uuid_broadcast <uuid> <path|app::args> [aleg|bleg|holdb|both]`: queues a
 * playback (or the named application) on the leg or legs.
 */
export const uuidBroadcast: ApiHandler = ({ core }, arg) => {
  const match = /^(\S+)\s+(.+?)(?:\s+(aleg|bleg|holdb|both))?\s*$/s.exec(arg.trim());
  if (!match) return '-USAGE: <uuid> <path> [aleg|bleg|holdb|both]\n';
  const [, uuid = '', what = '', leg = 'aleg'] = match;
  const session = core.locate(uuid);
  if (!session) return '-ERR invalid uuid\n';
  const separator = what.indexOf('::');
  const app = separator < 0 ? 'playback' : what.slice(0, separator);
  const appArg = separator < 0 ? what : what.slice(separator + 2);
  const other = session.channel.bridgedTo ? core.locate(session.channel.bridgedTo.uuid) : undefined;
  const targets: (Session | undefined)[] = leg === 'bleg' ? [other] : leg === 'both' ? [session, other] : [session];
  for (const target of targets) {
    target?.enqueue({ kind: 'execute', app, arg: appArg, loops: 1, appUuid: randomUUID(), appUuidName: undefined, eventLock: true });
  }
  return '+OK Message sent\n';
};
