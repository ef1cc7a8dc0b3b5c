import { describe, expect, it } from '@jest/globals';
import type { FlagSpec, FlagValue } from '@voxmesh/config';
import { DataDir } from './data-dir.js';
import { applyLocalDefaults, dataDirOf, onEmbeddedStandIns } from './local-defaults.js';

const declared: FlagSpec[] = ['fetch_allow_loopback', 'webhook_allow_loopback', 'master_api_key_file'].map((name) => ({ name, type: 'string', usage: name, default: '' }));
const embedded = (): Record<string, FlagValue> => ({ rabbit_addr: '', dbDSN: '', redis_addr: '', data_dir: '/tmp/somewhere', fetch_allow_loopback: false, webhook_allow_loopback: false, master_api_key_file: '' });

describe('the platform defaults of a laptop', () => {
  it('opens local targets on the embedded stand-ins, and keeps the master key in the data directory', () => {
    const values = embedded();
    const dataDir = dataDirOf(values);
    expect(dataDir?.path).toBe('/tmp/somewhere');
    expect(applyLocalDefaults(declared, values, new Set(), dataDir)).toEqual({ opened: ['fetch_allow_loopback', 'webhook_allow_loopback'] });
    expect(values).toMatchObject({ fetch_allow_loopback: true, webhook_allow_loopback: true, master_api_key_file: '/tmp/somewhere/master-api-key' });
  });

  it('leaves the guard on when any part runs on a real server', () => {
    for (const server of [{ rabbit_addr: 'amqp://guest:guest@127.0.0.1:5672' }, { dbDSN: 'root:@tcp(127.0.0.1:3306)/voxmesh' }, { redis_addr: '127.0.0.1:6379' }, { redis_sentinels: '127.0.0.1:26379' }]) {
      const values = { ...embedded(), ...server };
      expect(onEmbeddedStandIns(values)).toBe(false);
      expect(applyLocalDefaults(declared, values, new Set(), undefined)).toEqual({ opened: [] });
      expect(values).toMatchObject({ fetch_allow_loopback: false, webhook_allow_loopback: false, master_api_key_file: '' });
    }
  });

  it('never overrides a flag given on the command line, nor sets one no service declares', () => {
    const values = embedded();
    const opened = applyLocalDefaults(declared.slice(1), values, new Set(['webhook_allow_loopback', 'master_api_key_file']), new DataDir('/tmp/x'));
    expect(opened).toEqual({ opened: [] });
    expect(values).toMatchObject({ fetch_allow_loopback: false, webhook_allow_loopback: false, master_api_key_file: '' });
  });

  it('keeps nothing in a data directory when the database is in memory or on MySQL', () => {
    expect(dataDirOf({ ...embedded(), dbDSN: 'embedded:memory' })).toBeUndefined();
    expect(dataDirOf({ ...embedded(), dbDSN: 'embedded' })).toBeUndefined();
    expect(dataDirOf({ ...embedded(), dbDSN: 'mysql://root@127.0.0.1:3306/voxmesh' })).toBeUndefined();
  });
});
