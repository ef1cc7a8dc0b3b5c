import amqp from 'amqplib';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';

export { eventually, freePort, sleep } from './waiting.js';
export { privateRedisAvailable, startPrivateRedisGroup, type PrivateRedisGroup, type PrivateRedisOptions } from './private-redis.js';
export { privateRabbitAvailable, startPrivateRabbit, type PrivateRabbit, type PrivateRabbitOptions } from './private-rabbit.js';
export { HttpReceiver, type ReceivedRequest } from './http-receiver.js';
export { silentWav } from './audio.js';

/**
 * What the integration tests of every service and the benchmarks share. Each test file
 * or bench works in its own namespace and database and removes them afterwards with
 * these, so runs leave the machine's RabbitMQ, MySQL and Redis as they found them.
 */
/** The servers the tests use: the machine's own unless RABBIT_ADDR, TEST_MYSQL_DSN or TEST_REDIS_ADDR say otherwise. */
export const rabbitUrl = process.env.RABBIT_ADDR ?? 'amqp://guest:guest@127.0.0.1:5672';
export const redisAddr = process.env.TEST_REDIS_ADDR ?? '127.0.0.1:6379';
const mysqlUrl = new URL(process.env.TEST_MYSQL_DSN ?? 'mysql://root:@127.0.0.1:3306/unused');
export const mysqlTarget = {
  host: mysqlUrl.hostname,
  port: Number(mysqlUrl.port || 3306),
  user: decodeURIComponent(mysqlUrl.username),
  password: decodeURIComponent(mysqlUrl.password),
};

/** Deletes queues and exchanges, each on its own channel, since a missing one closes the channel. */
export async function deleteQueuesAndExchanges(rabbitUrl: string, queues: string[], exchanges: string[]): Promise<void> {
  const connection = await amqp.connect(rabbitUrl);
  try {
    for (const queue of queues) {
      const channel = await connection.createChannel();
      channel.on('error', () => undefined);
      await channel.deleteQueue(queue).catch(() => undefined);
      await channel.close().catch(() => undefined);
    }
    for (const exchange of exchanges) {
      const channel = await connection.createChannel();
      channel.on('error', () => undefined);
      await channel.deleteExchange(exchange).catch(() => undefined);
      await channel.close().catch(() => undefined);
    }
  } finally {
    await connection.close();
  }
}

/** Deletes the keys matching `pattern` in Redis database 1, where the services keep theirs. */
export async function deleteRedisKeys(address: string, pattern: string): Promise<void> {
  const [host, port] = address.split(':');
  const redis = new Redis({ host: host!, port: Number(port ?? 6379), db: 1, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null, disconnectTimeout: 50 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Drops `database` on the server of `serverUrl` (`mysql://user:password@host:port`, any path ignored). */
export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  const url = new URL(serverUrl);
  const connection = await mysql.createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database.replace(/`/g, '')}\``);
  } finally {
    await connection.end();
  }
}

export interface MeshTarget {
  rabbitUrl: string;
  namespace: string;
  dsn: string;
  redisAddr: string;
  logLevel?: string;
}

/** The common flags a service under test starts with: real servers, its own namespace, an ephemeral metrics port. */
export function meshArgv(target: MeshTarget): string[] {
  return [
    '-rabbit_addr',
    target.rabbitUrl,
    '-rabbit_namespace',
    target.namespace,
    '-dbDSN',
    target.dsn,
    '-redis_addr',
    target.redisAddr,
    '-prom_listen_addr',
    '127.0.0.1:0',
    '-log_level',
    target.logLevel ?? 'silent',
  ];
}
