import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { customerManager } from '@voxmesh/contracts';
import { BreakerRegistry, RpcClient } from '@voxmesh/mesh';
import { VoipError } from '@voxmesh/wire';
import { CustomerEnv } from './harness.js';

async function failure(promise: Promise<unknown>): Promise<VoipError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VoipError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

/** Kazoo's call forwarding, do-not-disturb and presence fields on devices and users, over RPC on MariaDB. */
describe('how devices and users are rung', () => {
  const env = new CustomerEnv();
  let client: RpcClient<customerManager.CustomerManagerRoutes>;
  let accountId: string;

  beforeAll(async () => {
    await env.start();
    client = new RpcClient({
      contract: customerManager.customerManagerContract,
      broker: await env.testBroker(),
      queue: env.names.requestQueue('customer-manager'),
      publisher: 'test',
      metrics: env.metrics,
      breakers: new BreakerRegistry(),
    });
    const master = (await client.call('bootstrap', { body: {} })).account_id;
    accountId = (await client.call('createAccount', { body: { parent_id: master, name: 'Ringing Co' } })).id;
  }, 60_000);

  afterAll(async () => {
    await env.cleanup();
  }, 60_000);

  it('stores a device\'s call_forward, do_not_disturb and presence_id; PATCH merges them and null removes one', async () => {
    const params = { account_id: accountId };
    const created = await client.call('createDevice', {
      params,
      body: { name: 'Desk', sip: { username: 'desk200' }, call_forward: { enabled: true, number: '+15551230000', require_keypress: false }, do_not_disturb: { enabled: false }, presence_id: '200' },
    });
    expect(created).toMatchObject({ call_forward: { enabled: true, number: '+15551230000', require_keypress: false }, do_not_disturb: { enabled: false }, presence_id: '200' });
    const patched = await client.call('patchDevice', { params: { ...params, id: created.id }, body: { call_forward: { keep_caller_id: false }, do_not_disturb: { enabled: true } } });
    expect(patched.call_forward).toEqual({ enabled: true, number: '+15551230000', require_keypress: false, keep_caller_id: false });
    expect(patched.do_not_disturb).toEqual({ enabled: true });
    const cleared = await client.call('patchDevice', { params: { ...params, id: created.id }, body: { call_forward: null } });
    expect(cleared.call_forward).toBeUndefined();
    expect(await client.call('getDevice', { params: { ...params, id: created.id } })).toMatchObject({ do_not_disturb: { enabled: true }, presence_id: '200' });
    // A replace keeps only what it carries.
    const replaced = await client.call('replaceDevice', { params: { ...params, id: created.id }, body: { name: 'Desk', sip: { username: 'desk200' } } });
    expect(replaced).not.toHaveProperty('do_not_disturb');
    expect(replaced).not.toHaveProperty('presence_id');
  });

  it('stores a user\'s call_forward, do_not_disturb, presence_id and vm_to_email_enabled', async () => {
    const params = { account_id: accountId };
    const user = await client.call('createUser', {
      params,
      body: { username: 'ringo', password: 'ringo-password', call_forward: { enabled: true, number: '5551234' }, presence_id: 'ringo', vm_to_email_enabled: false },
    });
    expect(user).toMatchObject({ call_forward: { enabled: true, number: '5551234' }, presence_id: 'ringo', vm_to_email_enabled: false });
    const patched = await client.call('patchUser', { params: { ...params, id: user.id }, body: { do_not_disturb: { enabled: true }, presence_id: null } });
    expect(patched).toMatchObject({ call_forward: { enabled: true, number: '5551234' }, do_not_disturb: { enabled: true }, vm_to_email_enabled: false });
    expect(patched).not.toHaveProperty('presence_id');
    expect((await client.call('listUsers', { params, query: {} })).result.find((each) => each.id === user.id)).toMatchObject({ do_not_disturb: { enabled: true } });
  });

  it('refuses bad settings with a 400 naming the field', async () => {
    const params = { account_id: accountId };
    const badNumber = await failure(client.call('createDevice', { params, body: { name: 'Bad', sip: { username: 'bad200' }, call_forward: { enabled: true, number: 'call me' } } }));
    expect(badNumber).toMatchObject({ status: 'INVALID_ARGUMENT', field: 'data.call_forward.number' });
    const unknown = await failure(client.call('createDevice', { params, body: { name: 'Bad', sip: { username: 'bad201' }, do_not_disturb: { enabled: true, until: 'never' } } as never }));
    expect(unknown.field).toMatch(/^data.do_not_disturb/);
    const notBoolean = await failure(client.call('createUser', { params, body: { username: 'bad', password: 'bad-password', do_not_disturb: { enabled: 'yes' } } as never }));
    expect(notBoolean).toMatchObject({ status: 'INVALID_ARGUMENT', field: 'data.do_not_disturb.enabled' });
  });
});
