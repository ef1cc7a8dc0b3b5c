import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import amqp from 'amqplib';
import type { ChannelModel } from 'amqplib';
import { coalesceWrites } from './coalesce-writes.js';

const rabbitUrl = process.env.RABBIT_ADDR ?? 'amqp://guest:guest@127.0.0.1:5672';

/**
 * The coalescing reaches into amqplib's connection for its socket. When an amqplib
 * upgrade moves it, this fails rather than the platform quietly paying a system call
 * per message again.
 */
describe('coalesced socket writes on an amqplib connection', () => {
  let connection: ChannelModel;

  beforeAll(async () => {
    connection = await amqp.connect(rabbitUrl);
  });

  afterAll(async () => {
    await connection?.close();
  });

  it("finds amqplib's socket and sends a tick's frames in one write", async () => {
    expect(coalesceWrites(connection)).toBe(true);
    const socket = (connection as unknown as { connection: { stream: Record<string, (...args: unknown[]) => unknown> } }).connection.stream;
    let writes = 0;
    for (const method of ['_write', '_writev']) {
      const original = socket[method]!.bind(socket);
      socket[method] = (...args: unknown[]) => {
        writes++;
        return original(...args);
      };
    }
    const channel = await connection.createChannel();
    const queue = (await channel.assertQueue('', { exclusive: true })).queue;
    writes = 0;
    for (let i = 0; i < 20; i++) channel.sendToQueue(queue, Buffer.from(`m${i}`));
    let count = 0;
    for (let tries = 0; tries < 50 && count < 20; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      count = (await channel.checkQueue(queue)).messageCount;
    }
    expect(count).toBe(20);
    // Twenty messages and the queue checks went out in a handful of writes, not one each.
    expect(writes).toBeLessThan(count);
    await channel.close();
  });
});
