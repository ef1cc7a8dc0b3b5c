import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { customerManagerModule } from '@voxmesh/customer-manager';
import { flowManagerModule } from '@voxmesh/flow-manager';
import { GatewayEnv, loginWithKey, type Api } from './harness.js';

const MASTER_KEY = 'master-key-for-feature-modules-0123456789';

/**
 * The feature-code and dial-by-name modules over the REST API as Kazoo's documents write
 * them: callflows, directories, and the users' and devices' `hotdesk` and `directories`
 * fields. Bad data is a 400 naming the field. The calls themselves are run end to end in
 * call-manager's tests (feature-codes, hotdesk, directory, disa, dynamic-cid-lists, menu-hunt).
 */
describe('REST API: call_forward, do_not_disturb, hotdesk, directory, disa and dynamic_cid lists', () => {
  const env = new GatewayEnv();
  let api: Api;
  let A: string;

  beforeAll(async () => {
    const started = await env.start({ services: [customerManagerModule, flowManagerModule], gatewayFlags: ['-master_api_key', MASTER_KEY] });
    ({ api } = await loginWithKey(started.gateway.httpUrl, MASTER_KEY));
    A = `/v2/accounts/${((await api.put('/v2/accounts', { name: 'Feature Codes Co' })).body.data as { id: string }).id}`;
  }, 60_000);

  afterAll(async () => {
    await env.cleanup();
  }, 60_000);

  const callflow = (flow: Record<string, unknown>, where: Record<string, unknown>) => api.put(`${A}/callflows`, { ...where, flow });
  const fieldsOf = (body: { data?: unknown }) => Object.keys((body.data ?? {}) as object);

  it("accepts Kazoo's feature-code callflows and module data", async () => {
    const accepted: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ module: 'call_forward', data: { action: 'activate' } }, { patterns: ['^\\*72([0-9]*)$'] }],
      [{ module: 'call_forward', data: { action: 'deactivate' } }, { numbers: ['*73'] }],
      [{ module: 'call_forward', data: { action: 'update' } }, { patterns: ['^\\*56([0-9]*)$'] }],
      [{ module: 'call_forward', data: { action: 'toggle' } }, { numbers: ['*74'] }],
      [{ module: 'call_forward', data: { action: 'menu' } }, { numbers: ['*75'] }],
      [{ module: 'do_not_disturb', data: { action: 'activate' } }, { numbers: ['*78'] }],
      [{ module: 'do_not_disturb', data: { action: 'deactivate' } }, { numbers: ['*79'] }],
      [{ module: 'do_not_disturb', data: { action: 'toggle', id: 'a4b1f2c00000400080000000000000a1' } }, { numbers: ['*77'] }],
      [{ module: 'hotdesk', data: { action: 'login', interdigit_timeout: 2000 } }, { numbers: ['*11'] }],
      [{ module: 'hotdesk', data: { action: 'logout' } }, { numbers: ['*12'] }],
      [{ module: 'hotdesk', data: { action: 'toggle', id: 'a4b1f2c00000400080000000000000a1' } }, { numbers: ['*13'] }],
      [{ module: 'hotdesk', data: { action: 'bridge', id: 'a4b1f2c00000400080000000000000a1' } }, { numbers: ['2002'] }],
      [{ module: 'directory', data: { id: '5f3e9a1c2b4d6e8f0a1b2c3d4e5f6a7b' } }, { numbers: ['411'] }],
      [{ module: 'disa', data: { pin: '1234', retries: 3, interdigit: 2000, max_digits: 15, preconnect_audio: 'dialtone', use_account_caller_id: true } }, { numbers: ['5100'] }],
      [{ module: 'dynamic_cid', data: { action: 'list', id: 'c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6', idx_name: 'cid' } }, { patterns: ['^\\*69(?P<cid>\\d{2})(\\d+)$'] }],
      [{ module: 'dynamic_cid', data: { action: 'lists', id: 'c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6' } }, { patterns: ['^\\*68(\\d+)$'] }],
      [{ module: 'menu', data: { name: 'Main', hunt: true, hunt_allow: '^2\\d{3}$', hunt_deny: '^2999$', max_extension_length: 4, media: { transfer_media: true } } }, { numbers: ['5000'] }],
    ];
    for (const [flow, where] of accepted) {
      const reply = await callflow(flow, where);
      expect([flow.module, reply.status, reply.status === 201 ? 'created' : reply.body.data]).toEqual([flow.module, 201, 'created']);
    }
  });

  it("keeps Kazoo's featurecode on a callflow: returned, listed, patched, cleared by a replace; bad data is a 400 naming the field", async () => {
    const flow = { module: 'call_forward', data: { action: 'activate' } };
    const created = await api.put(`${A}/callflows`, { flow, patterns: ['^\\*82([0-9]*)$'], featurecode: { name: 'call_forward[action=activate]', number: '82' } });
    expect(created.status).toBe(201);
    const id = (created.body.data as { id: string }).id;
    expect(created.body.data).toMatchObject({ featurecode: { name: 'call_forward[action=activate]', number: '82' } });
    expect((await api.get(`${A}/callflows/${id}`)).body.data).toMatchObject({ featurecode: { number: '82' } });
    const listed = (await api.get(`${A}/callflows`)).body.data as { id: string; featurecode?: unknown }[];
    expect(listed.find((entry) => entry.id === id)?.featurecode).toEqual({ name: 'call_forward[action=activate]', number: '82' });
    const patched = await api.patch(`${A}/callflows/${id}`, { featurecode: { name: 'cf on', number: '82' } });
    expect(patched.body.data).toMatchObject({ featurecode: { name: 'cf on', number: '82' }, patterns: ['^\\*82([0-9]*)$'] });
    expect((await api.patch(`${A}/callflows/${id}`, { name: 'renamed' })).body.data).toMatchObject({ featurecode: { name: 'cf on' } });
    const replaced = await api.post(`${A}/callflows/${id}`, { flow, patterns: ['^\\*82([0-9]*)$'] });
    expect(replaced.status).toBe(200);
    expect(replaced.body.data).not.toHaveProperty('featurecode');
    for (const [featurecode, field] of [
      [{ number: '8'.repeat(31) }, 'featurecode.number'],
      [{ name: '' }, 'featurecode.name'],
      [{ code: '82' }, 'featurecode.code'],
    ] as const) {
      const reply = await api.put(`${A}/callflows`, { flow, numbers: [`8${Math.floor(Math.random() * 1e8)}`], featurecode });
      expect([field, reply.status, fieldsOf(reply.body)]).toEqual([field, 400, [field]]);
    }
  });

  it("keeps an account's caller_id (external, internal, emergency): PATCH merges by kind, null clears; bad data is a 400 naming the field", async () => {
    const external = { name: 'Acme Sales', number: '+15550100' };
    const created = await api.put('/v2/accounts', { name: 'Caller ID Co', caller_id: { external, emergency: { number: '+15550911' } } });
    expect(created.status).toBe(201);
    const account = `/v2/accounts/${(created.body.data as { id: string }).id}`;
    expect((await api.get(account)).body.data).toMatchObject({ caller_id: { external, emergency: { number: '+15550911' } } });
    const patched = await api.patch(account, { caller_id: { internal: { name: 'Front', number: '2000' } } });
    expect((patched.body.data as { caller_id: unknown }).caller_id).toEqual({ external, internal: { name: 'Front', number: '2000' }, emergency: { number: '+15550911' } });
    expect((await api.patch(account, { caller_id: null })).body.data).not.toHaveProperty('caller_id');
    for (const [caller_id, field] of [
      [{ external: { number: '+1 555' } }, 'caller_id.external.number'],
      [{ external: { name: 'x'.repeat(36) } }, 'caller_id.external.name'],
      [{ asserted: {} }, 'caller_id.asserted'],
    ] as const) {
      const reply = await api.patch(account, { caller_id });
      expect([field, reply.status, fieldsOf(reply.body)]).toEqual([field, 400, [field]]);
    }
  });

  it.each([
    ['call_forward', { action: 'forward' }, 'flow.data.action'],
    ['do_not_disturb', { action: 'on' }, 'flow.data.action'],
    ['hotdesk', { action: 'bridge' }, 'flow.data.id'],
    ['hotdesk', { action: 'park' }, 'flow.data.action'],
    ['hotdesk', {}, 'flow.data.action'],
    ['directory', {}, 'flow.data.id'],
    ['disa', { pin: '12ab' }, 'flow.data.pin'],
    ['disa', { max_digits: 'lots' }, 'flow.data.max_digits'],
    ['dynamic_cid', { action: 'lists' }, 'flow.data.id'],
    ['menu', { hunt_deny: '(' }, 'flow.data.hunt_deny'],
  ])('refuses bad %s data with a 400 naming the field', async (module, data, field) => {
    const reply = await callflow({ module, data }, { numbers: [`9${Math.floor(Math.random() * 1e8)}`] });
    expect(reply.status).toBe(400);
    expect(fieldsOf(reply.body)).toEqual([field]);
  });

  it('keeps directories: create, read, patch, replace, list, delete; bad data is a 400 naming the field', async () => {
    const created = await api.put(`${A}/directories`, { name: 'Main Directory', min_dtmf: 3, max_dtmf: 0, sort_by: 'last_name', confirm_match: true });
    expect(created.status).toBe(201);
    const id = (created.body.data as { id: string }).id;
    expect((await api.patch(`${A}/directories/${id}`, { confirm_match: false })).body.data).toMatchObject({ name: 'Main Directory', confirm_match: false, sort_by: 'last_name' });
    expect((await api.post(`${A}/directories/${id}`, { name: 'Renamed' })).body.data).toEqual({ id, name: 'Renamed' });
    expect((await api.get(`${A}/directories`)).body.data).toEqual([{ id, name: 'Renamed' }]);
    for (const [body, field] of [
      [{ min_dtmf: 3 }, 'name'],
      [{ name: 'x', sort_by: 'nickname' }, 'sort_by'],
      [{ name: 'x', min_dtmf: 0 }, 'min_dtmf'],
    ] as const) {
      const reply = await api.put(`${A}/directories`, body);
      expect([field, reply.status, fieldsOf(reply.body)]).toEqual([field, 400, [field]]);
    }
    expect((await api.patch(`${A}/directories/${id}`, { confirm_match: 'yes' })).status).toBe(400);
    expect((await api.delete(`${A}/directories/${id}`)).status).toBe(200);
    expect((await api.get(`${A}/directories/${id}`)).status).toBe(404);
  });

  it("keeps users' hotdesk and directories and devices' hotdesk users; bad data is a 400 naming the field", async () => {
    const user = await api.put(`${A}/users`, { username: 'hal', password: 'hal-password', hotdesk: { enabled: true, id: '2002', pin: '4321', require_pin: true, keep_logged_in_elsewhere: false }, directories: { dir1: 'cf1' } });
    expect(user.status).toBe(201);
    const userId = (user.body.data as { id: string }).id;
    expect(user.body.data).toMatchObject({ hotdesk: { id: '2002', require_pin: true }, directories: { dir1: 'cf1' } });
    const patched = await api.patch(`${A}/users/${userId}`, { hotdesk: { pin: '9999' }, directories: null });
    expect(patched.body.data).toMatchObject({ hotdesk: { id: '2002', pin: '9999', require_pin: true } });
    expect(patched.body.data).not.toHaveProperty('directories');
    const device = await api.put(`${A}/devices`, { name: 'Lobby', sip: { username: 'lobby-77' }, hotdesk: { users: { [userId]: {} } } });
    expect(device.body.data).toMatchObject({ hotdesk: { users: { [userId]: {} } } });
    for (const [body, field] of [
      [{ username: 'bad1', password: 'bad-password', hotdesk: { id: '12ab' } }, 'hotdesk.id'],
      [{ username: 'bad2', password: 'bad-password', hotdesk: { pin: 1234 } }, 'hotdesk.pin'],
      [{ username: 'bad3', password: 'bad-password', directories: { dir1: 7 } }, 'directories.dir1'],
    ] as const) {
      const reply = await api.put(`${A}/users`, body);
      expect([field, reply.status, fieldsOf(reply.body)]).toEqual([field, 400, [field]]);
    }
  });

  it('keeps caller-id lists for dynamic_cid: a keyed entries map on the list, cid_key entries', async () => {
    const list = await api.put(`${A}/lists`, { name: 'Brands', length: 1, entries: { '1': { name: 'Acme', number: '+15550001001' } } });
    expect(list.status).toBe(201);
    const id = (list.body.data as { id: string }).id;
    expect((await api.put(`${A}/lists/${id}/entries`, { cid_key: '07', cid_name: 'Widgets', cid_number: '+15550007007' })).status).toBe(201);
    const badKey = await api.put(`${A}/lists`, { name: 'Bad', entries: { one: { number: '+1555' } } });
    expect([badKey.status, fieldsOf(badKey.body)]).toEqual([400, ['entries.one']]);
    const badEntry = await api.put(`${A}/lists/${id}/entries`, { cid_key: 'x7', cid_number: '+1555' });
    expect([badEntry.status, fieldsOf(badEntry.body)]).toEqual([400, ['cid_key']]);
  });
});
