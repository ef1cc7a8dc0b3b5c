import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CallEnv, eventually } from './harness.js';

/**
 * Kazoo's dynamic_cid `list` and `lists` end to end: the caller dials a feature code, a
 * key and a number; the key picks a caller id from a stored list, and the call goes on in
 * the callflow of the number, its outgoing leg presenting that caller id.
 */
/** Number 2001's flow connects here; esl-sim answers. */
const CALLEE = '+14155550199';

describe('dynamic_cid list and lists', () => {
  const env = new CallEnv();
  let accountId: string;

  beforeAll(async () => {
    await env.start({ customers: true });
    env.sim.setDestination(CALLEE, { answer: 'answer', after_ms: 100 });
    const master = (await env.customers.call('bootstrap', { body: {} })).account_id;
    accountId = (await env.customers.call('createAccount', { body: { parent_id: master, name: 'Caller ID Lists Co' } })).id;
    const params = { account_id: accountId };
    const keyed = await env.flows.call('createList', { params, body: { name: 'Brands', length: 1, entries: { '1': { name: 'Acme Sales', number: '+15550001001' }, '2': { number: '+15550001002' } } } });
    const entries = await env.flows.call('createList', { params, body: { name: 'Brand entries' } });
    await env.flows.call('createListEntry', { params: { ...params, list_id: entries.id }, body: { cid_key: '07', cid_name: 'Widgets Inc', cid_number: '+15550007007' } });
    const create = (where: { numbers?: string[]; patterns?: string[] }, flow: Record<string, unknown>) => env.flows.call('createFlow', { body: { account_id: accountId, ...where, flow } as never });
    await create({ patterns: ['^\\*91(\\d+)$'] }, { module: 'dynamic_cid', data: { action: 'list', id: keyed.id } });
    await create({ patterns: ['^\\*92(\\d+)$'] }, { module: 'dynamic_cid', data: { action: 'lists', id: entries.id } });
    await env.customers.call('createResource', { params: { scope: accountId }, body: { name: 'Trunk', gateways: [{ server: 'trunk.example' }], rules: ['^\\+1(\\d{10})$'] } });
    await create({ patterns: ['^[2-9]\\d{9}$'] }, { module: 'resources', data: {} });
    await env.flows.call('createFlow', { body: { account_id: accountId, numbers: ['2001'], actions: [{ type: 'connect', option: { destinations: [{ type: 'tel', target: CALLEE }] } }] } as never });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  const seen = new Set<string>();
  /** The caller id the leg to the callee presented, for a call dialled as `to`. */
  const presented = async (to: string) => {
    const uuid = env.sim.placeCall({ from: '+15551112222', to });
    const placed = env.sim.getCall(uuid).created_at;
    const leg = await eventually('the leg to the callee', () => env.sim.listCalls().find((c) => c.direction === 'outbound' && c.to === CALLEE && c.created_at >= placed && !seen.has(c.uuid)), 20_000);
    seen.add(leg.uuid);
    env.sim.hangup(uuid);
    return leg.from;
  };

  it('list: the first `length` digits pick the caller id, the rest is the number called', async () => {
    expect(await presented('*9112001')).toBe('+15550001001');
    expect(await presented('*9122001')).toBe('+15550001002');
    // No such key: the caller's own id goes on.
    expect(await presented('*9192001')).toBe('+15551112222');
  });

  it('lists: the entry whose cid_key is the first two digits gives the caller id', async () => {
    expect(await presented('*92072001')).toBe('+15550007007');
  });

  it('the rest of the number reaches a carrier callflow, which dials that number, not the feature code', async () => {
    env.sim.setDestination('2125550100@trunk.example', { answer: 'answer', after_ms: 100 });
    const uuid = env.sim.placeCall({ from: '+15551112224', to: '*9112125550100' });
    const bridged = await eventually('the caller bridged through the carrier', () => env.simCall(uuid).bridged_to ?? undefined, 20_000);
    expect(env.simCall(bridged).variables.channel_name).toBe('sofia/external/2125550100@trunk.example');
    env.sim.hangup(uuid);
  });

  it('a number no callflow answers is refused, and the call ends', async () => {
    const uuid = env.sim.placeCall({ from: '+15551112223', to: '*9119999' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup', 20_000);
    expect(env.simCall(uuid).applications.filter((app) => app.name === 'speak').map((app) => app.arg)).toEqual(['flite|slt|That number is not valid.']);
  });
});
