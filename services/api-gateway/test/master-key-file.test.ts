import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { MasterKeyFile } from '../src/master-key-file.js';

describe('the master key kept in a file', () => {
  let dir: string;
  beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'voxmesh-key-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads nothing before a key was written, then the key, readable by its owner only', () => {
    const file = new MasterKeyFile(join(dir, 'master-api-key'));
    expect(file.read()).toBeUndefined();
    file.write('k'.repeat(64));
    expect(file.read()).toBe('k'.repeat(64));
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
  });

  it('takes a file anyone could read down to its owner when it writes the key', () => {
    const path = join(dir, 'master-api-key');
    writeFileSync(path, 'old\n');
    chmodSync(path, 0o644);
    new MasterKeyFile(path).write('a-new-key-of-enough-length');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(new MasterKeyFile(path).read()).toBe('a-new-key-of-enough-length');
  });

  it('reads an empty file as no key', () => {
    const path = join(dir, 'master-api-key');
    writeFileSync(path, '\n');
    expect(new MasterKeyFile(path).read()).toBeUndefined();
  });
});
