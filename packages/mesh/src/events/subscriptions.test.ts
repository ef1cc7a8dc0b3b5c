import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createRegistry, silentLogger } from '@voxmesh/telemetry';
import { defineEvents, parseJson, type EventEnvelope } from '@voxmesh/wire';
import { z } from 'zod';
import type { Delivery } from '../broker.js';
import { InProcessBroker } from '../inproc/inproc-broker.js';
import { MeshMetrics } from '../metrics.js';
import { EventPublisher } from './event-publisher.js';
import { EventSubscriber } from './event-subscriber.js';
import { subscriptions } from './subscriptions.js';

const things = defineEvents('things', {
  thing_created: { summary: 'A thing was made.', data: z.object({ id: z.string(), size: z.number().int() }) },
  thing_deleted: { summary: 'A thing went.', data: z.object({ id: z.string() }) },
});
const others = defineEvents('others', {
  other_happened: { summary: 'Something else.', data: z.object({ id: z.string() }) },
});

async function until(condition: () => boolean, ms = 2000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('typed subscriptions', () => {
  let broker: InProcessBroker;
  let metrics: MeshMetrics;
  let parked: Delivery[];
  let subscriber: EventSubscriber | undefined;

  beforeEach(async () => {
    broker = new InProcessBroker();
    metrics = new MeshMetrics(createRegistry({ defaultMetrics: false }));
    parked = [];
    await broker.declareQueue('sub.dead');
    await broker.consume('sub.dead', async (delivery) => void parked.push(delivery), { prefetch: 1 });
  });

  afterEach(async () => {
    await subscriber?.stop();
    subscriber = undefined;
    await broker.close();
  });

  async function start(handlers: Record<string, (event: EventEnvelope) => Promise<void>>, sources: string[]): Promise<void> {
    subscriber = new EventSubscriber({
      broker,
      service: 'sub',
      queue: 'sub.subscribe',
      deadLetterQueue: 'sub.dead',
      sources: sources.map((source) => `${source}.event`),
      handlers,
      metrics,
      logger: silentLogger(),
      retryDelaysMs: [10],
    });
    await subscriber.start();
  }

  const publisherOf = (service: string) => new EventPublisher({ broker, exchange: `${service}.event`, publisher: service, metrics });
  const consumed = (type: string, result: string) => metrics.eventsConsumed.cell(['sub', type, result]).value;

  it('hands each handler its data checked and typed, and parks data that fails its schema at once', async () => {
    const created: { id: string; size: number }[] = [];
    const table = subscriptions({ things }, { things: { thing_created: (thing) => void created.push(thing) } });
    expect(table.services).toEqual(['things']);
    await start(table.handlers, table.services);
    const raw = publisherOf('things');
    await raw.publish('thing_created', { id: 'a', size: 2, extra: 'dropped' });
    await raw.publish('thing_created', { id: 'b', size: 'big' });
    await raw.publish('thing_deleted', { id: 'c' });
    await raw.publish('thing_unheard_of', { id: 'd' });
    await until(() => parked.length === 1 && consumed('thing_unheard_of', 'ignored') === 1 && consumed('thing_deleted', 'ignored') === 1);
    expect(created).toEqual([{ id: 'a', size: 2 }]);
    expect(parseJson(parked[0]!.body.toString())).toMatchObject({ type: 'thing_created', data: { id: 'b', size: 'big' } });
    expect(String(parked[0]!.properties.headers?.['x-last-error'])).toContain('data.size');
    expect([consumed('thing_created', 'ok'), consumed('thing_created', 'invalid'), consumed('thing_created', 'retry')]).toEqual([1, 1, 0]);
  });

  it('retries a handler that fails, then parks the event, as for any handler', async () => {
    let tries = 0;
    const table = subscriptions({ things }, {
      things: {
        thing_deleted: () => {
          tries++;
          throw new Error('store away');
        },
      },
    });
    await start(table.handlers, table.services);
    await publisherOf('things').typed(things).publish('thing_deleted', { id: 'x' });
    await until(() => parked.length === 1);
    expect(tries).toBe(2);
    expect(String(parked[0]!.properties.headers?.['x-last-error'])).toContain('store away');
    expect([consumed('thing_deleted', 'retry'), consumed('thing_deleted', 'dead')]).toEqual([1, 1]);
  });

  it("gives a raw handler every type its publisher declares, unread, and listens to each publisher's exchange", async () => {
    const seen: string[] = [];
    const raw = async (event: EventEnvelope) => void seen.push(`${event.type}:${JSON.stringify(event.data)}`);
    const table = subscriptions({ things, others }, { things: raw, others: { other_happened: (data) => void seen.push(`other:${data.id}`) } });
    expect(Object.keys(table.handlers).sort()).toEqual(['other_happened', 'thing_created', 'thing_deleted']);
    await start(table.handlers, table.services);
    await publisherOf('things').publish('thing_created', { id: 'loose' });
    await publisherOf('others').typed(others).publish('other_happened', { id: 'o' });
    await until(() => seen.length === 2);
    expect(seen.sort()).toEqual(['other:o', 'thing_created:{"id":"loose"}']);
  });

  it('never takes a handler from what every object inherits', async () => {
    await start({ thing_created: async () => undefined }, ['things']);
    const raw = publisherOf('things');
    await raw.publish('constructor', {});
    await raw.publish('__proto__', {});
    await until(() => consumed('constructor', 'ignored') === 1 && consumed('__proto__', 'ignored') === 1);
    expect(parked).toEqual([]);
  });

  it('refuses a type two subscribed publishers declare, and a catalog published as another service', () => {
    const twin = defineEvents('twin', { thing_created: { summary: 'Again.', data: z.object({}) } });
    expect(() => subscriptions({ things, twin }, { things: {}, twin: {} })).toThrow('event thing_created is declared by both things and twin');
    expect(() => publisherOf('others').typed(things)).toThrow('the events of things cannot be published as others');
  });
});
