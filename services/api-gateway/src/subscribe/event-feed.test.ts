import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { EventPublisher, InProcessBroker, MeshMetrics, MeshNames, type Delivery } from '@voxmesh/mesh';
import { createRegistry, silentLogger } from '@voxmesh/telemetry';
import { parseJson } from '@voxmesh/wire';
import type { AccountCache, TokenValidator } from '../http/auth.js';
import type { LiveEvent } from '../websocket/bindings.js';
import type { Hub } from '../websocket/hub.js';
import { CacheInvalidation } from './cache-invalidation.js';
import { EventFeed } from './event-feed.js';
import { LiveFanOut } from './fan-out.js';
import { gatewaySubscriptions } from './subscriptions.js';

const names = new MeshNames('feed-test');

const account = (id: string, enabled: boolean) => ({
  id,
  name: id,
  realm: `${id}.example.com`,
  parent_id: 'parent',
  tree: ['parent'],
  reseller_id: 'parent',
  is_reseller: false,
  enabled,
  timezone: 'UTC',
  language: 'en',
  webhook_uri: null,
  webhook_method: null,
  created: '2026-01-01T00:00:00.000Z',
  updated: '2026-01-01T00:00:00.000Z',
  webhook_secret: 'secret',
});

describe("the gateway's live feed", () => {
  let broker: InProcessBroker;
  let feed: EventFeed;
  let calls: string[];
  let delivered: LiveEvent[];
  let results: string[];
  let parked: Delivery[];

  beforeEach(async () => {
    broker = new InProcessBroker();
    calls = [];
    delivered = [];
    results = [];
    parked = [];
    const tokens = {
      dropHash: (hash: string) => calls.push(`token ${hash}`),
      dropAccount: (id: string) => calls.push(`tokens of ${id}`),
      dropOwner: (id: string) => calls.push(`tokens of user ${id}`),
    } as unknown as TokenValidator;
    const accounts = { drop: (id: string) => calls.push(`account ${id}`) } as unknown as AccountCache;
    const hub = {
      deliver: (event: LiveEvent) => delivered.push(event),
      dropPrincipal: () => calls.push('sockets dropped'),
    } as unknown as Hub;
    const subscribed = gatewaySubscriptions(new CacheInvalidation(tokens, accounts, hub), new LiveFanOut(hub));
    feed = new EventFeed({
      broker,
      names,
      replicaId: 'r1',
      sources: subscribed.services,
      handlers: subscribed.handlers,
      deadLetterQueue: names.deadLetterQueue('api-gateway'),
      logger: silentLogger(),
      onEvent: (type, result) => results.push(`${type} ${result}`),
    });
    await feed.start();
    await broker.consume(names.deadLetterQueue('api-gateway'), async (delivery) => void parked.push(delivery), { prefetch: 1 });
  });

  afterEach(async () => {
    await feed.stop();
    await broker.close();
  });

  const publish = (service: string, type: string, data: unknown) =>
    new EventPublisher({ broker, exchange: names.eventExchange(service), publisher: service, metrics: new MeshMetrics(createRegistry({ defaultMetrics: false })) }).publish(type, data);

  async function until(condition: () => boolean): Promise<void> {
    const end = Date.now() + 2000;
    while (!condition()) {
      if (Date.now() > end) throw new Error(`not met; results ${results.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  it('drops what it remembers of a disabled account and a revoked token, and fans the change out', async () => {
    await publish('customer-manager', 'account_updated', account('child', false));
    await publish('customer-manager', 'auth_token_revoked', { account_id: 'child', token_hash: 'h1' });
    await until(() => results.length === 2);
    expect(calls).toEqual(['account child', 'tokens of child', 'sockets dropped', 'token h1', 'sockets dropped']);
    expect(delivered).toEqual([expect.objectContaining({ kind: 'object', accounts: ['child', 'parent'], action: 'doc_edited', type: 'account' })]);
    expect(results).toEqual(['account_updated ok', 'auth_token_revoked ok']);
  });

  it('keeps the cache of an enabled account only until it changes', async () => {
    await publish('customer-manager', 'account_updated', account('kept', true));
    await until(() => results.length === 1);
    expect(calls).toEqual(['account kept']);
  });

  it('parks an event whose data fails its schema, naming the field, and one it cannot read, and goes on; types it does not handle are not read', async () => {
    await publish('customer-manager', 'auth_token_revoked', { account_id: 'child' });
    await publish('call-manager', 'call_updated', { not: 'even a call' });
    await publish('call-manager', 'channel_answer', { account_id: 'a', call_id: 'c', secret: 'x' });
    await broker.publish(names.eventExchange('call-manager'), Buffer.from('{"type": '), {});
    await until(() => results.length === 4 && parked.length === 2);
    expect(results).toEqual(['auth_token_revoked invalid', 'call_updated ignored', 'channel_answer ok', 'malformed invalid']);
    expect(parseJson(parked[0]!.body)).toMatchObject({ type: 'auth_token_revoked' });
    expect(String(parked[0]!.properties.headers?.['x-last-error'])).toContain('data.token_hash');
    expect(parked[1]!.body.toString()).toBe('{"type": ');
    expect(delivered).toEqual([{ kind: 'call', accounts: ['a'], event: 'CHANNEL_ANSWER', callId: 'c', data: { account_id: 'a', call_id: 'c' } }]);
  });
});
