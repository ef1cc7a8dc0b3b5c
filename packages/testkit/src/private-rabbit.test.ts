import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import amqp from 'amqplib';
import { privateRabbitAvailable, startPrivateRabbit, type PrivateRabbit } from './private-rabbit.js';

const describeWithRabbit = privateRabbitAvailable() ? describe : describe.skip;

describeWithRabbit('a private RabbitMQ node', () => {
  let rabbit: PrivateRabbit;

  beforeAll(async () => {
    rabbit = await startPrivateRabbit({ name: 'kit' });
  }, 120_000);

  afterAll(async () => {
    await rabbit?.stop();
  }, 60_000);

  it('takes connections on its own port, not the shared one', async () => {
    expect(rabbit.port).not.toBe(5672);
    const connection = await amqp.connect(rabbit.url);
    const channel = await connection.createChannel();
    await channel.assertQueue('kit.durable', { durable: true });
    channel.sendToQueue('kit.durable', Buffer.from('kept'), { persistent: true });
    await channel.close();
    await connection.close();
    const listed = await rabbit.ctl(['list_queues', 'name', 'messages']);
    expect(listed).toMatch(/kit\.durable\s+1/);
  });

  it('drops its clients on stop_app and takes them again on start_app, keeping durable messages', async () => {
    const connection = await amqp.connect(rabbit.url);
    const closed = new Promise<void>((resolve) => connection.on('close', () => resolve()));
    connection.on('error', () => undefined);
    await rabbit.stopApp();
    await closed;
    await expect(amqp.connect(rabbit.url, { timeout: 1000 })).rejects.toThrow();
    await rabbit.startApp();
    const again = await amqp.connect(rabbit.url);
    const channel = await again.createChannel();
    const message = await channel.get('kit.durable', { noAck: true });
    expect(message && message.content.toString()).toBe('kept');
    await again.close();
  }, 90_000);

  it('removes its directory and frees its port when stopped', async () => {
    const { dir, url } = rabbit;
    await rabbit.stop();
    expect(existsSync(dir)).toBe(false);
    await expect(amqp.connect(url, { timeout: 1000 })).rejects.toThrow();
    rabbit = undefined as unknown as PrivateRabbit;
  }, 60_000);
});
