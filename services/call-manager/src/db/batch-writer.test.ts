import { describe, expect, it } from '@jest/globals';
import { EmbeddedDatabase, type SqlDatabase } from '@voxmesh/store';
import { silentLogger } from '@voxmesh/telemetry';
import { BatchWriter } from './batch-writer.js';

async function database(): Promise<EmbeddedDatabase> {
  const db = await EmbeddedDatabase.open();
  await db.execute('CREATE TABLE things (id VARCHAR(64) NOT NULL PRIMARY KEY, value INT NOT NULL, doc TEXT NOT NULL)');
  return db;
}

function writer(db: SqlDatabase, maxBatch = 200) {
  return new BatchWriter<{ id: string; value: number }>({
    db,
    table: 'things',
    logger: silentLogger(),
    maxBatch,
    columns: [
      { name: 'id', value: (row) => row.id },
      { name: 'value', value: (row) => row.value },
      { name: 'doc', value: (row) => JSON.stringify(row) },
    ],
  });
}

describe('BatchWriter', () => {
  it('writes the latest snapshot of each row, many rows per statement', async () => {
    const db = await database();
    const statements: string[] = [];
    const counting: SqlDatabase = Object.assign(Object.create(db) as SqlDatabase, {
      execute: (sql: string, params?: unknown[]) => {
        statements.push(sql);
        return db.execute(sql, params as never);
      },
    });
    const rows = writer(counting, 50);
    const row = { id: 'a', value: 1 };
    rows.write(row);
    row.value = 2;
    rows.write(row);
    for (let i = 0; i < 120; i++) rows.write({ id: `r${i}`, value: i });
    await rows.flush();
    const stored = await db.query<{ id: string; value: number }>('SELECT id, value FROM things ORDER BY id');
    expect(stored).toHaveLength(121);
    expect(stored.find((each) => each.id === 'a')?.value).toBe(2);
    expect(statements.length).toBeLessThanOrEqual(4);
    rows.write({ id: 'a', value: 3 });
    await rows.close();
    expect((await db.query<{ value: number }>("SELECT value FROM things WHERE id = 'a'"))[0]?.value).toBe(3);
    await db.close();
  });

  it('keeps what failed and writes it once the database answers again', async () => {
    const db = await database();
    let failing = true;
    const flaky: SqlDatabase = Object.assign(Object.create(db) as SqlDatabase, {
      execute: (sql: string, params?: unknown[]) => (failing ? Promise.reject(new Error('database away')) : db.execute(sql, params as never)),
    });
    const rows = writer(flaky);
    rows.write({ id: 'x', value: 1 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(rows.backlog).toBe(1);
    rows.write({ id: 'x', value: 9 });
    failing = false;
    await rows.flush();
    expect((await db.query<{ value: number }>("SELECT value FROM things WHERE id = 'x'"))[0]?.value).toBe(9);
    await db.close();
  });
});
