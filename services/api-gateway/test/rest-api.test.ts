import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Api, GatewayEnv, eventually, loginWithKey, md5, type Started } from './harness.js';

const MASTER_KEY = 'master-key-for-tests-0123456789abcdef';

/** The REST API over real HTTP, customer-manager behind it on RabbitMQ, MariaDB and Redis. */
describe('REST API: auth, accounts, users, devices, keys, configs', () => {
  const env = new GatewayEnv();
  let started: Started;
  let base: string;
  let master: Api;
  let masterId: string;

  beforeAll(async () => {
    started = await env.start({ gatewayFlags: ['-master_api_key', MASTER_KEY] });
    base = started.gateway.httpUrl;
    ({ api: master, accountId: masterId } = await loginWithKey(base, MASTER_KEY));
  }, 60_000);

  afterAll(async () => {
    await env.cleanup();
  }, 60_000);

  it('made the master account at first start, with the key it was given', async () => {
    expect(started.gateway.master()).toEqual({ accountId: masterId, accountName: 'master', apiKey: MASTER_KEY });
    const lines = started.gateway.describe!();
    expect(lines['master account']).toContain(masterId);
    expect(lines['master API key']).toBe(MASTER_KEY);
    expect(lines['REST API']).toContain(`${base}/v2`);
  });

  it('answers api_auth with a token and the account, in crossbar envelope', async () => {
    const reply = await new Api(base).put('/v2/api_auth', { api_key: MASTER_KEY });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ status: 'success', auth_token: expect.any(String), request_id: expect.any(String) });
    expect(reply.body.data).toMatchObject({ account_id: masterId, account_name: 'master', method: 'api_key', is_reseller: true, owner_id: null });
    const bad = await new Api(base).put('/v2/api_auth', { api_key: 'not-a-key-of-anyone' });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ status: 'error', error: '401', message: 'invalid credentials', data: { message: 'invalid credentials' } });
  });

  it('refuses requests without a valid token, and takes the token from the header, Bearer, or the query', async () => {
    const path = `/v2/accounts/${masterId}`;
    expect((await master.get(path, { token: null })).status).toBe(401);
    expect((await master.get(path, { token: 'forged' })).status).toBe(401);
    expect((await master.get(path)).status).toBe(200);
    expect((await master.get(path, { token: null, headers: { authorization: `Bearer ${master.token}` } })).status).toBe(200);
    expect((await master.get(`${path}?auth_token=${master.token}`, { token: null })).status).toBe(200);
    const body = (await master.get(path)).body;
    expect(body).toMatchObject({ status: 'success', auth_token: master.token, data: { id: masterId, parent_id: null, tree: [] } });
    expect(body.data).not.toHaveProperty('webhook_secret');
  });

  it('echoes X-Request-ID or makes one', async () => {
    const echoed = await master.get(`/v2/accounts/${masterId}`, { headers: { 'x-request-id': 'req-12345' } });
    expect(echoed.headers.get('x-request-id')).toBe('req-12345');
    expect(echoed.body.request_id).toBe('req-12345');
    const made = await master.get(`/v2/accounts/${masterId}`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(made.body.request_id).toBe(made.headers.get('x-request-id'));
  });

  it('builds an account tree: children and descendants, reseller and tree fields', async () => {
    const reseller = await master.put(`/v2/accounts/${masterId}`, { name: 'Reseller One', is_reseller: true });
    expect(reseller.status).toBe(201);
    const resellerId = (reseller.body.data as { id: string }).id;
    expect(reseller.body.data).toMatchObject({ parent_id: masterId, tree: [masterId], is_reseller: true, reseller_id: masterId });
    const customer = await master.put(`/v2/accounts/${resellerId}`, { name: 'Customer A' });
    const customerId = (customer.body.data as { id: string }).id;
    expect(customer.body.data).toMatchObject({ parent_id: resellerId, tree: [masterId, resellerId], reseller_id: resellerId, is_reseller: false });
    const children = await master.get(`/v2/accounts/${masterId}/children`);
    expect((children.body.data as { id: string }[]).map((a) => a.id)).toEqual([resellerId]);
    const descendants = await master.get(`/v2/accounts/${masterId}/descendants`);
    expect((descendants.body.data as { id: string }[]).map((a) => a.id).sort()).toEqual([resellerId, customerId].sort());
    // The leaf goes first: a parent with sub-accounts is refused.
    expect((await master.delete(`/v2/accounts/${resellerId}`)).status).toBe(409);
    expect((await master.delete(`/v2/accounts/${customerId}`)).status).toBe(200);
    expect((await master.get(`/v2/accounts/${customerId}`)).status).toBe(404);
  });

  it('creates users with slow-hashed passwords and logs them in with md5 credentials (user_auth)', async () => {
    const account = await master.put('/v2/accounts', { name: 'Login Co' });
    const accountId = (account.body.data as { id: string }).id;
    const user = await master.put(`/v2/accounts/${accountId}/users`, { username: 'Alice', password: 's3cret-pass', email: 'alice@example.com', priv_level: 'admin' });
    expect(user.status).toBe(201);
    expect(user.body.data).toMatchObject({ username: 'Alice', email: 'alice@example.com', account_id: accountId, priv_level: 'admin' });
    expect(JSON.stringify(user.body)).not.toMatch(/s3cret|hash/);

    const login = await new Api(base).put('/v2/user_auth', { credentials: md5('alice:s3cret-pass'), account_name: 'Login Co' });
    expect(login.status).toBe(201);
    expect(login.body.data).toMatchObject({ account_id: accountId, method: 'user_auth', owner_id: (user.body.data as { id: string }).id });
    const userApi = new Api(base, login.body.auth_token as string);
    expect((await userApi.get(`/v2/accounts/${accountId}/users`)).status).toBe(200);

    const wrong = await new Api(base).put('/v2/user_auth', { credentials: md5('alice:wrong'), account_name: 'Login Co' });
    expect(wrong.status).toBe(401);
    const otherAccount = await new Api(base).put('/v2/user_auth', { credentials: md5('alice:s3cret-pass'), account_name: 'Nobody Inc' });
    expect(otherAccount.status).toBe(401);
    const badShape = await new Api(base).put('/v2/user_auth', { credentials: 'xyz', account_name: 'Login Co' });
    expect(badShape.status).toBe(400);
    expect(badShape.body.data).toHaveProperty('credentials');
  });

  it('creates, reads, replaces, patches and deletes devices; the SIP username is unique in the account', async () => {
    const account = (await master.put('/v2/accounts', { name: 'Device Co' })).body.data as { id: string; realm: string };
    const user = (await master.put(`/v2/accounts/${account.id}/users`, { username: 'owner', password: 'owner-pass' })).body.data as { id: string };
    const created = await master.put(`/v2/accounts/${account.id}/devices`, { name: 'Desk phone', owner_id: user.id, sip: { username: 'desk100' } });
    expect(created.status).toBe(201);
    const device = created.body.data as { id: string; sip: { password: string } };
    expect(created.body.data).toMatchObject({ name: 'Desk phone', device_type: 'sip_device', owner_id: user.id, enabled: true, sip: { username: 'desk100', realm: account.realm } });
    expect(device.sip.password.length).toBeGreaterThanOrEqual(12);
    const clash = await master.put(`/v2/accounts/${account.id}/devices`, { name: 'Other', sip: { username: 'desk100' } });
    expect(clash.status).toBe(409);
    expect(clash.body.data).toEqual({ 'sip.username': { unique: { message: expect.stringContaining('desk100') } } });

    const replaced = await master.post(`/v2/accounts/${account.id}/devices/${device.id}`, { name: 'Renamed', sip: { username: 'desk101' } });
    expect(replaced.body.data).toMatchObject({ name: 'Renamed', owner_id: null, sip: { username: 'desk101', password: device.sip.password } });
    const patched = await master.patch(`/v2/accounts/${account.id}/devices/${device.id}`, { enabled: false, owner_id: user.id });
    expect(patched.body.data).toMatchObject({ name: 'Renamed', enabled: false, owner_id: user.id });
    const foreignOwner = await master.patch(`/v2/accounts/${account.id}/devices/${device.id}`, { owner_id: masterId });
    expect(foreignOwner.status).toBe(400);
    expect(foreignOwner.body.data).toHaveProperty('owner_id');
    expect((await master.delete(`/v2/accounts/${account.id}/devices/${device.id}`)).status).toBe(200);
    expect((await master.get(`/v2/accounts/${account.id}/devices/${device.id}`)).status).toBe(404);
  });

  it('answers validation errors keyed by field, then validator', async () => {
    const reply = await master.put(`/v2/accounts/${masterId}/users`, { username: '', password: 'x', email: 'not-an-email', priv_level: 'god', colour: 'blue' });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ status: 'error', error: '400', message: 'validation error' });
    const data = reply.body.data as Record<string, Record<string, { message: string }>>;
    expect(Object.keys(data).sort()).toEqual(['colour', 'email', 'password', 'priv_level', 'username']);
    expect(data.username).toHaveProperty('minLength');
    expect(data.password).toHaveProperty('minLength');
    expect(data.priv_level).toHaveProperty('enum');
    expect(data.email).toHaveProperty('format');
    expect(data.colour).toHaveProperty('additionalProperties');
    const missing = await master.request('PUT', `/v2/accounts/${masterId}/users`, { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.data).toEqual({ data: { required: expect.any(Object) } });
  });

  it('pages listings with page_size, start_key and next_start_key', async () => {
    const account = (await master.put('/v2/accounts', { name: 'Paging Co' })).body.data as { id: string };
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.push(((await master.put(`/v2/accounts/${account.id}/users`, { username: `u${i}`, password: 'paging-pass' })).body.data as { id: string }).id);
    const seen: string[] = [];
    let startKey: string | undefined;
    let pages = 0;
    do {
      const reply = await master.get(`/v2/accounts/${account.id}/users?page_size=3${startKey ? `&start_key=${startKey}` : ''}`);
      expect(reply.status).toBe(200);
      expect(reply.body.page_size).toBe((reply.body.data as unknown[]).length);
      if (startKey) expect(reply.body.start_key).toBe(startKey);
      seen.push(...(reply.body.data as { id: string }[]).map((user) => user.id));
      startKey = reply.body.next_start_key as string | undefined;
      pages++;
    } while (startKey);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(made.sort());
    expect((await master.get(`/v2/accounts/${account.id}/users?page_size=0`)).status).toBe(400);
    expect((await master.get(`/v2/accounts/${account.id}/users?page_size=abc`)).body.data).toHaveProperty(['query.page_size']);
    expect((await master.get(`/v2/accounts/${account.id}/users?start_key=!!bogus!!`)).status).toBe(400);
    expect(((await master.get(`/v2/accounts/${account.id}/users?paginate=false`)).body.data as unknown[]).length).toBe(7);
  });

  it('makes API keys shown once, logs in with them, and revokes their tokens when the key is deleted', async () => {
    const account = (await master.put('/v2/accounts', { name: 'Key Co' })).body.data as { id: string };
    const made = await master.put(`/v2/accounts/${account.id}/api_keys`, { name: 'ci' });
    expect(made.status).toBe(201);
    const key = made.body.data as { id: string; api_key: string; prefix: string };
    expect(key.api_key).toMatch(/^[0-9a-f]{64}$/);
    expect(key.prefix).toBe(key.api_key.slice(0, 6));
    const listed = await master.get(`/v2/accounts/${account.id}/api_keys`);
    expect(JSON.stringify(listed.body.data)).not.toContain(key.api_key);
    const { api } = await loginWithKey(base, key.api_key);
    expect((await api.get(`/v2/accounts/${account.id}`)).status).toBe(200);
    expect((await api.get('/v2/token_auth')).body.data).toMatchObject({ account_id: account.id, is_admin: true, is_superduper_admin: false });
    expect((await master.delete(`/v2/accounts/${account.id}/api_keys/${key.id}`)).status).toBe(200);
    // The revocation reaches the gateway as an event and drops its cached answer.
    await eventually('token refused after its key is deleted', async () => (await api.get(`/v2/accounts/${account.id}`)).status === 401);
    expect((await new Api(base).put('/v2/api_auth', { api_key: key.api_key })).status).toBe(401);
  });

  it('revokes the token in hand with DELETE /token_auth', async () => {
    const { api } = await loginWithKey(base, MASTER_KEY);
    expect((await api.get(`/v2/accounts/${masterId}`)).status).toBe(200);
    expect((await api.delete('/v2/token_auth')).body.data).toEqual({ revoked: true });
    expect((await api.get(`/v2/accounts/${masterId}`)).status).toBe(401);
  });

  it('keeps account and system configuration; the effective document merges system, ancestors and account', async () => {
    const parent = (await master.put('/v2/accounts', { name: 'Config Parent' })).body.data as { id: string };
    const child = (await master.put(`/v2/accounts/${parent.id}`, { name: 'Config Child' })).body.data as { id: string };
    expect((await master.post('/v2/system_configs/metaflows', { default_metaflow: false, digit_timeout_ms: 800, binding_digit: '*' })).status).toBe(200);
    expect((await master.post(`/v2/accounts/${parent.id}/configs/metaflows`, { default_metaflow: true })).status).toBe(200);
    const patched = await master.patch(`/v2/accounts/${child.id}/configs/metaflows`, { digit_timeout_ms: 1200, listen_on: 'both' });
    expect(patched.body.data).toEqual({ digit_timeout_ms: 1200, listen_on: 'both' });
    const effective = await master.get(`/v2/accounts/${child.id}/configs/metaflows/effective`);
    expect(effective.body.data).toEqual({ default_metaflow: true, digit_timeout_ms: 1200, binding_digit: '*', listen_on: 'both' });
    expect((await master.patch(`/v2/accounts/${child.id}/configs/metaflows`, { listen_on: null })).body.data).toEqual({ digit_timeout_ms: 1200 });
    expect((await master.delete(`/v2/accounts/${child.id}/configs/metaflows`)).body.data).toEqual({});
    expect((await master.get('/v2/system_configs/metaflows')).body.data).toMatchObject({ default_metaflow: false });
    // System configuration is the master's alone.
    const { api: other } = await loginWithKey(base, ((await master.put(`/v2/accounts/${parent.id}/api_keys`, {})).body.data as { api_key: string }).api_key);
    expect((await other.get('/v2/system_configs/metaflows')).status).toBe(403);
    expect((await master.get(`/v2/accounts/${parent.id}/configs/Bad Category!`)).status).toBe(404);
  });

  it('lets a plain user read its account and edit only itself', async () => {
    const account = (await master.put('/v2/accounts', { name: 'Plain Co' })).body.data as { id: string };
    const bob = (await master.put(`/v2/accounts/${account.id}/users`, { username: 'bob', password: 'bob-password' })).body.data as { id: string };
    const carol = (await master.put(`/v2/accounts/${account.id}/users`, { username: 'carol', password: 'carol-password' })).body.data as { id: string };
    const login = await new Api(base).put('/v2/user_auth', { credentials: md5('bob:bob-password'), account_name: 'Plain Co' });
    const bobApi = new Api(base, login.body.auth_token as string);
    expect((await bobApi.get(`/v2/accounts/${account.id}/users`)).status).toBe(200);
    expect((await bobApi.patch(`/v2/accounts/${account.id}/users/${bob.id}`, { first_name: 'Bobby' })).body.data).toMatchObject({ first_name: 'Bobby' });
    expect((await bobApi.patch(`/v2/accounts/${account.id}/users/${carol.id}`, { first_name: 'X' })).status).toBe(403);
    expect((await bobApi.patch(`/v2/accounts/${account.id}/users/${bob.id}`, { priv_level: 'admin' })).status).toBe(403);
    expect((await bobApi.put(`/v2/accounts/${account.id}/devices`, { name: 'd', sip: { username: 'x' } })).status).toBe(403);
    // A new password revokes the user's tokens.
    expect((await bobApi.patch(`/v2/accounts/${account.id}/users/${bob.id}`, { password: 'new-bob-password' })).status).toBe(200);
    await eventually('old token refused after a password change', async () => (await bobApi.get(`/v2/accounts/${account.id}`)).status === 401);
    expect((await new Api(base).put('/v2/user_auth', { credentials: md5('bob:new-bob-password'), account_name: 'Plain Co' })).status).toBe(201);
  });

  it('answers 405 with Allow, 404 for unknown paths and ids, and tunnels verbs', async () => {
    const wrong = await master.request('PATCH', '/v2/token_auth');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toContain('GET');
    expect((await master.get('/v2/nothing/here')).status).toBe(404);
    expect((await master.get('/v3/accounts')).status).toBe(404);
    expect((await master.get(`/v2/accounts/${masterId}/users/not-an-id`)).status).toBe(404);
    expect((await master.get(`/v2/accounts/${masterId}/users/${'0'.repeat(32)}`)).status).toBe(404);
    // POST with verb=PATCH is a PATCH, for clients that cannot send one.
    const tunnelled = await master.request('POST', `/v2/accounts/${masterId}?verb=PATCH`, { body: { data: { timezone: 'Europe/Paris' } } });
    expect(tunnelled.status).toBe(200);
    expect(tunnelled.body.data).toMatchObject({ timezone: 'Europe/Paris' });
    // /v1 works as /v2.
    expect((await master.get(`/v1/accounts/${masterId}`)).status).toBe(200);
  });

  it('answers 503 at once for a service that is not running, and the API keeps serving', async () => {
    const startedAt = Date.now();
    for (const path of [`/v2/accounts/${masterId}/calls`, `/v2/accounts/${masterId}/channels`, `/v2/accounts/${masterId}/callflows`, '/v2/webhooks', `/v2/accounts/${masterId}/metaflows`]) {
      const reply = await master.get(path, { token: path === '/v2/webhooks' ? null : undefined });
      expect(reply.status).toBe(503);
      expect(reply.body).toMatchObject({ status: 'error', error: '503', message: 'service unavailable' });
    }
    expect(Date.now() - startedAt).toBeLessThan(5000);
    expect((await master.get(`/v2/accounts/${masterId}`)).status).toBe(200);
  });

  it("asks flow-manager for Pivot's debug log, so it answers 503 like flow-manager's other routes while it is down", async () => {
    for (const path of [`/v2/accounts/${masterId}/pivot/debug`, `/v2/accounts/${masterId}/pivot/debug/some-call`]) {
      const reply = await master.get(path);
      expect(reply.status).toBe(503);
      expect(reply.body).toMatchObject({ status: 'error', error: '503', message: 'service unavailable' });
    }
    expect((await master.get(`/v2/accounts/${masterId}/pivot/debug/${'c'.repeat(256)}`)).status).toBe(404);
    expect((await master.get(`/v2/accounts/${masterId}/pivot/debug?start_key=not-ours`)).status).toBe(400);
  });

  it('serves its OpenAPI 3.1 document, generated from the schemas, and a docs page', async () => {
    const reply = await new Api(base).get('/v2/openapi.json');
    expect(reply.status).toBe(200);
    const doc = reply.body as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: { data: Record<string, unknown> } } }> } }>> };
    expect(doc.openapi).toBe('3.1.0');
    // As served, the document passes a standard validator: every $ref resolves.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v2/api_auth', '/v2/accounts/{account_id}/callflows', '/v2/accounts/{account_id}/channels/{channel_id}', '/v2/websockets']));
    const userBody = doc.paths['/v2/accounts/{account_id}/users']!.put!.requestBody!.content['application/json']!.schema.properties.data;
    expect(userBody).toMatchObject({ type: 'object', additionalProperties: false, required: ['username'] });
    expect((userBody.properties as Record<string, unknown>).priv_level).toMatchObject({ enum: ['admin', 'user'] });
    // Replies of the routes served by another service are that service's contract schemas.
    type Reply = { responses: Record<string, { content: Record<string, { schema: { properties: { data: { properties?: Record<string, unknown> } } } }> }> };
    const replyOf = (path: string, method: string, status: string) =>
      (doc.paths[path]![method] as unknown as Reply).responses[status]!.content['application/json']!.schema.properties.data;
    expect(replyOf('/v2/accounts/{account_id}/calls/{call_id}', 'get', '200').properties).toMatchObject({ status: { enum: ['dialing', 'ringing', 'progressing', 'terminating', 'canceling', 'hangup'] } });
    expect(replyOf('/v2/accounts/{account_id}/channels/{channel_id}', 'get', '200').properties).toMatchObject({ state: { enum: ['ringing', 'early', 'answered', 'hangup'] } });
    const docs = await fetch(`${base}/docs`);
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(await docs.text()).toContain('/v2/openapi.json');
  });
});
