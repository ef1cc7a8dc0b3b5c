import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { customerManager } from '@voxmesh/contracts';
import { BreakerRegistry, RpcClient } from '@voxmesh/mesh';
import { VoipError, readEvent, type EventEnvelope } from '@voxmesh/wire';
import mysql from 'mysql2/promise';
import { CustomerEnv, eventually, md5, mysqlTarget, sleep } from './harness.js';

type Client = RpcClient<customerManager.CustomerManagerRoutes>;

async function failure(promise: Promise<unknown>): Promise<VoipError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VoipError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

/** customer-manager over its RPC contract, on RabbitMQ, MariaDB and Redis, with the events it publishes. */
describe('customer-manager', () => {
  const env = new CustomerEnv();
  let client: Client;
  const events: EventEnvelope[] = [];

  beforeAll(async () => {
    await env.start(['-auth_token_ttl_s', '2']);
    const broker = await env.testBroker();
    const queue = `${env.namespace}.test-listener`;
    await broker.declareQueue(queue, { exclusive: true });
    await broker.declareFanout(env.names.eventExchange('customer-manager'));
    await broker.bindQueue(queue, env.names.eventExchange('customer-manager'));
    await broker.consume(queue, async (delivery) => void events.push(readEvent(delivery.body)), { prefetch: 100 });
    client = new RpcClient({
      contract: customerManager.customerManagerContract,
      broker,
      queue: env.names.requestQueue('customer-manager'),
      publisher: 'test',
      metrics: env.metrics,
      breakers: new BreakerRegistry(),
    });
  }, 60_000);

  afterAll(async () => {
    await env.cleanup();
  }, 60_000);

  it('makes exactly one master when many callers bootstrap at once, and keeps it', async () => {
    const replies = await Promise.all(Array.from({ length: 5 }, () => client.call('bootstrap', { body: {} })));
    const ids = new Set(replies.map((reply) => reply.account_id));
    expect(ids.size).toBe(1);
    expect(replies.filter((reply) => reply.created)).toHaveLength(1);
    expect(replies.find((reply) => reply.created)!.api_key).toMatch(/^[0-9a-f]{64}$/);
    expect(replies.filter((reply) => !reply.created).every((reply) => reply.api_key === null)).toBe(true);
    const again = await client.call('bootstrap', { body: { api_key: 'a-master-key-given-later-12345' } });
    expect(again).toMatchObject({ created: false, account_id: [...ids][0], api_key: 'a-master-key-given-later-12345' });
    expect((await client.call('authApiKey', { body: { api_key: 'a-master-key-given-later-12345' } })).account_id).toBe([...ids][0]);
  });

  it('publishes account, user and device events; account events carry the tree and the webhook secret, user events no secrets', async () => {
    const master = (await client.call('bootstrap', { body: {} })).account_id;
    const account = await client.call('createAccount', { body: { parent_id: master, name: 'Events Co', webhook_uri: 'https://hooks.example.com/a', webhook_method: 'post' } });
    expect(account).toMatchObject({ tree: [master], parent_id: master, webhook_method: 'POST', webhook_secret: expect.any(String) });
    const user = await client.call('createUser', { params: { account_id: account.id }, body: { username: 'eve', password: 'eve-password' } });
    const device = await client.call('createDevice', { params: { account_id: account.id }, body: { name: 'Phone', sip: { username: 'eve100' } } });
    await client.call('patchUser', { params: { account_id: account.id, id: user.id }, body: { last_name: 'Adams' } });
    await client.call('deleteDevice', { params: { account_id: account.id, id: device.id } });
    await eventually('events arrive', () => events.some((event) => event.type === 'device_deleted'));
    const mine = events.filter((event) => (event.data as { id: string }).id === account.id || (event.data as { account_id?: string }).account_id === account.id);
    expect(mine.map((event) => event.type)).toEqual(['account_created', 'user_created', 'device_created', 'user_updated', 'device_deleted']);
    expect(mine[0]!.data).toMatchObject({ id: account.id, tree: [master], webhook_secret: account.webhook_secret, webhook_uri: 'https://hooks.example.com/a' });
    expect(JSON.stringify(mine[1]!.data)).not.toMatch(/hash|password/);
    expect(mine.every((event) => event.publisher === 'customer-manager')).toBe(true);
    // Each in the shape its catalog declares: what subscribers check before handling it.
    const specs = customerManager.customerManagerEvents.events as Record<string, { data: { safeParse(data: unknown): { success: boolean; error?: unknown } } }>;
    for (const event of mine) {
      const parsed = specs[event.type]!.data.safeParse(event.data);
      if (!parsed.success) throw new Error(`${event.type}: ${String(parsed.error)}`);
    }
    // webhook-manager reads accounts with GET /v1/accounts/:id; the reply carries what it needs.
    expect(await client.call('getAccount', { params: { id: account.id } })).toMatchObject({ id: account.id, parent_id: master, tree: [master], webhook_secret: account.webhook_secret });
    const rotated = await client.call('rotateWebhookSecret', { params: { id: account.id } });
    expect(rotated.webhook_secret).not.toBe(account.webhook_secret);
  });

  it('records events with their change: a refused change announces nothing, and an event a crash left in the outbox still goes out', async () => {
    const master = (await client.call('bootstrap', { body: {} })).account_id;
    const account = await client.call('createAccount', { body: { parent_id: master, name: 'Outbox Co' } });
    await client.call('createDevice', { params: { account_id: account.id }, body: { name: 'First', sip: { username: 'dup100' } } });
    const refused = await failure(client.call('createDevice', { params: { account_id: account.id }, body: { name: 'Second', sip: { username: 'dup100' } } }));
    expect(refused.statusCode).toBeLessThan(500);
    // As if the service died after committing a change and before publishing its event.
    const connection = await mysql.createConnection({ ...mysqlTarget, database: env.database });
    try {
      await connection.query('INSERT INTO cm_event_outbox (type, data, tm_create) VALUES (?, ?, ?)', [
        'device_deleted',
        JSON.stringify({ id: 'left-behind', account_id: account.id, name: 'Left' }),
        new Date().toISOString(),
      ]);
    } finally {
      await connection.end();
    }
    await eventually('the left-behind event is swept out', () => events.some((event) => (event.data as { id: string }).id === 'left-behind'));
    const created = events.filter((event) => event.type === 'device_created' && (event.data as { account_id: string }).account_id === account.id);
    expect(created.map((event) => (event.data as { name: string }).name)).toEqual(['First']);
  });

  it('logs users in with md5 or sha1 credentials, expires tokens, and refuses disabled users and accounts', async () => {
    const master = (await client.call('bootstrap', { body: {} })).account_id;
    const account = await client.call('createAccount', { body: { parent_id: master, name: 'Token Co', realm: 'token.example.com' } });
    const user = await client.call('createUser', { params: { account_id: account.id }, body: { username: 'Frank', password: 'frank-password', priv_level: 'admin' } });
    const byName = await client.call('authUser', { body: { credentials: md5('frank:frank-password'), account_name: 'token co' } });
    expect(byName).toMatchObject({ account_id: account.id, owner_id: user.id, method: 'user_auth', expires_in: 2 });
    const { createHash } = await import('node:crypto');
    const sha1 = createHash('sha1').update('frank:frank-password').digest('hex');
    expect((await client.call('authUser', { body: { credentials: sha1, account_realm: 'token.example.com' } })).owner_id).toBe(user.id);
    expect((await failure(client.call('authUser', { body: { credentials: md5('frank:nope'), account_name: 'Token Co' } }))).status).toBe('UNAUTHENTICATED');

    const info = await client.call('validateToken', { body: { auth_token: byName.auth_token } });
    expect(info).toMatchObject({ account_id: account.id, tree: [master], is_superduper_admin: false, is_admin: true, owner_id: user.id });
    await sleep(2200);
    expect((await failure(client.call('validateToken', { body: { auth_token: byName.auth_token } }))).status).toBe('UNAUTHENTICATED');

    const fresh = await client.call('authUser', { body: { credentials: md5('frank:frank-password'), account_name: 'Token Co' } });
    await client.call('patchAccount', { params: { id: account.id }, body: { enabled: false } });
    expect((await failure(client.call('validateToken', { body: { auth_token: fresh.auth_token } }))).status).toBe('UNAUTHENTICATED');
    expect((await failure(client.call('authUser', { body: { credentials: md5('frank:frank-password'), account_name: 'Token Co' } }))).status).toBe('UNAUTHENTICATED');
  });

  it('deletes an account with what it owns, announcing its revoked tokens; refuses the master and parents', async () => {
    const master = (await client.call('bootstrap', { body: {} })).account_id;
    const parent = await client.call('createAccount', { body: { parent_id: master, name: 'Parent Co' } });
    const child = await client.call('createAccount', { body: { parent_id: parent.id, name: 'Child Co' } });
    const key = await client.call('createApiKey', { params: { account_id: child.id }, body: {} });
    const token = await client.call('authApiKey', { body: { api_key: key.api_key } });
    expect((await failure(client.call('deleteAccount', { params: { id: parent.id } }))).status).toBe('FAILED_PRECONDITION');
    expect((await failure(client.call('deleteAccount', { params: { id: master } }))).status).toBe('FAILED_PRECONDITION');
    await client.call('deleteAccount', { params: { id: child.id } });
    expect((await failure(client.call('getAccount', { params: { id: child.id } }))).status).toBe('NOT_FOUND');
    expect((await failure(client.call('validateToken', { body: { auth_token: token.auth_token } }))).status).toBe('UNAUTHENTICATED');
    await eventually('revocation announced', () => events.some((event) => event.type === 'auth_token_revoked' && (event.data as { account_id: string }).account_id === child.id));
    expect((await failure(client.call('getAccount', { params: { id: 'not-hex' } }))).status).toBe('NOT_FOUND');
    expect((await failure(client.call('createAccount', { body: { parent_id: 'f'.repeat(32), name: 'Orphan' } }))).field).toBe('parent_id');
  });
});
