import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import { TestEnv, newId, type Replica } from './harness.js';

/** The RPC surface: Kazoo webhook documents over the route table, its errors and its pages. */
describe('webhook-manager RPC', () => {
  const env = new TestEnv();
  let replica: Replica;
  const account = newId();

  beforeAll(async () => {
    replica = await env.startReplica();
  }, 60_000);

  afterAll(async () => {
    await env.cleanup();
  }, 60_000);

  async function rejection(promise: Promise<unknown>): Promise<VoipError> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof VoipError) return error;
      throw error;
    }
    throw new Error('expected the call to fail');
  }

  it('lists the hook types with descriptions and modifiers, and sample payloads', async () => {
    const client = await env.rpc();
    const types = await client.call('listHookTypes', {});
    expect(types.map((type) => type.id)).toEqual(['channel_create', 'channel_answer', 'channel_bridge', 'channel_destroy', 'object', 'notifications', 'parking', 'sms', 'all']);
    expect(types.find((type) => type.id === 'object')?.modifiers?.type?.items).toEqual(expect.arrayContaining(['account', 'user', 'device', 'callflow', 'flow', 'webhook']));
    const destroy = await client.call('getHookSample', { params: { hook: 'channel_destroy' } });
    expect(destroy[0]).toMatchObject({ hook_event: 'channel_destroy', hangup_cause: 'NORMAL_CLEARING', billing_seconds: 39 });
    expect(await client.call('listHookSamples', {})).toContain('webhooks_notifications');
    expect(await client.call('getHookSample', { params: { hook: 'webhooks_channel_destroy' } })).toEqual(destroy);
    expect((await rejection(client.call('getHookSample', { params: { hook: 'fax' } }))).status).toBe('NOT_FOUND');
  });

  it('creates a webhook with Kazoo defaults, reads, replaces, patches and deletes it', async () => {
    const client = await env.rpc();
    const created = await client.call('createWebhook', {
      params: { account_id: account },
      body: { name: 'New Calls', uri: 'http://127.0.0.1:9/calls/new.php', http_verb: 'post', hook: 'channel_create', retries: 3 },
    });
    expect(created).toMatchObject({
      account_id: account,
      name: 'New Calls',
      http_verb: 'post',
      hook: 'channel_create',
      retries: 3,
      format: 'form-data',
      enabled: true,
      include_subaccounts: false,
      include_internal_legs: true,
      custom_data: {},
      modifiers: {},
      disable_reason: null,
    });
    expect(await client.call('getWebhook', { params: { account_id: account, id: created.id } })).toEqual(created);

    const replaced = await client.call('replaceWebhook', {
      params: { account_id: account, id: created.id },
      body: { name: 'Ended calls', uri: 'https://hooks.example.com/end', hook: 'channel_destroy', format: 'json', http_verb: 'PUT' },
    });
    expect(replaced).toMatchObject({ id: created.id, name: 'Ended calls', hook: 'channel_destroy', format: 'json', http_verb: 'put', retries: 2 });
    expect(replaced.created_at).toBe(created.created_at);

    const patched = await client.call('patchWebhook', {
      params: { account_id: account, id: created.id },
      body: { custom_data: { team: 'support' }, format: null, retries: 5 },
    });
    expect(patched).toMatchObject({ name: 'Ended calls', custom_data: { team: 'support' }, format: 'form-data', retries: 5 });

    // Kazoo's legacy hook names are stored as notifications.
    const legacy = await client.call('createWebhook', { params: { account_id: account }, body: { name: 'old', uri: 'http://127.0.0.1:9/x', hook: 'callflow' as 'all' } });
    expect(legacy.hook).toBe('notifications');

    const deleted = await client.call('deleteWebhook', { params: { account_id: account, id: created.id } });
    expect(deleted.id).toBe(created.id);
    expect((await rejection(client.call('getWebhook', { params: { account_id: account, id: created.id } }))).status).toBe('NOT_FOUND');
  });

  it("does not show one account's webhook to another", async () => {
    const client = await env.rpc();
    const hook = await client.call('createWebhook', { params: { account_id: account }, body: { name: 'mine', uri: 'http://127.0.0.1:9/a', hook: 'all' } });
    const other = newId();
    expect((await rejection(client.call('getWebhook', { params: { account_id: other, id: hook.id } }))).status).toBe('NOT_FOUND');
    expect((await rejection(client.call('deleteWebhook', { params: { account_id: other, id: hook.id } }))).status).toBe('NOT_FOUND');
  });

  it('answers 400 naming the field for bad input', async () => {
    const client = await env.rpc();
    const params = { account_id: account };
    const bad = async (body: Record<string, unknown>) => rejection(client.call('createWebhook', { params, body: body as never }));

    const noName = await bad({ uri: 'https://hooks.example.com/a', hook: 'all' });
    expect([noName.statusCode, noName.field]).toEqual([400, 'data.name']);
    const ftp = await bad({ name: 'x', uri: 'ftp://hooks.example.com/a', hook: 'all' });
    expect([ftp.statusCode, ftp.field]).toEqual([400, 'data.uri']);
    const hook = await bad({ name: 'x', uri: 'https://hooks.example.com/a', hook: 'parking_lot' });
    expect([hook.statusCode, hook.field]).toEqual([400, 'data.hook']);
    const retries = await bad({ name: 'x', uri: 'https://hooks.example.com/a', hook: 'all', retries: 9 });
    expect([retries.statusCode, retries.field]).toEqual([400, 'data.retries']);
    const verb = await bad({ name: 'x', uri: 'https://hooks.example.com/a', hook: 'all', http_verb: 'delete' });
    expect([verb.statusCode, verb.field]).toEqual([400, 'data.http_verb']);
    const format = await bad({ name: 'x', uri: 'https://hooks.example.com/a', hook: 'all', format: 'xml' });
    expect([format.statusCode, format.field]).toEqual([400, 'data.format']);
    const modifiers = await bad({ name: 'x', uri: 'https://hooks.example.com/a', hook: 'all', modifiers: { call_direction: { nested: true } } });
    expect([modifiers.statusCode, modifiers.field]).toEqual([400, 'data.modifiers.call_direction']);

    const patch = await rejection(client.call('patchWebhook', { params: { account_id: account, id: 'nope' }, body: { retries: -1 } }));
    expect([patch.statusCode, patch.field]).toEqual([400, 'data.retries']);
    const page = await rejection(client.call('listWebhooks', { params, query: { page_size: 0 } }));
    expect([page.statusCode, page.field]).toEqual([400, 'query.page_size']);
    const token = await rejection(client.call('listWebhooks', { params, query: { page_token: 'garbage!' } }));
    expect([token.statusCode, token.field]).toEqual([400, 'query.page_token']);
    const destination = await rejection(client.call('sendToDestination', { body: { account_id: account, uri: 'gopher://x', method: 'POST', data_type: 'application/json', data: {} } }));
    expect([destination.statusCode, destination.field]).toEqual([400, 'data.uri']);
    const method = await rejection(client.call('sendToDestination', { body: { account_id: account, uri: 'https://x.example.com', method: 'TRACE' as 'GET', data_type: 'application/json' } }));
    expect([method.statusCode, method.field]).toEqual([400, 'data.method']);
    const noAccount = await rejection(client.call('sendToDestination', { body: { uri: 'https://x.example.com' } as never }));
    expect([noAccount.statusCode, noAccount.field]).toEqual([400, 'data.account_id']);
  });

  it('pages through an account’s webhooks in creation order', async () => {
    const client = await env.rpc();
    const paged = newId();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push((await client.call('createWebhook', { params: { account_id: paged }, body: { name: `hook ${i}`, uri: `http://127.0.0.1:9/${i}`, hook: 'all' } })).id);
    }
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await client.call('listWebhooks', { params: { account_id: paged }, query: { page_size: 3, ...(token ? { page_token: token } : {}) } });
      seen.push(...page.result.map((hook) => hook.id));
      token = page.next_page_token;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(ids);
  });

  it('keeps per-account disabler settings and a signing secret', async () => {
    const client = await env.rpc();
    const settings = await client.call('getWebhookSettings', { params: { account_id: account } });
    expect(settings).toMatchObject({ account_id: account, attempt_failure_count: 6, attempt_failure_expiry_ms: 60000, disable_disabler: false });
    expect(settings.webhook_secret.length).toBeGreaterThan(16);
    const changed = await client.call('updateWebhookSettings', { params: { account_id: account }, body: { attempt_failure_count: 3 } });
    expect(changed).toMatchObject({ attempt_failure_count: 3, webhook_secret: settings.webhook_secret });
    const reset = await client.call('updateWebhookSettings', { params: { account_id: account }, body: { attempt_failure_count: null } });
    expect(reset.attempt_failure_count).toBe(6);
    const bad = await rejection(client.call('updateWebhookSettings', { params: { account_id: account }, body: { attempt_failure_expiry_ms: 5 } }));
    expect([bad.statusCode, bad.field]).toEqual([400, 'data.attempt_failure_expiry_ms']);
  });

  it('refuses a private target unless the operator allows it', async () => {
    const strict = new TestEnv();
    try {
      await strict.startReplica(['-webhook_sweep_interval_ms', '500']);
      const client = await strict.rpc();
      for (const uri of ['http://127.0.0.1:8080/x', 'http://10.1.2.3/x', 'http://169.254.169.254/latest/meta-data', 'http://localhost:3000/', 'http://[::1]/x']) {
        const refused = await rejection(client.call('createWebhook', { params: { account_id: account }, body: { name: 'inside', uri, hook: 'all' } }));
        expect([refused.statusCode, refused.field]).toEqual([400, 'data.uri']);
      }
      const destination = await rejection(
        client.call('sendToDestination', { body: { account_id: account, uri: 'http://192.168.1.1/', method: 'POST', data_type: 'application/json', data: {} } }),
      );
      expect([destination.statusCode, destination.field]).toEqual([400, 'data.uri']);
      // The same request passes where private targets are allowed.
      const allowed = await (await env.rpc()).call('createWebhook', { params: { account_id: account }, body: { name: 'inside', uri: 'http://127.0.0.1:8080/x', hook: 'all' } });
      expect(allowed.uri).toBe('http://127.0.0.1:8080/x');
    } finally {
      await strict.cleanup();
    }
  }, 60_000);

  it('serves metrics with a service label', async () => {
    const text = await replica.shared.registry.metrics();
    expect(text).toContain('webhook_outbox_depth');
    expect(text).toContain('service="webhook-manager"');
  });
});
