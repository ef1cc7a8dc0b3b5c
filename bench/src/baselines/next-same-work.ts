import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import amqp from 'amqplib';
import type { ConsumeMessage } from 'amqplib';
import { Redis } from 'ioredis';
import mysql from 'mysql2/promise';
import type { Call } from '../rpc.js';

/**
 * The same-work baseline of flow-manager's `next`, written plainly: an amqplib RPC
 * server that, for each request and one message at a time, reads the state from Redis,
 * does one versioned UPDATE of a JSON row in MySQL, one Redis SET and one confirmed
 * publish of an event, then replies. Nothing else: no lock, no validation, no metrics,
 * no batching. What `next` does beyond this is what the ratio against it measures.
 * The server runs as a process of its own, as flow-manager does, so the CPU each
 * spends per step is read from /proc for it alone and the two compare directly.
 */
export interface SameWorkNext {
  call: Call;
  /** The server's process, for its CPU. */
  pid: number;
  close(): Promise<void>;
}

export interface SameWorkServerOptions {
  url: string;
  mysqlUrl: string;
  database: string;
  redis: string;
  slots: number;
  prefetch: number;
  /** The request queue; the bench's client sends to it. */
  queue: string;
}

interface State {
  id: string;
  version: number;
  step: number;
  current_action: { id: string; type: string };
  variables: Record<string, string>;
}

/** The server half, run in its own process by `sameWorkNext`; it prints the activeflow ids once it serves. */
export async function runSameWorkServer(options: SameWorkServerOptions): Promise<{ ids: string[]; close(): Promise<void> }> {
  const tag = randomUUID().slice(0, 8);
  const queue = options.queue;
  const exchange = `bench.${tag}.same-work.events`;
  const server = new URL(options.mysqlUrl);
  const pool = mysql.createPool({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
    database: options.database,
    connectionLimit: 16,
  });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_same_work (id VARCHAR(64) PRIMARY KEY, version INT NOT NULL, doc JSON NOT NULL)');
  const [host, port] = options.redis.split(':');
  const redis = new Redis({ host: host!, port: Number(port ?? 6379), db: 1 });
  const key = (id: string) => `bench-${tag}:state:${id}`;

  const ids: string[] = [];
  for (let i = 0; i < options.slots; i++) {
    const id = randomUUID();
    const state: State = { id, version: 1, step: 0, current_action: { id: 'talk', type: 'talk' }, variables: { 'voipbin.call.id': randomUUID() } };
    await pool.query('INSERT INTO bench_same_work (id, version, doc) VALUES (?, 1, ?)', [id, JSON.stringify(state)]);
    await redis.set(key(id), JSON.stringify(state));
    ids.push(id);
  }

  const serverConn = await amqp.connect(options.url, { noDelay: true });
  const serverCh = await serverConn.createChannel();
  const events = await serverConn.createConfirmChannel();
  await events.assertExchange(exchange, 'fanout', { durable: false, autoDelete: false });
  await serverCh.assertQueue(queue, { durable: false, autoDelete: true });
  await serverCh.prefetch(options.prefetch);
  await serverCh.consume(queue, (message) => {
    if (!message) return;
    void (async () => {
      const { id } = JSON.parse(message.content.toString()) as { id: string };
      const state = JSON.parse((await redis.get(key(id)))!) as State;
      const version = state.version;
      state.version++;
      state.step++;
      const doc = JSON.stringify(state);
      const [result] = await pool.execute('UPDATE bench_same_work SET doc = ?, version = ? WHERE id = ? AND version = ?', [doc, state.version, id, version]);
      if ((result as { affectedRows: number }).affectedRows !== 1) throw new Error(`state ${id} moved under the baseline`);
      await redis.set(key(id), doc);
      await new Promise<void>((resolve, reject) =>
        events.publish(exchange, '', Buffer.from(JSON.stringify({ type: 'activeflow_updated', data: state })), {}, (error) => (error ? reject(error as Error) : resolve())),
      );
      serverCh.sendToQueue(message.properties.replyTo as string, Buffer.from(JSON.stringify({ status_code: 200, data: state.current_action })), {
        correlationId: message.properties.correlationId,
      });
      serverCh.ack(message);
    })();
  });
  return {
    ids,
    close: async () => {
      await events.deleteExchange(exchange).catch(() => undefined);
      await serverConn.close();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `bench-${tag}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
      redis.disconnect();
      await pool.end();
    },
  };
}

/** Starts the server in its own process and returns the client half, which drives it one request per activeflow at a time. */
export async function sameWorkNext(options: Omit<SameWorkServerOptions, 'queue'>): Promise<SameWorkNext> {
  const queue = `bench.${randomUUID().slice(0, 8)}.same-work`;
  const entry = fileURLToPath(new URL('./next-same-work-server.js', import.meta.url));
  const child = spawn(process.execPath, [entry, JSON.stringify({ ...options, queue })], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ids = await new Promise<string[]>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => candidate.startsWith('ready '));
      if (line) resolve(JSON.parse(line.slice('ready '.length)) as string[]);
    });
    void exited.then(() => reject(new Error(`the same-work server exited while starting: ${output}`)));
  });

  const clientConn = await amqp.connect(options.url, { noDelay: true });
  const clientCh = await clientConn.createChannel();
  const waiting = new Map<string, () => void>();
  await clientCh.consume(
    'amq.rabbitmq.reply-to',
    (message: ConsumeMessage | null) => {
      const id = message?.properties.correlationId as string | undefined;
      if (id) {
        waiting.get(id)?.();
        waiting.delete(id);
      }
    },
    { noAck: true },
  );
  const idle = [...ids];
  const call: Call = async () => {
    const id = idle.pop()!;
    try {
      await new Promise<void>((resolve) => {
        const correlationId = randomUUID();
        waiting.set(correlationId, resolve);
        clientCh.sendToQueue(queue, Buffer.from(JSON.stringify({ id })), { correlationId, replyTo: 'amq.rabbitmq.reply-to' });
      });
    } finally {
      idle.push(id);
    }
  };
  return {
    call,
    pid: child.pid!,
    close: async () => {
      await clientConn.close();
      // The server cleans up when its input closes.
      child.stdin!.end();
      await exited;
    },
  };
}
