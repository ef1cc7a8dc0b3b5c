import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Api, GatewayEnv, loginWithKey, md5, type Started } from './harness.js';

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
});
