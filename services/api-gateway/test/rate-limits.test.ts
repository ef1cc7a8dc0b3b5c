import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Api, GatewayEnv, loginWithKey, sleep, type Started } from './harness.js';

const MASTER_KEY = 'rate-limit-master-key-0123456789abcdef';

/** Limits per client address, per account and for logins: 429 with Retry-After, then service again. */
describe('rate limits', () => {
  const env = new GatewayEnv();

  afterAll(async () => {
    await env.cleanup();
  }, 60_000);

  it('limits one account across its tokens, with 429 and Retry-After', async () => {
    const started: Started = await env.start({ gatewayFlags: ['-master_api_key', MASTER_KEY, '-rate_limit_account_rps', '2', '-rate_limit_account_burst', '5'] });
    const { api, accountId } = await loginWithKey(started.gateway.httpUrl, MASTER_KEY);
    const { api: second } = await loginWithKey(started.gateway.httpUrl, MASTER_KEY);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await (i % 2 ? second : api).get(`/v2/accounts/${accountId}`)).status);
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(6);
    const refused = await api.get(`/v2/accounts/${accountId}`);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ status: 'error', error: '429', message: 'too many requests' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // Public routes are not the account's: they still answer.
    expect((await new Api(started.gateway.httpUrl).get('/v2/websockets')).status).toBe(200);
    await sleep(1200);
    expect((await api.get(`/v2/accounts/${accountId}`)).status).toBe(200);
    await env.stop(started);
  }, 60_000);

  it('limits one client address, and logins more tightly', async () => {
    const started: Started = await env.start({
      gatewayFlags: ['-master_api_key', MASTER_KEY, '-rate_limit_ip_rps', '1', '-rate_limit_ip_burst', '30', '-rate_limit_auth_rps', '1', '-rate_limit_auth_burst', '3'],
    });
    const anonymous = new Api(started.gateway.httpUrl);
    const logins: number[] = [];
    for (let i = 0; i < 5; i++) logins.push((await anonymous.put('/v2/api_auth', { api_key: 'wrong-key-wrong-key' })).status);
    expect(logins.slice(0, 3)).toEqual([401, 401, 401]);
    expect(logins.slice(3)).toContain(429);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await anonymous.get('/v2/websockets')).status);
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    expect(statuses).toContain(429);
    await env.stop(started);
  }, 60_000);

  it('counts sign-in attempts across replicas: spreading them over two gateways gains nothing', async () => {
    // The test before used up this address's shared sign-in bucket; it refills in 3 s.
    await sleep(3500);
    const flags = ['-master_api_key', MASTER_KEY, '-rate_limit_auth_rps', '1', '-rate_limit_auth_burst', '3'];
    const first: Started = await env.start({ gatewayFlags: flags });
    const second: Started = await env.start({ services: [], gatewayFlags: flags });
    try {
      const replicas = [new Api(first.gateway.httpUrl), new Api(second.gateway.httpUrl)];
      const logins: number[] = [];
      for (let i = 0; i < 6; i++) logins.push((await replicas[i % 2]!.put('/v2/api_auth', { api_key: 'wrong-key-wrong-key' })).status);
      expect(logins.slice(0, 3)).toEqual([401, 401, 401]);
      expect(logins.slice(3)).toEqual([429, 429, 429]);
    } finally {
      await env.stop(second);
      await env.stop(first);
    }
  }, 60_000);
});
