import { EmbeddedDatabase, MemoryCache } from '../src/index.js';
import { cacheSuite } from './cache-suite.js';
import { sqlSuite } from './sql-suite.js';

sqlSuite('embedded SQLite', async () => {
  const db = await EmbeddedDatabase.open();
  return { db, cleanup: () => db.close() };
});

cacheSuite('in-memory', async () => new MemoryCache());
