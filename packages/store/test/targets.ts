import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';

/** The servers the integration tests use: the machine's own unless the environment says otherwise. */
export const mysqlTarget = (() => {
  const url = new URL(process.env.TEST_MYSQL_DSN ?? 'mysql://root:@127.0.0.1:3306/unused');
  return { host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
})();

export const redisTarget = (() => {
  const [host, port] = (process.env.TEST_REDIS_ADDR ?? '127.0.0.1:6379').split(':');
  return { host: host!, port: Number(port ?? 6379) };
})();

export function uniqueDatabaseName(): string {
  return `test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
}

export async function dropDatabase(name: string): Promise<void> {
  const connection = await mysql.createConnection(mysqlTarget);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await connection.end();
  }
}
