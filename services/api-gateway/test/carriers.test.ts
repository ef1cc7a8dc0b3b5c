import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GatewayEnv, loginWithKey, type Api } from './harness.js';

const MASTER_KEY = 'master-key-for-carrier-tests-0123456789';

/** Kazoo's global `resources`, an account's `local_resources`, and conferences over the REST API. */
describe('REST API: carriers and conferences', () => {
  const env = new GatewayEnv();
  let master: Api;

  beforeAll(async () => {
    const started = await env.start({ gatewayFlags: ['-master_api_key', MASTER_KEY] });
    ({ api: master } = await loginWithKey(started.gateway.httpUrl, MASTER_KEY));
  }, 60_000);

  afterAll(async () => {
    await env.cleanup();
  }, 60_000);

  const carrier = { name: 'Carrier A', gateways: [{ server: 'sip.carrier-a.example', prefix: '9' }], rules: ['^\\+1(\\d{10})$'], weight_cost: 10, flags: ['fax'] };

  it('keeps the platform\'s resources apart from an account\'s local ones, each with gateways, rules, weight and flags', async () => {
    const account = (await master.put('/v2/accounts', { name: 'Carrier Co' })).body.data as { id: string };
    const global = await master.put('/v2/resources', carrier);
    expect(global.status).toBe(201);
    expect(global.body.data).toMatchObject({ scope: 'system', ...carrier });
    const local = await master.put(`/v2/accounts/${account.id}/local_resources`, { ...carrier, name: 'Own trunk' });
    expect(local.body.data).toMatchObject({ scope: account.id, name: 'Own trunk' });
    const localId = (local.body.data as { id: string }).id;
    expect(((await master.get(`/v2/accounts/${account.id}/resources`)).body.data as { id: string }[]).map((each) => each.id)).toEqual([localId]);
    expect(((await master.get('/v2/resources')).body.data as { id: string }[]).map((each) => each.id)).toEqual([(global.body.data as { id: string }).id]);
    expect((await master.get(`/v2/resources/${localId}`)).status).toBe(404);
    const replaced = await master.post(`/v2/accounts/${account.id}/local_resources/${localId}`, { name: 'Own trunk 2', gateways: [{ server: '192.0.2.10', port: 5080 }] });
    expect(replaced.body.data).toMatchObject({ name: 'Own trunk 2', gateways: [{ server: '192.0.2.10', port: 5080 }] });
    expect(replaced.body.data).not.toHaveProperty('rules');
    expect((await master.delete(`/v2/accounts/${account.id}/local_resources/${localId}`)).status).toBe(200);
    expect((await master.get(`/v2/accounts/${account.id}/local_resources/${localId}`)).status).toBe(404);
  });

  it('refuses a bad resource with a 400 naming the field', async () => {
    const badRule = await master.put('/v2/resources', { ...carrier, rules: ['^(unclosed'] });
    expect(badRule.status).toBe(400);
    expect(badRule.body.data).toHaveProperty(['rules.0']);
    const noGateway = await master.put('/v2/resources', { name: 'Empty', gateways: [] });
    expect(noGateway.body.data).toHaveProperty('gateways');
    const badServer = await master.put('/v2/resources', { name: 'Bad', gateways: [{ server: 'not a host' }] });
    expect(badServer.body.data).toHaveProperty(['gateways.0.server']);
  });

  it('keeps conferences with member and moderator PINs; a PIN that is not digits is a 400 naming it', async () => {
    const account = (await master.put('/v2/accounts', { name: 'Conference Co' })).body.data as { id: string };
    const created = await master.put(`/v2/accounts/${account.id}/conferences`, { name: 'Weekly', member: { pins: ['1111'], join_muted: true }, moderator: { pins: ['9999'] }, max_participants: 10 });
    expect(created.status).toBe(201);
    const id = (created.body.data as { id: string }).id;
    expect((await master.get(`/v2/accounts/${account.id}/conferences/${id}`)).body.data).toMatchObject({ name: 'Weekly', member: { pins: ['1111'], join_muted: true }, moderator: { pins: ['9999'] }, max_participants: 10 });
    expect(((await master.get(`/v2/accounts/${account.id}/conferences`)).body.data as unknown[]).length).toBe(1);
    const bad = await master.put(`/v2/accounts/${account.id}/conferences`, { name: 'Bad', member: { pins: ['12a4'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.data).toHaveProperty(['member.pins.0']);
    expect((await master.delete(`/v2/accounts/${account.id}/conferences/${id}`)).status).toBe(200);
  });

  it('PATCH merges into a carrier: a field given replaces, null removes, and the merge is checked as a replacement', async () => {
    const account = (await master.put('/v2/accounts', { name: 'Patch Carrier Co' })).body.data as { id: string };
    const base = `/v2/accounts/${account.id}/local_resources`;
    const id = ((await master.put(base, carrier)).body.data as { id: string }).id;
    const patched = await master.patch(`${base}/${id}`, { weight_cost: 80, flags: null, enabled: false });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ name: 'Carrier A', weight_cost: 80, enabled: false, rules: carrier.rules, gateways: carrier.gateways });
    expect(patched.body.data).not.toHaveProperty('flags');
    expect((await master.get(`${base}/${id}`)).body.data).toMatchObject({ weight_cost: 80, enabled: false });
    const global = ((await master.put('/v2/resources', carrier)).body.data as { id: string }).id;
    expect((await master.patch(`/v2/resources/${global}`, { name: 'Renamed' })).body.data).toMatchObject({ scope: 'system', name: 'Renamed' });

    const badWeight = await master.patch(`${base}/${id}`, { weight_cost: 101 });
    expect(badWeight.status).toBe(400);
    expect(badWeight.body.data).toHaveProperty('weight_cost');
    const noGateways = await master.patch(`${base}/${id}`, { gateways: null });
    expect(noGateways.status).toBe(400);
    expect(noGateways.body.data).toHaveProperty('gateways');
    const unknown = await master.patch(`${base}/${id}`, { colour: 'red' });
    expect(unknown.status).toBe(400);
    expect((await master.patch(`${base}/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa`, { weight_cost: 5 })).status).toBe(404);
    expect((await master.get(`${base}/${id}`)).body.data).toMatchObject({ weight_cost: 80, gateways: carrier.gateways });
  });

  it('PATCH merges into a conference: member settings key by key, null removes', async () => {
    const account = (await master.put('/v2/accounts', { name: 'Patch Conference Co' })).body.data as { id: string };
    const base = `/v2/accounts/${account.id}/conferences`;
    const id = ((await master.put(base, { name: 'Standup', member: { pins: ['1111'], join_muted: true }, moderator: { pins: ['9999'] }, max_participants: 10 })).body.data as { id: string }).id;
    const patched = await master.patch(`${base}/${id}`, { member: { join_muted: false, numbers: ['3000'] }, moderator: null, max_participants: 20 });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ name: 'Standup', member: { pins: ['1111'], join_muted: false, numbers: ['3000'] }, max_participants: 20 });
    expect(patched.body.data).not.toHaveProperty('moderator');
    const bad = await master.patch(`${base}/${id}`, { member: { pins: ['12a4'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.data).toHaveProperty(['member.pins.0']);
    const noName = await master.patch(`${base}/${id}`, { name: null });
    expect(noName.status).toBe(400);
    expect(noName.body.data).toHaveProperty('name');
  });

  it("keeps Kazoo's formatters and cid_rules on a carrier; a bad formatter is a 400 naming it", async () => {
    // stepswitch's formatters.md example, with the caller-ID formatters this platform applies.
    const formatters = {
      from: [{ regex: '^\\+?\\1(\\d{10})$', prefix: '+1' }],
      diversion: [{ match_invite_format: true }],
      caller_id_number: { regex: '^\\+1(\\d{10})$', direction: 'outbound' },
      outbound_caller_id_name: [{ prefix: 'Co ' }],
    };
    const created = await master.put('/v2/resources', { ...carrier, cid_rules: ['^\\+1'], formatters });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ cid_rules: ['^\\+1'], formatters });
    const badRegex = await master.put('/v2/resources', { ...carrier, formatters: { caller_id_number: { regex: '(' } } });
    expect(badRegex.status).toBe(400);
    expect(badRegex.body.data).toHaveProperty(['formatters.caller_id_number.regex']);
    const badDirection = await master.put('/v2/resources', { ...carrier, formatters: { caller_id_number: [{ direction: 'sideways' }] } });
    expect(badDirection.status).toBe(400);
    expect(JSON.stringify(badDirection.body.data)).toContain('formatters.caller_id_number');
  });
});
