import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { customerManagerModule } from '@voxmesh/customer-manager';
import { flowManagerModule } from '@voxmesh/flow-manager';
import { webhookManagerModule } from '@voxmesh/webhook-manager';
import { Api, GatewayEnv, loginWithKey, type Started } from './harness.js';

const MASTER_KEY = 'isolation-master-key-0123456789abcdef';

interface Tenant {
  name: string;
  id: string;
  api: Api;
  /** Ids of documents it owns, by path parameter name. */
  ids: Record<string, string>;
}

interface Operation {
  method: string;
  template: string;
}

/**
 * Tenant isolation as a matrix: three accounts, P, its sub-account C, and S, P's
 * sibling. Each tries every account route of the API (read from the OpenAPI document,
 * which the route table generates) on the others' accounts and documents. Only P reaches
 * C; nobody reaches a sibling or a parent.
 */
describe('tenant isolation', () => {
  const env = new GatewayEnv();
  let started: Started;
  let operations: Operation[];
  const tenants: Record<string, Tenant> = {};

  async function tenant(name: string, parentApi: Api, parentId: string): Promise<Tenant> {
    const id = ((await parentApi.put(`/v2/accounts/${parentId}`, { name: `Tenant ${name}` })).body.data as { id: string }).id;
    const key = (await parentApi.put(`/v2/accounts/${id}/api_keys`, { name: 'matrix' })).body.data as { id: string; api_key: string };
    const { api } = await loginWithKey(started.gateway.httpUrl, key.api_key);
    const user = (await api.put(`/v2/accounts/${id}/users`, { username: `user-${name}`, password: 'matrix-password' })).body.data as { id: string };
    const device = (await api.put(`/v2/accounts/${id}/devices`, { name: 'desk', sip: { username: `desk-${name}` } })).body.data as { id: string };
    const callflow = await api.put(`/v2/accounts/${id}/callflows`, { numbers: [`+1555000${name.charCodeAt(0)}`], flow: { module: 'answer' } });
    const webhook = await api.put(`/v2/accounts/${id}/webhooks`, { name: 'hook', uri: 'https://hooks.example.com/x', hook: 'channel_create' });
    if (callflow.status !== 201 || webhook.status !== 201) throw new Error(`setup failed: ${callflow.text} ${webhook.text}`);
    return {
      name,
      id,
      api,
      ids: {
        user_id: user.id,
        device_id: device.id,
        callflow_id: (callflow.body.data as { id: string }).id,
        webhook_id: (webhook.body.data as { id: string }).id,
        key_id: key.id,
      },
    };
  }

  beforeAll(async () => {
    started = await env.start({ services: [customerManagerModule, flowManagerModule, webhookManagerModule], gatewayFlags: ['-master_api_key', MASTER_KEY] });
    const { api: master, accountId: masterId } = await loginWithKey(started.gateway.httpUrl, MASTER_KEY);
    tenants.P = await tenant('P', master, masterId);
    tenants.C = await tenant('C', tenants.P.api, tenants.P.id);
    tenants.S = await tenant('S', master, masterId);
    const doc = (await new Api(started.gateway.httpUrl).get('/v2/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths)
      .filter(([path]) => path.includes('{account_id}'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), template: path })));
  }, 90_000);

  afterAll(async () => {
    await env.cleanup();
  }, 60_000);

  function fill(template: string, target: Tenant): string {
    return template.replace(/\{([a-z_]+)\}/g, (_whole, name: string) => {
      if (name === 'account_id') return target.id;
      return target.ids[name] ?? 'f'.repeat(32);
    });
  }

  async function attempt(actor: Tenant, target: Tenant, operation: Operation): Promise<number> {
    const path = fill(operation.template, target);
    const body = operation.method === 'GET' || operation.method === 'DELETE' ? undefined : { data: {} };
    return (await actor.api.request(operation.method, path, body ? { body } : {})).status;
  }

  it('covers every account route of the API', () => {
    expect(operations.length).toBeGreaterThan(80);
    expect(operations).toContainEqual({ method: 'PUT', template: '/v2/accounts/{account_id}/channels/{channel_id}' });
    expect(operations).toContainEqual({ method: 'DELETE', template: '/v2/accounts/{account_id}' });
  });

  it.each([
    ['C', 'P'],
    ['P', 'S'],
    ['S', 'P'],
    ['C', 'S'],
    ['S', 'C'],
  ])('%s is refused every route on %s (403)', async (actorName, targetName) => {
    const actor = tenants[actorName]!;
    const target = tenants[targetName]!;
    const outcomes: string[] = [];
    for (const operation of operations) {
      const status = await attempt(actor, target, operation);
      if (status !== 403) outcomes.push(`${operation.method} ${operation.template} → ${status}`);
    }
    expect(outcomes).toEqual([]);
  }, 60_000);

  it("answers another account's documents as not found, even under the caller's own account", async () => {
    const p = tenants.P!;
    const s = tenants.S!;
    for (const [resource, param, patch] of [
      ['users', 'user_id', { first_name: 'stolen' }],
      ['devices', 'device_id', { name: 'stolen' }],
      ['callflows', 'callflow_id', { name: 'stolen' }],
      ['webhooks', 'webhook_id', { name: 'stolen' }],
    ] as const) {
      const reply = await p.api.get(`/v2/accounts/${p.id}/${resource}/${s.ids[param]}`);
      expect([resource, reply.status]).toEqual([resource, 404]);
      const change = await p.api.patch(`/v2/accounts/${p.id}/${resource}/${s.ids[param]}`, patch);
      expect([resource, change.status]).toEqual([resource, 404]);
    }
    expect((await p.api.delete(`/v2/accounts/${p.id}/api_keys/${s.ids.key_id}`)).status).toBe(404);
    // And S's documents are untouched.
    expect((await s.api.get(`/v2/accounts/${s.id}/users/${s.ids.user_id}`)).status).toBe(200);
    expect((await s.api.get(`/v2/accounts/${s.id}/callflows/${s.ids.callflow_id}`)).status).toBe(200);
  });

  it('keeps non-master accounts out of system configuration and off other trees', async () => {
    for (const name of ['P', 'C', 'S']) {
      expect((await tenants[name]!.api.get('/v2/system_configs/metaflows')).status).toBe(403);
      expect((await tenants[name]!.api.post('/v2/system_configs/metaflows', { default_metaflow: true })).status).toBe(403);
    }
    // A sub-account made with PUT /accounts lands under the caller, never elsewhere.
    const made = await tenants.C!.api.put('/v2/accounts', { name: 'grandchild' });
    expect(made.body.data).toMatchObject({ parent_id: tenants.C!.id, tree: expect.arrayContaining([tenants.P!.id, tenants.C!.id]) });
    expect((await tenants.C!.api.put('/v2/accounts', { name: 'reseller?', is_reseller: true })).status).toBe(403);
  });
  // Last: it deletes C's documents and key on the way.
  it('P reaches its sub-account C on every route (nothing is 401 or 403)', async () => {
    const parent = tenants.P!;
    const child = tenants.C!;
    // Deletes run last, and the account itself is not deleted (the matrix still needs it).
    const order = (operation: Operation) => (operation.method === 'GET' ? 0 : operation.method === 'DELETE' ? 2 : 1);
    const runnable = operations.filter((operation) => !(operation.method === 'DELETE' && operation.template === '/v2/accounts/{account_id}')).sort((a, b) => order(a) - order(b));
    const refused: string[] = [];
    for (const operation of runnable) {
      const status = await attempt(parent, child, operation);
      if (status === 401 || status === 403) refused.push(`${operation.method} ${operation.template} → ${status}`);
    }
    expect(refused).toEqual([]);
    const childAccount = await parent.api.get(`/v2/accounts/${child.id}`);
    expect(childAccount.body.data).toMatchObject({ id: child.id, parent_id: parent.id });
  }, 60_000);

});
