import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import amqp from 'amqplib';
import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import { z } from 'zod';
import { createRegistry, silentLogger } from '@voxmesh/telemetry';
import { defineContract } from '@voxmesh/wire';
import { MeshMetrics, MeshNames, RpcServer, type Broker } from '../src/index.js';
import { openAmqpBrokers, rabbitUrl } from './amqp-broker.js';
import { uniqueNamespace } from './fixtures.js';

const seedContract = defineContract('flow-manager', {
  createActiveflow: {
    method: 'POST',
    path: '/v1/activeflows',
    body: z.object({ call_id: z.string().uuid(), flow_id: z.string().uuid() }),
    reply: z.object({ id: z.string(), call_id: z.string(), flow_id: z.string() }),
  },
  crash: { method: 'POST', path: '/v1/crash', reply: z.object({}) },
});

/**
 * A foreign client — amqplib alone, as a Go service would talk — against the project's
 * RPC server: the envelope is exactly the seed's, bytes and all.
 */
describe('RPC server against a raw amqplib client', () => {
  const namespace = uniqueNamespace();
  const names = new MeshNames(namespace);
  const queue = names.requestQueue('flow-manager');
  let close: () => Promise<void>;
  let server: RpcServer<typeof seedContract.routes>;
  let connection: ChannelModel;
  let channel: Channel;
  const waiting = new Map<string, (message: ConsumeMessage) => void>();

  beforeAll(async () => {
    let brokers: Broker[];
    ({ brokers, close } = await openAmqpBrokers(1, namespace));
    server = new RpcServer({
      contract: seedContract,
      handlers: {
        createActiveflow: async ({ body }) => ({ id: 'af-1', call_id: body.call_id, flow_id: body.flow_id }),
        crash: async () => {
          throw new RangeError('unexpected');
        },
      },
      broker: brokers[0]!,
      queue,
      metrics: new MeshMetrics(createRegistry({ defaultMetrics: false })),
      logger: silentLogger(),
    });
    await server.start();
    connection = await amqp.connect(rabbitUrl, { noDelay: true });
    channel = await connection.createChannel();
    await channel.consume(
      'amq.rabbitmq.reply-to',
      (message) => {
        const id = message?.properties.correlationId as string | undefined;
        if (message && id) waiting.get(id)?.(message);
      },
      { noAck: true },
    );
  });

  afterAll(async () => {
    await connection?.close();
    await server?.stop();
    await close?.();
  });

  function send(body: string, properties: Record<string, unknown> = {}): Promise<{ message: ConsumeMessage; reply: { status_code: number; data_type?: string; data?: unknown } }> {
    const correlationId = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reply in 3 s')), 3000);
      waiting.set(correlationId, (message) => {
        clearTimeout(timer);
        resolve({ message, reply: JSON.parse(message.content.toString()) });
      });
      channel.sendToQueue(queue, Buffer.from(body), { correlationId, replyTo: 'amq.rabbitmq.reply-to', expiration: '3000', ...properties });
    });
  }

  it("round-trips the seed's POST /v1/activeflows envelope as the seed prints it", async () => {
    const seed = `{
  "uri": "/v1/activeflows",
  "method": "POST",
  "data_type": "application/json"
  "data": {"call_id": "1eb4ed62-05ef-11eb-9354-eb6fe8497be5", "flow_id": "2f68edd4-05ef-11eb-8beb-0f9f9c21b69c"}
}`;
    const { message, reply } = await send(seed);
    expect(reply).toEqual({
      status_code: 200,
      data_type: 'application/json',
      data: { id: 'af-1', call_id: '1eb4ed62-05ef-11eb-9354-eb6fe8497be5', flow_id: '2f68edd4-05ef-11eb-8beb-0f9f9c21b69c' },
    });
    expect(message.properties.correlationId).toBeDefined();
  });

  it('answers 404, 405, 400 and 500 and keeps serving', async () => {
    expect((await send('{"uri":"/v1/unknown","method":"GET"}')).reply.status_code).toBe(404);
    expect((await send('{"uri":"/v1/activeflows","method":"DELETE"}')).reply.status_code).toBe(405);
    expect((await send('this is not json')).reply).toMatchObject({ status_code: 400, data: { error: { status: 'INVALID_ARGUMENT', field: 'body' } } });
    expect((await send('{"method":"POST","data":{}}')).reply).toMatchObject({ status_code: 400, data: { error: { field: 'uri' } } });
    expect((await send('{"uri":"/v1/activeflows","method":"POST","data":{"call_id":"nope"}}')).reply).toMatchObject({
      status_code: 400,
      data: { error: { field: 'data.call_id' } },
    });
    expect((await send('{"uri":"/v1/crash","method":"POST"}')).reply).toMatchObject({ status_code: 500, data: { error: { status: 'INTERNAL' } } });
    const again = await send('{"uri":"/v1/activeflows","method":"POST","data":{"call_id":"1eb4ed62-05ef-11eb-9354-eb6fe8497be5","flow_id":"2f68edd4-05ef-11eb-8beb-0f9f9c21b69c"}}');
    expect(again.reply.status_code).toBe(200);
  });
});

describe('a consumer whose queue is deleted under it', () => {
  it('re-declares the queue and serves again', async () => {
    const namespace = uniqueNamespace();
    const { brokers, close } = await openAmqpBrokers(2, namespace);
    const names = new MeshNames(namespace);
    const queue = names.requestQueue('flow-manager');
    const server = new RpcServer({
      contract: seedContract,
      handlers: {
        createActiveflow: async ({ body }) => ({ id: 'af-2', call_id: body.call_id, flow_id: body.flow_id }),
        crash: async () => ({}),
      },
      broker: brokers[0]!,
      queue,
      metrics: new MeshMetrics(createRegistry({ defaultMetrics: false })),
      logger: silentLogger(),
    });
    await server.start();
    const connection = await amqp.connect(rabbitUrl);
    try {
      const channel = await connection.createChannel();
      await channel.deleteQueue(queue);
      const body = Buffer.from(JSON.stringify({ uri: '/v1/crash', method: 'POST' }));
      const deadline = Date.now() + 10_000;
      let answered = false;
      while (!answered && Date.now() < deadline) {
        answered = await brokers[1]!
          .request(queue, body, {}, 500)
          .then(() => true)
          .catch(() => false);
        if (!answered) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(answered).toBe(true);
    } finally {
      await connection.close();
      await server.stop();
      await close();
    }
  }, 20_000);
});
