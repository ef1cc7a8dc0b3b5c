import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import amqp from 'amqplib';
import mysql from 'mysql2/promise';

/**
 * The same-work baseline of webhook delivery end to end, written plainly: an amqplib
 * consumer that, per event, inserts one outbox row in MySQL, POSTs the event to the
 * receiver over a kept-alive connection, marks the row done and acknowledges. No
 * hook lookup, signature, retry schedule, lease or ordering.
 */
export interface SameWorkWebhooks {
  /** Publishes `count` events and resolves with deliveries per second once the receiver has them all. */
  pump(count: number): Promise<number>;
  close(): Promise<void>;
}

export async function sameWorkWebhooks(options: {
  url: string;
  mysqlUrl: string;
  database: string;
  receiverPort: number;
  received: () => number;
  payload: (n: number) => unknown;
  prefetch: number;
}): Promise<SameWorkWebhooks> {
  const tag = randomUUID().slice(0, 8);
  const exchange = `bench.${tag}.same-work.events`;
  const queue = `bench.${tag}.same-work.deliveries`;
  const server = new URL(options.mysqlUrl);
  const pool = mysql.createPool({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
    database: options.database,
    connectionLimit: 16,
  });
  await pool.query(
    "CREATE TABLE IF NOT EXISTS bench_outbox (id VARCHAR(64) PRIMARY KEY, uri VARCHAR(255) NOT NULL, payload MEDIUMTEXT NOT NULL, state VARCHAR(16) NOT NULL DEFAULT 'pending')",
  );
  const agent = new Agent({ keepAlive: true, maxSockets: options.prefetch });
  const post = (body: Buffer) =>
    new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: options.receiverPort, path: '/same-work', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const conn = await amqp.connect(options.url, { noDelay: true });
  const consumer = await conn.createChannel();
  await consumer.assertExchange(exchange, 'fanout', { durable: false });
  await consumer.assertQueue(queue, { durable: false, autoDelete: true });
  await consumer.bindQueue(queue, exchange, '');
  await consumer.prefetch(options.prefetch);
  await consumer.consume(queue, (message) => {
    if (!message) return;
    void (async () => {
      const id = randomUUID();
      await pool.execute('INSERT INTO bench_outbox (id, uri, payload) VALUES (?, ?, ?)', [id, '/same-work', message.content.toString()]);
      const status = await post(message.content);
      await pool.execute('UPDATE bench_outbox SET state = ? WHERE id = ?', [status < 300 ? 'done' : 'failed', id]);
      consumer.ack(message);
    })();
  });
  const publisher = await conn.createConfirmChannel();
  let n = 0;
  return {
    pump: async (count) => {
      const before = options.received();
      const started = performance.now();
      for (let sent = 0; sent < count; sent++) publisher.publish(exchange, '', Buffer.from(JSON.stringify(options.payload(n++))));
      await publisher.waitForConfirms();
      while (options.received() - before < count) await new Promise((resolve) => setTimeout(resolve, 5));
      return count / ((performance.now() - started) / 1000);
    },
    close: async () => {
      await publisher.deleteExchange(exchange).catch(() => undefined);
      await conn.close();
      agent.destroy();
      await pool.end();
    },
  };
}
