import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Api, GatewayEnv, loginWithKey, type Started } from './harness.js';

const MASTER_KEY = 'bad-input-master-key-0123456789abcdef';

interface BadRequest {
  label: string;
  method: string;
  path: string;
  raw?: string;
  headers?: Record<string, string>;
}

/**
 * Generated bad requests: broken JSON, wrong types, huge bodies, unknown fields, odd ids,
 * odd paths and verbs. Each must get a 4xx with a message; none may get a 5xx or a hang,
 * and the gateway must keep serving afterwards.
 */
describe('bad input', () => {
  const env = new GatewayEnv();
  let started: Started;
  let api: Api;
  let accountId: string;
  let userId: string;

  beforeAll(async () => {
    started = await env.start({ gatewayFlags: ['-master_api_key', MASTER_KEY, '-http_max_body_bytes', '65536'] });
    ({ api, accountId } = await loginWithKey(started.gateway.httpUrl, MASTER_KEY));
    userId = ((await api.put(`/v2/accounts/${accountId}/users`, { username: 'target', password: 'target-pass' })).body.data as { id: string }).id;
  }, 60_000);

  afterAll(async () => {
    await env.cleanup();
  }, 60_000);

  function generate(): BadRequest[] {
    const A = `/v2/accounts/${accountId}`;
    const writes: [string, string][] = [
      ['PUT', `${A}/users`],
      ['POST', `${A}/users/${userId}`],
      ['PATCH', `${A}/users/${userId}`],
      ['PUT', `${A}/devices`],
      ['PUT', '/v2/accounts'],
      ['PATCH', A],
      ['PUT', `${A}/api_keys`],
      ['PUT', '/v2/api_auth'],
      ['PUT', '/v2/user_auth'],
      ['PUT', `${A}/callflows`],
      ['PUT', `${A}/webhooks`],
      ['PUT', `${A}/calls`],
      ['POST', `${A}/channels/abc`],
      ['POST', `${A}/metaflows`],
    ];
    const brokenJson = ['{', '{"data":', '{"data": {"name": }}', '[1,2', 'null garbage', '{"data": {"a": "\u0000"', "{'data': {}}", '{"data": NaN}', '}{', '{"data": {"x": 1,}}x'];
    const wrongShapes = [
      '[]',
      '"just a string"',
      '42',
      'true',
      '{"data": []}',
      '{"data": "text"}',
      '{"data": 7}',
      '{"data": null}',
      '{"data": {}, "extra_top_level": 1}',
      '{"data": {"unknown_field": "x", "another": [1]}}',
    ];
    const typed = [
      '{"data": {"username": 5, "password": ["x"]}}',
      '{"data": {"name": {"nested": true}}}',
      '{"data": {"name": "' + 'x'.repeat(5000) + '"}}',
      '{"data": {"enabled": "yes", "name": "n"}}',
      '{"data": {"sip": {"username": "bad user name"}, "name": "d"}}',
      '{"data": {"credentials": 12345, "account_name": []}}',
      '{"data": {"api_key": ""}}',
      '{"data": {"numbers": "12345", "flow": "pivot"}}',
      '{"data": {"destinations": [], "flow_id": 9}}',
      '{"data": {"action": "explode"}}',
      '{"data": {"binding_digit": "**", "numbers": {"abc": {}}}}',
      '{"data": {"name": "n", "uri": "ftp://x", "hook": "nope"}}',
    ];
    const requests: BadRequest[] = [];
    for (const [method, path] of writes) {
      for (const raw of brokenJson) requests.push({ label: `broken json ${raw.slice(0, 20)}`, method, path, raw });
      for (const raw of wrongShapes) requests.push({ label: `wrong shape ${raw.slice(0, 20)}`, method, path, raw });
      for (const raw of typed) requests.push({ label: `wrong types ${raw.slice(0, 20)}`, method, path, raw });
    }
    // Configuration documents are free-form objects: only a body that is not one is bad.
    for (const raw of [...brokenJson, ...wrongShapes.slice(0, 8)]) requests.push({ label: `config ${raw.slice(0, 20)}`, method: 'POST', path: `${A}/configs/metaflows`, raw });
    // Too large, declared or streamed.
    const huge = `{"data": {"name": "${'x'.repeat(70_000)}"}}`;
    for (const [method, path] of writes.slice(0, 6)) requests.push({ label: 'huge body', method, path, raw: huge });
    // Odd ids and paths.
    const oddIds = ['%00', 'a'.repeat(300), "'; DROP TABLE cm_users; --", '%2F%2F', 'ZZZZ', '-1', '0x1f', '%E0%A4%A', '{}', 'null'];
    for (const id of oddIds) {
      requests.push({ label: `odd account id ${id.slice(0, 10)}`, method: 'GET', path: `/v2/accounts/${id}` });
      requests.push({ label: `odd user id ${id.slice(0, 10)}`, method: 'GET', path: `${A}/users/${id}` });
      requests.push({ label: `odd device id ${id.slice(0, 10)}`, method: 'DELETE', path: `${A}/devices/${id}` });
      requests.push({ label: `odd key id ${id.slice(0, 10)}`, method: 'DELETE', path: `${A}/api_keys/${id}` });
      requests.push({ label: `odd child ${id.slice(0, 10)}`, method: 'GET', path: `/v2/accounts/${id}/children` });
    }
    for (const path of ['/', '/v2', '/v2/', '/v9/accounts', '/v2/accounts/../../etc/passwd', `/v2/accounts/${accountId}/nothing`, '/v2//accounts', '/docs/../v2']) {
      requests.push({ label: `odd path ${path}`, method: 'GET', path });
    }
    for (const method of ['PATCH', 'DELETE', 'POST']) requests.push({ label: `wrong verb ${method}`, method, path: `${A}/children` });
    // Bad paging and tunnelled verbs.
    for (const query of ['page_size=-1', 'page_size=100000', 'page_size=1.5', 'start_key=%%%', 'start_key=' + 'z'.repeat(600), 'paginate=maybe']) {
      requests.push({ label: `bad query ${query.slice(0, 20)}`, method: 'GET', path: `${A}/users?${query}` });
    }
    requests.push({ label: 'tunnelled unknown verb', method: 'POST', path: `${A}?verb=TRACE`, raw: '{"data": {}}' });
    requests.push({ label: 'token too long', method: 'GET', path: A, headers: { 'x-auth-token': 't'.repeat(2000) } });
    return requests;
  }

  it('answers at least 200 generated bad requests with a 4xx and a message, and keeps serving', async () => {
    const requests = generate();
    expect(requests.length).toBeGreaterThanOrEqual(200);
    const wrong: string[] = [];
    for (const request of requests) {
      const headers: Record<string, string> = { 'x-auth-token': api.token!, 'content-type': 'application/json', ...request.headers };
      let status: number;
      let body: Record<string, unknown> = {};
      try {
        const response = await fetch(`${started.gateway.httpUrl}${request.path}`, {
          method: request.method,
          headers,
          ...(request.raw !== undefined ? { body: request.raw } : {}),
          signal: AbortSignal.timeout(10_000),
        });
        status = response.status;
        body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
      } catch (error) {
        wrong.push(`${request.label} (${request.method} ${request.path.slice(0, 60)}): ${(error as Error).message}`);
        continue;
      }
      const hasMessage = typeof body.message === 'string' && body.message.length > 0 && body.status === 'error';
      if (status < 400 || status >= 500 || !hasMessage) wrong.push(`${request.label} (${request.method} ${request.path.slice(0, 60)}): ${status} ${JSON.stringify(body).slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
    // Still serving, and nothing was changed by the attempts.
    expect((await api.get(`/v2/accounts/${accountId}/users/${userId}`)).body.data).toMatchObject({ username: 'target' });
    expect(((await api.get(`/v2/accounts/${accountId}/users`)).body.data as unknown[]).length).toBe(1);
  }, 120_000);

  it('rejects a body past the limit with 413 before reading it all', async () => {
    const response = await fetch(`${started.gateway.httpUrl}/v2/accounts/${accountId}/users`, {
      method: 'PUT',
      headers: { 'x-auth-token': api.token!, 'content-length': String(10 * 1024 * 1024) },
      body: 'x'.repeat(10 * 1024 * 1024),
    }).catch((error: Error) => error);
    if (response instanceof Error) expect(response.message).toBeTruthy();
    else expect(response.status).toBe(413);
    expect((await api.get(`/v2/accounts/${accountId}`)).status).toBe(200);
  });
});
