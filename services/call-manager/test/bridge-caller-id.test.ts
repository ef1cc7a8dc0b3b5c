import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CallEnv, eventually } from './harness.js';

/**
 * The caller id a callflow sets (set_cid, prepend_cid) reaches the legs Kazoo's device,
 * user and ring_group modules ring: flow-manager hands the bridge the flow's caller id
 * variables, call-manager presents them as origination_caller_id_* on esl-sim's legs.
 */
describe('caller id on the legs a bridge rings', () => {
  const env = new CallEnv();
  let accountId: string;

  beforeAll(async () => {
    await env.start({ customers: true });
    const master = (await env.customers.call('bootstrap', { body: {} })).account_id;
    accountId = (await env.customers.call('createAccount', { body: { parent_id: master, name: 'Caller ID Co' } })).id;
    const params = { account_id: accountId };
    const dana = (await env.customers.call('createUser', { params, body: { username: 'dana', password: 'dana-password' } })).id;
    await env.customers.call('createDevice', { params, body: { name: 'dana-desk', owner_id: dana, sip: { username: 'dana-desk' } } });
    const desk = (await env.customers.call('createDevice', { params, body: { name: 'cid-desk', sip: { username: 'cid-desk' } } })).id;
    const group = (await env.customers.call('createGroup', { params, body: { name: 'Sales', endpoints: { [dana]: { type: 'user' } } } })).id;
    const callflow = (number: string, flow: Record<string, unknown>) => env.flows.call('createFlow', { body: { account_id: accountId, numbers: [number], flow } });
    await callflow('4001', { module: 'set_cid', data: { caller_id_name: 'Front Desk', caller_id_number: '+15550100' }, children: { _: { module: 'device', data: { id: desk, timeout: 4 } } } });
    await callflow('4002', { module: 'prepend_cid', data: { caller_id_name_prefix: 'VIP ', caller_id_number_prefix: '9' }, children: { _: { module: 'user', data: { id: dana, timeout: 4 } } } });
    await callflow('4003', { module: 'device', data: { id: desk, timeout: 4 } });
    await callflow('4004', {
      module: 'set_cid',
      data: { caller_id_number: '+15550200' },
      children: { _: { module: 'prepend_cid', data: { caller_id_name_prefix: 'Sales: ' }, children: { _: { module: 'ring_group', data: { endpoints: [{ endpoint_type: 'group', id: group }], timeout: 4 } } } } },
    });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  /** Places a call from `from` (named `name`) to `to`, and answers the leg rung to `username`: what that leg was shown. */
  async function shown(from: string, name: string, to: string, username: string): Promise<{ from: string; name: string }> {
    env.sim.setDestination(username, { answer: 'answer', after_ms: 200 });
    const uuid = env.sim.placeCall({ from, to, caller_id_name: name });
    const call = await env.callOfChannel(uuid);
    const leg = await eventually('the rung leg', () => env.sim.listCalls().find((c) => c.direction === 'outbound' && c.to === username && c.variables.originating_leg_uuid === uuid));
    await eventually('the caller bridged', () => env.simCall(uuid).bridged_to ?? undefined);
    env.sim.hangup(uuid);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    return { from: leg.from, name: leg.caller_id_name };
  }

  it('a device rung after set_cid sees the caller id set_cid gave', async () => {
    expect(await shown('+15556100', 'Alice', '4001', 'cid-desk')).toEqual({ from: '+15550100', name: 'Front Desk' });
  });

  it("a user's device rung after prepend_cid sees the caller's own caller id behind the prefixes", async () => {
    expect(await shown('+15556101', 'Bob', '4002', 'dana-desk')).toEqual({ from: '9+15556101', name: 'VIP Bob' });
  });

  it("a ring group's member sees set_cid's number and the caller's name behind prepend_cid's prefix", async () => {
    expect(await shown('+15556102', 'Carol', '4004', 'dana-desk')).toEqual({ from: '+15550200', name: 'Sales: Carol' });
  });

  it("without a caller id module the device sees the caller's own", async () => {
    expect(await shown('+15556103', 'Dave', '4003', 'cid-desk')).toEqual({ from: '+15556103', name: 'Dave' });
  });
});
