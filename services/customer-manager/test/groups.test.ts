import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { customerManager } from '@voxmesh/contracts';
import { BreakerRegistry, RpcClient } from '@voxmesh/mesh';
import { VoipError, readEvent, type EventEnvelope } from '@voxmesh/wire';
import { CustomerEnv, eventually } from './harness.js';

async function failure(promise: Promise<unknown>): Promise<VoipError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VoipError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

const USER = 'a4b1f2c00000400080000000000000a1';
const DEVICE = 'a4b1f2c00000400080000000000000d1';

/** Kazoo's groups over RPC on MariaDB: crossbar-style writes, paging, account scoping and their events. */
describe('groups', () => {
  const env = new CustomerEnv();
  const events: EventEnvelope[] = [];
  let client: RpcClient<customerManager.CustomerManagerRoutes>;
  let accountId: string;
  let otherAccountId: string;

  beforeAll(async () => {
    await env.start();
    const broker = await env.testBroker();
    const queue = `${env.namespace}.test-groups`;
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
    const master = (await client.call('bootstrap', { body: {} })).account_id;
    accountId = (await client.call('createAccount', { body: { parent_id: master, name: 'Groups Co' } })).id;
    otherAccountId = (await client.call('createAccount', { body: { parent_id: master, name: 'Other Co' } })).id;
  }, 60_000);

  afterAll(async () => {
    await env.cleanup();
  }, 60_000);

  it('creates, reads, merges, replaces and deletes a group, announcing each change', async () => {
    const params = { account_id: accountId };
    const group = await client.call('createGroup', { params, body: { name: 'Sales', endpoints: { [USER]: { type: 'user' }, [DEVICE]: { type: 'device', weight: 2 } }, flags: ['sales'] } });
    expect(group).toMatchObject({ account_id: accountId, name: 'Sales', endpoints: { [USER]: { type: 'user' }, [DEVICE]: { type: 'device', weight: 2 } }, flags: ['sales'] });
    expect(await client.call('getGroup', { params: { ...params, id: group.id } })).toEqual(group);
    const patched = await client.call('patchGroup', { params: { ...params, id: group.id }, body: { endpoints: { [DEVICE]: null }, music_on_hold: { media_id: 'hold-music' }, flags: null } });
    expect(patched.endpoints).toEqual({ [USER]: { type: 'user' } });
    expect(patched.music_on_hold).toEqual({ media_id: 'hold-music' });
    expect(patched).not.toHaveProperty('flags');
    const replaced = await client.call('replaceGroup', { params: { ...params, id: group.id }, body: { name: 'Sales 2', endpoints: { [DEVICE]: { type: 'device' } } } });
    expect(replaced).toMatchObject({ name: 'Sales 2', endpoints: { [DEVICE]: { type: 'device' } } });
    expect(replaced).not.toHaveProperty('music_on_hold');
    // Another account does not see it.
    expect((await failure(client.call('getGroup', { params: { account_id: otherAccountId, id: group.id } }))).status).toBe('NOT_FOUND');
    await client.call('deleteGroup', { params: { ...params, id: group.id } });
    expect((await failure(client.call('getGroup', { params: { ...params, id: group.id } }))).status).toBe('NOT_FOUND');
    await eventually('the group events', () => events.some((event) => event.type === 'group_deleted'));
    const mine = events.filter((event) => (event.data as { id?: string }).id === group.id);
    expect(mine.map((event) => event.type)).toEqual(['group_created', 'group_updated', 'group_updated', 'group_deleted']);
  });

  it('pages through an account\'s groups', async () => {
    const params = { account_id: otherAccountId };
    for (const name of ['A', 'B', 'C']) await client.call('createGroup', { params, body: { name, endpoints: {} } });
    const first = await client.call('listGroups', { params, query: { page_size: 2 } });
    expect(first.result).toHaveLength(2);
    const second = await client.call('listGroups', { params, query: { page_size: 2, start_key: first.next_start_key! } });
    expect(second.result).toHaveLength(1);
    expect(second.next_start_key).toBeUndefined();
    expect(new Set([...first.result, ...second.result].map((group) => group.name))).toEqual(new Set(['A', 'B', 'C']));
  });

  it('refuses a bad group with a 400 naming the field', async () => {
    const params = { account_id: accountId };
    expect((await failure(client.call('createGroup', { params, body: { name: 'No endpoints' } as never }))).field).toBe('data.endpoints');
    expect((await failure(client.call('createGroup', { params, body: { name: 'Bad', endpoints: { [USER]: { type: 'fax' } } } as never }))).field).toBe(`data.endpoints.${USER}.type`);
    expect((await failure(client.call('createGroup', { params, body: { name: 'Bad', endpoints: { __proto__x: { type: 'user' } } } as never }))).field).toMatch(/^data\.endpoints/);
    expect((await failure(client.call('createGroup', { params, body: { name: '', endpoints: {} } }))).field).toBe('data.name');
  });
});
