import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FlagError, formatUsage, parseFlags } from '@voxmesh/config';
import { silentLogger } from '@voxmesh/telemetry';
import { FLAGS, mergeRepeated, optionsFromFlags } from '../src/cli.js';
import { STOCK_MODULES } from '../src/index.js';

describe('the command line', () => {
  it('collects a repeated -app_addr into one comma-separated value', () => {
    expect(mergeRepeated(['-app_addr', 'a:1', '-time_scale=0.5', '--app_addr=b:2', '-app_addr', 'c:3'], 'app_addr')).toEqual(['-app_addr=a:1,b:2,c:3', '-time_scale=0.5']);
    expect(mergeRepeated(['-time_scale', '2'], 'app_addr')).toEqual(['-time_scale', '2']);
  });

  it('turns flags into simulator options, with the defaults of a FreeSWITCH box', () => {
    const defaults = optionsFromFlags(parseFlags(FLAGS, []).values, silentLogger());
    expect(defaults).toMatchObject({ eslListenAddr: ':8021', eslPassword: 'ClueCon', appAddrs: ['127.0.0.1:8084'], controlListenAddr: ':8022', timeScale: 1 });
    const dir = mkdtempSync(path.join(tmpdir(), 'esl-sim-'));
    try {
      const table = path.join(dir, 'prompts.json');
      writeFileSync(table, JSON.stringify({ '/sounds/welcome.wav': 4200 }));
      const argv = mergeRepeated(['-app_addr', '10.0.0.1:8084', '-app_addr', '10.0.0.2:8084', '-time_scale', '0.01', '-prompt_table', table, '-esl_password', 'secret'], 'app_addr');
      expect(optionsFromFlags(parseFlags(FLAGS, argv).values, silentLogger())).toMatchObject({
        appAddrs: ['10.0.0.1:8084', '10.0.0.2:8084'],
        timeScale: 0.01,
        prompts: { '/sounds/welcome.wav': 4200 },
        eslPassword: 'secret',
      });
      expect(optionsFromFlags(parseFlags(FLAGS, ['-app_addr=']).values, silentLogger()).appAddrs).toEqual([]);
      expect(defaults.modules).toBeUndefined();
      expect(optionsFromFlags(parseFlags(FLAGS, ['-extra_modules', 'mod_amd, mod_http_cache']).values, silentLogger()).modules).toEqual([...STOCK_MODULES, 'mod_amd', 'mod_http_cache']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad time scale or listen address, naming the flag', () => {
    expect(() => parseFlags(FLAGS, ['-time_scale', '0'])).toThrow(FlagError);
    expect(() => parseFlags(FLAGS, ['-time_scale', 'fast'])).toThrow(/time_scale/);
    expect(() => parseFlags(FLAGS, ['-esl_listen_addr', 'nowhere'])).toThrow(/esl_listen_addr/);
    expect(() => parseFlags(FLAGS, [], { TIME_SCALE: '-1' })).toThrow(/TIME_SCALE/);
  });

  it('documents every flag in -h', () => {
    const usage = formatUsage('esl-sim', FLAGS);
    for (const flag of ['esl_listen_addr', 'esl_password', 'app_addr', 'control_listen_addr', 'time_scale', 'prompt_table', 'log_level']) {
      expect(usage).toContain(`  -${flag} `);
    }
    expect(usage).toContain('(default "127.0.0.1:8084")');
  });
});
