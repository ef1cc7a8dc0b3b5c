import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { EmbeddedDatabase, isDatabaseLocked, MemoryCache } from '../src/index.js';
import { cacheSuite } from './cache-suite.js';
import { sqlSuite } from './sql-suite.js';

sqlSuite('embedded SQLite', async () => {
  const db = await EmbeddedDatabase.open();
  return { db, cleanup: () => db.close() };
});

cacheSuite('in-memory', async () => new MemoryCache());

sqlSuite('embedded SQLite in a file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'voxmesh-store-'));
  const db = await EmbeddedDatabase.open({ file: join(dir, 'data.db') });
  return { db, cleanup: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
});

describe('embedded SQLite in a file', () => {
  let dir: string;
  beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'voxmesh-store-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps what was committed across a close and an open, in WAL mode', async () => {
    const file = join(dir, 'data.db');
    const first = await EmbeddedDatabase.open({ file });
    await first.execute('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    await first.transaction(async (tx) => void (await tx.execute('INSERT INTO notes (body) VALUES (?)', ['kept'])));
    await first.execute('INSERT INTO notes (body) VALUES (?)', ['also kept']);
    expect(await first.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    await first.close();
    const second = await EmbeddedDatabase.open({ file });
    expect((await second.query<{ body: string }>('SELECT body FROM notes ORDER BY id')).map((row) => row.body)).toEqual(['kept', 'also kept']);
    await second.close();
  });

  it('refuses a second opener of the same file while the first holds it, and lets it in after', async () => {
    const file = join(dir, 'data.db');
    const first = await EmbeddedDatabase.open({ file });
    const refused = await EmbeddedDatabase.open({ file }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isDatabaseLocked(refused)).toBe(true);
    await first.close();
    const second = await EmbeddedDatabase.open({ file });
    expect(await second.ping()).toBe(true);
    await second.close();
  });
});
