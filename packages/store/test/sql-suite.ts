import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { silentLogger } from '@voxmesh/telemetry';
import { isDuplicateKey, migrate, OutboxRelay, OutboxWriter, outboxSchema, type Migration, type SqlDatabase } from '../src/index.js';

const migrations: Migration[] = [
  {
    version: 1,
    name: 'things',
    sql: `CREATE TABLE things (
  id VARCHAR(36) NOT NULL PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  detail TEXT,
  tm_create VARCHAR(32) NOT NULL
);
CREATE UNIQUE INDEX things_name ON things (name)`,
  },
  { version: 2, name: 'things.count', sql: 'ALTER TABLE things ADD COLUMN hits INT NOT NULL DEFAULT 0' },
];

/** What repositories rely on, run against the embedded database and MySQL alike. */
export function sqlSuite(label: string, open: () => Promise<{ db: SqlDatabase; cleanup(): Promise<void> }>): void {
  describe(`${label}: SQL database`, () => {
    let db: SqlDatabase;
    let cleanup: () => Promise<void>;
    const logger = silentLogger();

    beforeAll(async () => {
      ({ db, cleanup } = await open());
    });
    afterAll(async () => {
      await cleanup?.();
    });

    it('applies migrations once, in order, and records them', async () => {
      expect(await migrate(db, 'things-svc', migrations, logger)).toBe(2);
      expect(await migrate(db, 'things-svc', migrations, logger)).toBe(0);
      const rows = await db.query<{ version: number }>('SELECT version FROM schema_migrations WHERE service = ? ORDER BY version', ['things-svc']);
      expect(rows.map((row) => Number(row.version))).toEqual([1, 2]);
    });

    it('writes and reads with placeholders, booleans and nulls', async () => {
      await db.execute('INSERT INTO things (id, name, detail, tm_create) VALUES (?, ?, ?, ?)', ['1', 'one', null, '2026-01-01T00:00:00.000Z']);
      const rows = await db.query('SELECT id, name, detail, hits FROM things WHERE id = ?', ['1']);
      expect(rows).toEqual([{ id: '1', name: 'one', detail: null, hits: 0 }]);
      expect((await db.execute('UPDATE things SET hits = hits + 1 WHERE id = ?', ['1'])).affectedRows).toBe(1);
    });

    it('reports a unique-key violation so callers can answer 409', async () => {
      const error = await db.execute('INSERT INTO things (id, name, tm_create) VALUES (?, ?, ?)', ['2', 'one', 'now']).catch((thrown: unknown) => thrown);
      expect(isDuplicateKey(error)).toBe(true);
    });

    it('commits a transaction that resolves and rolls back one that throws', async () => {
      await db.transaction(async (tx) => {
        await tx.execute('INSERT INTO things (id, name, tm_create) VALUES (?, ?, ?)', ['3', 'three', 'now']);
      });
      await expect(
        db.transaction(async (tx) => {
          await tx.execute('INSERT INTO things (id, name, tm_create) VALUES (?, ?, ?)', ['4', 'four', 'now']);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      const ids = (await db.query<{ id: string }>('SELECT id FROM things ORDER BY id')).map((row) => row.id);
      expect(ids).toEqual(['1', '3']);
    });

    it('outbox: publishes what committed transactions recorded, in order, and nothing a rollback undid', async () => {
      await migrate(db, 'outbox-svc', [{ version: 1, name: 'outbox', sql: outboxSchema('test_outbox') }], logger);
      const published: string[] = [];
      const relay = new OutboxRelay({ db, table: 'test_outbox', publish: async (type, data) => void published.push(`${type}:${(data as { n: number }).n}`), batchSize: 2 });
      for (const n of [1, 2, 3]) await db.transaction(async (tx) => new OutboxWriter(tx, 'test_outbox').add('thing_created', { n }));
      await expect(
        db.transaction(async (tx) => {
          await new OutboxWriter(tx, 'test_outbox').add('thing_created', { n: 99 });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      await relay.flush();
      expect(published).toEqual(['thing_created:1', 'thing_created:2', 'thing_created:3']);
      expect(await db.query('SELECT seq FROM test_outbox')).toEqual([]);
    });

    it('outbox: a publish that fails leaves the event for the next sweep, by this relay or another', async () => {
      let down = true;
      const published: number[] = [];
      const publish = async (_type: string, data: unknown) => {
        if (down) throw new Error('broker away');
        published.push((data as { n: number }).n);
      };
      const errors: unknown[] = [];
      const first = new OutboxRelay({ db, table: 'test_outbox', publish, onError: (error) => errors.push(error) });
      await new OutboxWriter(db, 'test_outbox').add('thing_created', { n: 4 });
      await new OutboxWriter(db, 'test_outbox').add('thing_created', { n: 5 });
      await first.flush();
      expect(errors).toHaveLength(1);
      expect(published).toEqual([]);
      // As after a crash: another relay (a restarted or other replica) sweeps what was left.
      down = false;
      const second = new OutboxRelay({ db, table: 'test_outbox', publish });
      await second.flush();
      expect(published).toEqual([4, 5]);
      expect(await db.query('SELECT seq FROM test_outbox')).toEqual([]);
    });

    it('outbox: two relays sweeping at once publish each event once', async () => {
      for (let n = 0; n < 40; n++) await new OutboxWriter(db, 'test_outbox').add('thing_created', { n });
      const published: number[] = [];
      const publish = async (_type: string, data: unknown) => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        published.push((data as { n: number }).n);
      };
      const a = new OutboxRelay({ db, table: 'test_outbox', publish, batchSize: 5 });
      const b = new OutboxRelay({ db, table: 'test_outbox', publish, batchSize: 5 });
      await Promise.all([a.flush(), b.flush()]);
      expect([...published].sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    });

    it('answers ping', async () => {
      expect(await db.ping()).toBe(true);
    });
  });
}
