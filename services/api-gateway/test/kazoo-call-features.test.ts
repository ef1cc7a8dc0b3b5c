import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { customerManagerModule } from '@voxmesh/customer-manager';
import { flowManagerModule } from '@voxmesh/flow-manager';
import { Api, GatewayEnv, loginWithKey, type Started } from './harness.js';

const MASTER_KEY = 'kazoo-call-features-master-key-0123456789ab';

/**
 * The callflows of Kazoo's call features over REST: `eavesdrop`, `group_pickup`,
 * `intercept` and `page_group` as Kazoo's schemas write them (and as feature codes),
 * accepted; bad data refused with a 400 naming the field. Calls through them run in
 * call-manager's `call-features` test.
 */
describe('Kazoo call-feature callflows over REST', () => {
  const env = new GatewayEnv();
  let started: Started;
  let account: Api;
  let accountId: string;

  beforeAll(async () => {
    started = await env.start({ services: [customerManagerModule, flowManagerModule], gatewayFlags: ['-master_api_key', MASTER_KEY] });
    const { api: master } = await loginWithKey(started.gateway.httpUrl, MASTER_KEY);
    accountId = ((await master.put('/v2/accounts', { name: 'Call Features' })).body.data as { id: string }).id;
    const key = await master.put(`/v2/accounts/${accountId}/api_keys`, {});
    ({ api: account } = await loginWithKey(started.gateway.httpUrl, (key.body.data as { api_key: string }).api_key));
  }, 120_000);

  afterAll(async () => {
    await env.cleanup();
  }, 60_000);

  const put = (doc: Record<string, unknown>) => account.put(`/v2/accounts/${accountId}/callflows`, doc);

  it("accepts each module's Kazoo data, on numbers and as feature codes, and keeps the tree as written", async () => {
    const trees = [
      { numbers: ['*33'], flow: { module: 'eavesdrop', data: { device_id: 'd1', approved_group_id: 'g1' } } },
      { patterns: ['^\\*34([0-9]+)$'], flow: { module: 'eavesdrop', data: { approved_user_id: 'u9', mode: 'whisper' } } },
      { numbers: ['*8'], flow: { module: 'group_pickup', data: { group_id: 'g1', approved_device_id: 'd2' } } },
      { patterns: ['^\\*7([0-9]+)$'], flow: { module: 'group_pickup', data: {} } },
      { numbers: ['*9'], flow: { module: 'intercept', data: { user_id: 'u1', approved_group_id: 'g1' } } },
      { numbers: ['*80'], flow: { module: 'page_group', data: { endpoints: [{ endpoint_type: 'group', id: 'g1', delay: 0, timeout: 20, weight: 5 }], timeout: 5, barge_calls: true, audio: 'one-way' } } },
    ];
    for (const tree of trees) {
      const reply = await put(tree);
      expect([tree.flow.module, reply.status]).toEqual([tree.flow.module, 201]);
      expect((reply.body.data as { flow: unknown }).flow).toEqual(tree.flow);
    }
  }, 30_000);

  it('refuses bad data with a 400 naming the field', async () => {
    for (const [flow, field] of [
      [{ module: 'eavesdrop', data: { device_id: 42 } }, 'flow.data.device_id'],
      [{ module: 'eavesdrop', data: { device_id: 'd1', mode: 'shout' } }, 'flow.data.mode'],
      [{ module: 'group_pickup', data: { approved_group_id: ['g1'] } }, 'flow.data.approved_group_id'],
      [{ module: 'intercept', data: { user_id: { id: 'u1' } } }, 'flow.data.user_id'],
      [{ module: 'page_group', data: { endpoints: [] } }, 'flow.data.endpoints'],
      [{ module: 'page_group', data: { endpoints: [{ endpoint_type: 'phone', id: 'x' }] } }, 'flow.data.endpoints.0.endpoint_type'],
      [{ module: 'page_group', data: { endpoints: [{ id: 'd1' }], timeout: 'soon' } }, 'flow.data.timeout'],
    ] as const) {
      const reply = await put({ numbers: ['+14155560001'], flow });
      expect([field, reply.status]).toEqual([field, 400]);
      expect(JSON.stringify(reply.body)).toContain(field);
    }
  }, 30_000);
});
