import { describe, expect, it } from '@jest/globals';
import { parseFlags } from '@voxmesh/config';
import { callManagerFlags, parseEslAddrs, settingsFrom } from './config.js';

describe('call-manager flags', () => {
  it('reads one media server or several', () => {
    expect(parseEslAddrs('127.0.0.1:8021')).toEqual([{ host: '127.0.0.1', port: 8021, address: '127.0.0.1:8021' }]);
    expect(parseEslAddrs('fs1:8021, fs2:8022,[::1]:8023').map((addr) => addr.host)).toEqual(['fs1', 'fs2', '::1']);
    expect(() => parseEslAddrs('fs1')).toThrow(/host:port/);
  });

  it('has the defaults the issue names, and refuses a bad address', () => {
    const settings = settingsFrom(parseFlags(callManagerFlags, []).values);
    expect(settings).toMatchObject({ eslPassword: 'ClueCon', eslListenAddr: ':8084', maxCallDurationMs: 3_600_000 });
    expect(settings.eslAddrs.map((addr) => addr.address)).toEqual(['127.0.0.1:8021']);
    expect(() => parseFlags(callManagerFlags, ['-esl_addr', 'nowhere'])).toThrow(/esl_addr/);
    expect(() => parseFlags(callManagerFlags, ['-esl_listen_addr', '8084'])).toThrow(/esl_listen_addr/);
  });
});
