import { randomUUID } from 'node:crypto';
import { MysqlDatabase, RedisCache } from '../src/index.js';
import { cacheSuite } from './cache-suite.js';
import { sqlSuite } from './sql-suite.js';
import { dropDatabase, mysqlTarget, redisTarget, uniqueDatabaseName } from './targets.js';

sqlSuite('MySQL', async () => {
  const database = uniqueDatabaseName();
  // The database does not exist yet: opening must create it.
  const db = await MysqlDatabase.open({ ...mysqlTarget, database });
  return {
    db,
    cleanup: async () => {
      await db.close();
      await dropDatabase(database);
    },
  };
});

cacheSuite('Redis', async () => {
  const cache = new RedisCache({ ...redisTarget, db: 1, keyPrefix: `test-${randomUUID()}:` });
  await cache.connect();
  return cache;
});
