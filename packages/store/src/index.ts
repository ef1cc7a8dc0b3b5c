export * from './sql/database.js';
export * from './sql/mysql-database.js';
export * from './sql/embedded-database.js';
export * from './sql/migrations.js';
export * from './cache/cache.js';
export * from './cache/memory-cache.js';
export * from './cache/redis-cache.js';
export * from './sql/keyset-paging.js';
