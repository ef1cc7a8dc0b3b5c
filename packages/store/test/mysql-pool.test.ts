import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { MysqlDatabase } from '../src/index.js';
import { dropDatabase, mysqlTarget, uniqueDatabaseName } from './targets.js';

/** The pool's bounds (`-db_pool_limit`, `-db_queue_limit`, `-db_max_idle`, `-db_idle_timeout_ms`) reach mysql2's pool. */
describe('the MySQL pool bounds', () => {
  const database = uniqueDatabaseName();
  let db: MysqlDatabase | undefined;

  afterEach(async () => {
    await db?.close();
    db = undefined;
    await dropDatabase(database);
  });

  const connectionId = async (target: MysqlDatabase) => Number((await target.query<{ id: number }>('SELECT CONNECTION_ID() AS id'))[0]!.id);

  it('works on at most the pool limit at once and refuses queries past the queue limit at once', async () => {
    db = await MysqlDatabase.open({ ...mysqlTarget, database, connectionLimit: 2, queueLimit: 1 });
    const started = Date.now();
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => db!.query('SELECT SLEEP(0.3) AS slept')));
    const refused = results.filter((result) => result.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(/queue limit/i);
    // Two at a time: the third waited for one of the first two.
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
  });

  it('closes connections beyond max idle once they have been idle for the idle timeout', async () => {
    db = await MysqlDatabase.open({ ...mysqlTarget, database, connectionLimit: 2, maxIdle: 0, idleTimeoutMs: 200 });
    const first = await connectionId(db);
    expect(await connectionId(db)).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await connectionId(db)).not.toBe(first);
  });

  it('keeps idle connections up to max idle', async () => {
    db = await MysqlDatabase.open({ ...mysqlTarget, database, connectionLimit: 2, maxIdle: 2, idleTimeoutMs: 200 });
    const first = await connectionId(db);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await connectionId(db)).toBe(first);
  });

  it('gives up on a server that takes the connection but never greets after the connect timeout', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    try {
      const started = Date.now();
      await expect(
        MysqlDatabase.open({ ...mysqlTarget, host: '127.0.0.1', port: (silent.address() as AddressInfo).port, database, connectTimeoutMs: 300 }),
      ).rejects.toThrow(/timeout|ETIMEDOUT/i);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
