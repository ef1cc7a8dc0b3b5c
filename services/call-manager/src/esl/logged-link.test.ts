import { describe, expect, it } from '@jest/globals';
import type { Logger } from '@voxmesh/telemetry';
import { EslCommandError } from './errors.js';
import type { LegLink } from './leg-link.js';
import { LoggedLink } from './logged-link.js';

describe('a logged link', () => {
  it('logs each command and the reply at debug level, under the logger it was given (the call)', async () => {
    const lines: Array<{ fields: Record<string, unknown>; message: string }> = [];
    const logger = { debug: (fields: Record<string, unknown>, message: string) => void lines.push({ fields, message }) } as unknown as Logger;
    const link: LegLink = {
      kind: 'socket',
      channelId: 'chan-1',
      execute: async () => undefined,
      hangup: async () => Promise.reject(new EslCommandError('hangup', '-ERR invalid session id [chan-1]')),
      api: async () => '+OK Message sent\n',
      release: () => undefined,
    };
    const logged = new LoggedLink(link, logger);
    expect(logged.kind).toBe('socket');
    await logged.execute('speak', 'flite|slt|hi', 'app-1');
    await logged.api("uuid_broadcast chan-1 'speak::flite|slt|hi' aleg");
    await expect(logged.hangup('NORMAL_CLEARING')).rejects.toBeInstanceOf(EslCommandError);
    expect(lines).toEqual([
      { fields: { channel_id: 'chan-1', link: 'socket', command: 'execute speak flite|slt|hi', application_uuid: 'app-1', reply: '+OK' }, message: 'event socket command' },
      { fields: { channel_id: 'chan-1', link: 'socket', command: "api uuid_broadcast chan-1 'speak::flite|slt|hi' aleg", reply: '+OK Message sent' }, message: 'event socket command' },
      { fields: { channel_id: 'chan-1', link: 'socket', command: 'hangup NORMAL_CLEARING', reply: 'hangup: -ERR invalid session id [chan-1]' }, message: 'event socket command refused' },
    ]);
  });
});
