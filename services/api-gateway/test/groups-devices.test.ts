import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { customerManager } from '@voxmesh/contracts';
import { BreakerRegistry, MeshMetrics, RpcClient } from '@voxmesh/mesh';
import { createRegistry } from '@voxmesh/telemetry';
import { GatewayEnv, loginWithKey, type Api } from './harness.js';

const MASTER_KEY = 'master-key-for-group-tests-0123456789';

/** Kazoo's groups and voicemail boxes, and the ringing fields of devices and users, over the REST API. */
describe('REST API: groups, voicemail boxes, call forwarding and do-not-disturb', () => {
  const env = new GatewayEnv();
  let master: Api;

  beforeAll(async () => {
    const started = await env.start({ gatewayFlags: ['-master_api_key', MASTER_KEY] });
    ({ api: master } = await loginWithKey(started.gateway.httpUrl, MASTER_KEY));
  }, 60_000);

  afterAll(async () => {
    await env.cleanup();
  }, 60_000);

  it('creates, reads, patches, replaces, lists and deletes groups in the account; bad data is a 400 naming the field', async () => {
    const account = (await master.put('/v2/accounts', { name: 'Group Co' })).body.data as { id: string };
    const other = (await master.put('/v2/accounts', { name: 'Other Group Co' })).body.data as { id: string };
    const user = (await master.put(`/v2/accounts/${account.id}/users`, { username: 'gina', password: 'gina-pass' })).body.data as { id: string };
    const device = (await master.put(`/v2/accounts/${account.id}/devices`, { name: 'Gina desk', owner_id: user.id, sip: { username: 'gina100' } })).body.data as { id: string };
    const created = await master.put(`/v2/accounts/${account.id}/groups`, { name: 'Support', endpoints: { [user.id]: { type: 'user' }, [device.id]: { type: 'device' } } });
    expect(created.status).toBe(201);
    const group = created.body.data as { id: string };
    expect(created.body.data).toMatchObject({ name: 'Support', account_id: account.id, endpoints: { [user.id]: { type: 'user' }, [device.id]: { type: 'device' } } });
    const patched = await master.patch(`/v2/accounts/${account.id}/groups/${group.id}`, { endpoints: { [device.id]: null } });
    expect(patched.body.data).toMatchObject({ endpoints: { [user.id]: { type: 'user' } } });
    const replaced = await master.post(`/v2/accounts/${account.id}/groups/${group.id}`, { name: 'Support 2', endpoints: {} });
    expect(replaced.body.data).toMatchObject({ name: 'Support 2', endpoints: {} });
    const listed = await master.get(`/v2/accounts/${account.id}/groups?page_size=1`);
    expect(listed.body.data).toEqual([expect.objectContaining({ id: group.id })]);
    expect((await master.get(`/v2/accounts/${other.id}/groups/${group.id}`)).status).toBe(404);

    const bad = await master.put(`/v2/accounts/${account.id}/groups`, { name: 'Bad', endpoints: { [user.id]: { type: 'phone' } } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.data as object)).toEqual([`endpoints.${user.id}.type`]);
    const missing = await master.put(`/v2/accounts/${account.id}/groups`, { name: 'No members' });
    expect(missing.status).toBe(400);
    expect(missing.body.data).toHaveProperty('endpoints');

    expect((await master.delete(`/v2/accounts/${account.id}/groups/${group.id}`)).status).toBe(200);
    expect((await master.get(`/v2/accounts/${account.id}/groups/${group.id}`)).status).toBe(404);
  });

  it("keeps a device's call_forward and do_not_disturb and a user's presence_id; a bad forward number is a 400 naming it", async () => {
    const account = (await master.put('/v2/accounts', { name: 'Forward Co' })).body.data as { id: string };
    const device = await master.put(`/v2/accounts/${account.id}/devices`, { name: 'Desk', sip: { username: 'fwd100' }, call_forward: { enabled: true, number: '+15550100', substitute: false }, do_not_disturb: { enabled: false } });
    expect(device.status).toBe(201);
    expect(device.body.data).toMatchObject({ call_forward: { enabled: true, number: '+15550100', substitute: false }, do_not_disturb: { enabled: false } });
    const id = (device.body.data as { id: string }).id;
    const patched = await master.patch(`/v2/accounts/${account.id}/devices/${id}`, { do_not_disturb: { enabled: true } });
    expect(patched.body.data).toMatchObject({ call_forward: { enabled: true, number: '+15550100' }, do_not_disturb: { enabled: true } });
    const bad = await master.patch(`/v2/accounts/${account.id}/devices/${id}`, { call_forward: { number: 'not a number' } });
    expect(bad.status).toBe(400);
    expect(bad.body.data).toHaveProperty(['call_forward.number']);
    const user = await master.put(`/v2/accounts/${account.id}/users`, { username: 'pres', password: 'pres-pass', presence_id: '2001', vm_to_email_enabled: false });
    expect(user.body.data).toMatchObject({ presence_id: '2001', vm_to_email_enabled: false });
  });

  it('creates voicemail boxes, lists a box\'s messages by folder without where the audio is kept, moves and deletes them', async () => {
    const account = (await master.put('/v2/accounts', { name: 'Voicemail REST Co' })).body.data as { id: string };
    const created = await master.put(`/v2/accounts/${account.id}/vmboxes`, { name: 'Main', mailbox: '4100', pin: '4321' });
    expect(created.status).toBe(201);
    const box = created.body.data as { id: string };
    const clash = await master.put(`/v2/accounts/${account.id}/vmboxes`, { name: 'Other', mailbox: '4100' });
    expect(clash.status).toBe(409);
    expect(clash.body.data).toHaveProperty('mailbox');
    const bad = await master.put(`/v2/accounts/${account.id}/vmboxes`, { name: 'Bad', mailbox: '4101', max_message_length: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.data).toHaveProperty('max_message_length');
    expect((await master.patch(`/v2/accounts/${account.id}/vmboxes/${box.id}`, { skip_instructions: true })).body.data).toMatchObject({ mailbox: '4100', skip_instructions: true });

    // A message as call-manager stores it once a caller left one.
    const customers = new RpcClient({
      contract: customerManager.customerManagerContract,
      broker: await env.testBroker(),
      queue: env.names.requestQueue('customer-manager'),
      publisher: 'test',
      metrics: new MeshMetrics(createRegistry({ defaultMetrics: false })),
      breakers: new BreakerRegistry(),
    });
    const message = await customers.call('createVmMessage', {
      params: { account_id: account.id, id: box.id },
      body: { caller_id_number: '+15550101', caller_id_name: 'Caller', from: '+15550101@x', to: '4100@x', call_id: 'c1', length: 3000, media_path: '/rec/vm.wav' },
    });
    const listed = await master.get(`/v2/accounts/${account.id}/vmboxes/${box.id}/messages?folder=new`);
    expect(listed.body.data).toEqual([expect.objectContaining({ media_id: message.media_id, folder: 'new', caller_id_number: '+15550101', length: 3000 })]);
    expect(JSON.stringify(listed.body.data)).not.toContain('/rec/vm.wav');
    const moved = await master.post(`/v2/accounts/${account.id}/vmboxes/${box.id}/messages/${message.media_id}`, { folder: 'saved' });
    expect(moved.body.data).toMatchObject({ folder: 'saved' });
    expect((await master.get(`/v2/accounts/${account.id}/vmboxes/${box.id}/messages?folder=new`)).body.data).toEqual([]);
    expect((await master.post(`/v2/accounts/${account.id}/vmboxes/${box.id}/messages/${message.media_id}`, { folder: 'trash' })).status).toBe(400);
    expect((await master.delete(`/v2/accounts/${account.id}/vmboxes/${box.id}/messages/${message.media_id}`)).status).toBe(200);
    expect((await master.get(`/v2/accounts/${account.id}/vmboxes/${box.id}/messages/${message.media_id}`)).status).toBe(404);
  });
});
