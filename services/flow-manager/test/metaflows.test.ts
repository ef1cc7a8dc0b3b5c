import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FlowManagerEnv, type Mode } from './harness.js';

/** The metaflows seed's document (seeds/000, "Metaflows"), as the account's. */
const SEED_DOCUMENT = {
  numbers: {
    '1': { module: 'play', data: { id: 'media_id' } },
    '82824646': { module: 'tts', data: { text: 'hello world' } },
  },
  patterns: { '^1([0-9]{4})$': { module: 'callflow', data: {} } },
  binding_digit: '*',
  digit_timeout_ms: 800,
  listen_on: 'self',
};

/** Metaflow documents of accounts, users, devices and callflows, over raw envelopes, on both stores the service runs on. */
describe.each<[Mode]>([['servers'], ['embedded']])('flow-manager metaflow documents (%s)', (mode) => {
  const env = new FlowManagerEnv(mode);
  const account = `acct-${mode}`;

  beforeAll(async () => {
    await env.start();
  });

  afterAll(async () => {
    await env.close();
  });

  it("keeps the account's document: GET answers {} before, PUT replaces, GET reads it back, DELETE removes it", async () => {
    const uri = `/v1/accounts/${account}/metaflows`;
    expect(await env.ok('GET', uri)).toEqual({});
    expect(await env.ok('PUT', uri, SEED_DOCUMENT)).toEqual(SEED_DOCUMENT);
    expect(await env.ok('GET', uri)).toEqual(SEED_DOCUMENT);
    // PUT replaces the whole document; the data of a request may also come as a JSON string.
    const replaced = { numbers: { '2': { module: 'tts', data: { text: '2 pressed' } } }, binding_digit: '*', patterns: { '^1(\\d+)$': { module: 'callflow' } } };
    expect(await env.ok('PUT', uri, JSON.stringify(replaced))).toEqual(replaced);
    expect(await env.ok('GET', uri)).toEqual(replaced);
    // Another account sees nothing of it.
    expect(await env.ok('GET', `/v1/accounts/${account}-other/metaflows`)).toEqual({});
    expect(await env.ok('DELETE', uri)).toEqual({});
    expect(await env.ok('GET', uri)).toEqual({});
    // Deleting what is not there is not an error.
    expect(await env.ok('DELETE', uri)).toEqual({});
  });

  it("keeps one document per user and device, apart from the account's", async () => {
    const device = `/v1/accounts/${account}/devices/dev-1/metaflows`;
    const user = `/v1/accounts/${account}/users/user-1/metaflows`;
    await env.ok('PUT', `/v1/accounts/${account}/metaflows`, { binding_digit: '#' });
    expect(await env.ok('PUT', device, { numbers: { '2': { module: 'tts', data: { text: '2 pressed' } } }, binding_digit: '*' })).toMatchObject({ binding_digit: '*' });
    expect(await env.ok('PUT', user, { listen_on: 'both', digit_timeout: 1500 })).toEqual({ listen_on: 'both', digit_timeout: 1500 });
    expect(await env.ok('GET', device)).toEqual({ numbers: { '2': { module: 'tts', data: { text: '2 pressed' } } }, binding_digit: '*' });
    expect(await env.ok('GET', user)).toEqual({ listen_on: 'both', digit_timeout: 1500 });
    expect(await env.ok('GET', `/v1/accounts/${account}/devices/dev-2/metaflows`)).toEqual({});
    expect(await env.ok('GET', `/v1/accounts/${account}-other/devices/dev-1/metaflows`)).toEqual({});
    expect(await env.ok('DELETE', device)).toEqual({});
    expect(await env.ok('GET', device)).toEqual({});
    expect(await env.ok('GET', user)).toEqual({ listen_on: 'both', digit_timeout: 1500 });
    expect(await env.ok('GET', `/v1/accounts/${account}/metaflows`)).toEqual({ binding_digit: '#' });
  });

  it("keeps a callflow's document only for a live callflow of the account", async () => {
    const flow = await env.ok('POST', '/v1/flows', { account_id: account, numbers: [`${mode === 'servers' ? 7 : 8}1000`], flow: { module: 'answer' } });
    const uri = `/v1/accounts/${account}/callflows/${flow.id}/metaflows`;
    expect(await env.ok('PUT', uri, { numbers: { '0': { module: 'hangup' } } })).toEqual({ numbers: { '0': { module: 'hangup' } } });
    expect(await env.ok('GET', uri)).toEqual({ numbers: { '0': { module: 'hangup' } } });
    expect((await env.request('GET', `/v1/accounts/${account}-other/callflows/${flow.id}/metaflows`)).status_code).toBe(404);
    expect((await env.request('PUT', `/v1/accounts/${account}/callflows/no-such-flow/metaflows`, {})).status_code).toBe(404);
    await env.ok('DELETE', `/v1/flows/${flow.id}`);
    expect((await env.request('GET', uri)).status_code).toBe(404);
  });

  it('refuses a bad document or owner with a 400 naming the field', async () => {
    const uri = `/v1/accounts/${account}/metaflows`;
    const refused = async (data: unknown, path = uri, method = 'PUT') => {
      const reply = await env.request(method, path, data);
      expect(reply.status_code).toBe(400);
      expect(reply.data.error).toMatchObject({ status: 'INVALID_ARGUMENT' });
      return reply.data.error.field as string;
    };
    expect(await refused({ binding_digit: 'x' })).toBe('data.binding_digit');
    expect(await refused({ binding_digit: '**' })).toBe('data.binding_digit');
    expect(await refused({ numbers: { '2': { data: {} } } })).toBe('data.numbers.2.module');
    expect(await refused({ numbers: { abc: { module: 'tts' } } })).toBe('data.numbers.abc');
    expect(await refused({ patterns: { '([': { module: 'tts' } } })).toBe('data.patterns.([');
    expect(await refused({ numbers: { '1': { module: 'tts', children: { _: { data: {} } } } } })).toBe('data.numbers.1.children._.module');
    expect(await refused({ listen_on: 'aleg' })).toBe('data.listen_on');
    expect(await refused({ digit_timeout_ms: -1 })).toBe('data.digit_timeout_ms');
    expect(await refused({ digit_timeout_ms: '800' })).toBe('data.digit_timeout_ms');
    // Kazoo's konami docs write binding_key: a module konami lacks, or data its module does not take, is refused.
    expect(await refused({ numbers: { '1': { module: 'park' } } })).toBe('data.numbers.1.module');
    expect(await refused({ numbers: { '1': { module: 'tts', data: { text: '' } } } })).toBe('data.numbers.1.data.text');
    expect(await refused({ numbers: Object.fromEntries(Array.from({ length: 101 }, (_, i) => [String(i), { module: 'hangup' }])) })).toBe('data.numbers');
    expect(await refused(['not', 'an', 'object'])).toBe('data');
    expect(await refused({}, `/v1/accounts/${account}/phones/p1/metaflows`)).toBe('owner_type');
    expect(await refused(undefined, `/v1/accounts/${account}/phones/p1/metaflows`, 'GET')).toBe('owner_type');
    expect(await refused(undefined, `/v1/accounts/${'a'.repeat(65)}/metaflows`, 'GET')).toBe('account_id');
    expect(await refused(undefined, `/v1/accounts/${account}/devices/${'d'.repeat(129)}/metaflows`, 'DELETE')).toBe('owner_id');
    // Nothing was stored by any of them.
    expect(await env.ok('GET', uri)).toEqual({ binding_digit: '#' });
    // Wrong method: 405.
    expect((await env.request('POST', uri, {})).status_code).toBe(405);
    // The older spelling binding_key is read as binding_digit.
    expect(await env.ok('PUT', uri, { binding_key: '*' })).toEqual({ binding_digit: '*' });
  });
});
