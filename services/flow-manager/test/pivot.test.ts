import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FetchServer, FlowManagerEnv, type Seen } from './harness.js';

const FINISH = '00000000-0000-0000-0000-000000000002';

/** The variables call-manager gives a call's activeflow (services/call-manager/src/calls/variables.ts). */
const callVariables = {
  'voipbin.call.direction': 'incoming',
  'voipbin.call.account_id': 'acct-pivot',
  'voipbin.call.source.type': 'tel',
  'voipbin.call.source.target': '+15551230000',
  'voipbin.call.source.name': 'Alice',
  'voipbin.call.destination.type': 'tel',
  'voipbin.call.digits': '',
};

/**
 * Kazoo's Pivot through raw envelopes on RabbitMQ + MySQL + Redis: the seed's callflow is
 * stored, and a call reaching it runs what a local customer server answers.
 */
describe('flow-manager pivot', () => {
  const env = new FlowManagerEnv('servers');
  const customer = new FetchServer();
  const tag = String(Date.now() % 1_000_000).padStart(6, '0');
  let numbers = 0;

  beforeAll(async () => {
    await customer.start();
    await env.start(['-fetch_timeout_ms', '700', '-fetch_allow_private']);
  });

  afterAll(async () => {
    await customer.close();
    await env.close();
  });

  /** A callflow on a number of its own (numbers are unique platform-wide). */
  async function callflowOf(flow: unknown): Promise<{ id: string; number: string }> {
    const number = `7${tag}${String(++numbers).padStart(3, '0')}`;
    const created = await env.ok('POST', '/v1/flows', { account_id: 'acct-pivot', numbers: [number], flow });
    return { id: created.id as string, number };
  }

  /** A call reaching the number, as call-manager starts it: route, then an activeflow with the call's variables. */
  async function callTo(number: string): Promise<string> {
    const route = await env.ok('GET', `/v1/routes?number=${number}`);
    const activeflow = await env.ok('POST', '/v1/activeflows', {
      call_id: `call-${Math.random().toString(36).slice(2)}`,
      flow_id: route.flow_id,
      variables: { ...callVariables, 'voipbin.call.id': 'call-id-1', 'voipbin.call.destination.target': number, ...route.variables },
    });
    return activeflow.id as string;
  }

  async function drive(id: string, beforeNext?: (action: { id: string; type: string }) => Promise<void>) {
    const ran: { id: string; type: string; option: Record<string, unknown> }[] = [];
    let current: string | undefined;
    for (let i = 0; i < 30; i++) {
      const action = await env.ok('GET', `/v1/activeflows/${id}/next`, current === undefined ? {} : { current_action_id: current });
      if (action.id === FINISH) return ran;
      ran.push(action);
      await beforeNext?.(action);
      current = action.id;
    }
    throw new Error('did not finish');
  }

  const json = (body: unknown) => () => ({ status: 200, body: JSON.stringify(body) });
  const sayThenHangup = { module: 'tts', data: { text: 'hello from pivot' }, children: { _: { module: 'hangup' } } };

  it("accepts the Pivot seed's callflow as its curl example writes it", async () => {
    const reply = await env.request('POST', '/v1/flows', {
      account_id: 'acct-pivot',
      numbers: [`6${tag}`],
      flow: { module: 'pivot', data: { voice_url: 'http://your.server/pivot.php' } },
    });
    expect(reply.status_code).toBe(200);
    expect(reply.data).toMatchObject({ type: 'callflow', numbers: [`6${tag}`], flow: { module: 'pivot', data: { voice_url: 'http://your.server/pivot.php' } } });
    expect(reply.data.actions[0]).toMatchObject({ type: 'pivot', option: { voice_url: 'http://your.server/pivot.php', method: 'get' } });
  });

  it("runs the callflow the server answers, asked by GET with Pivot's fields in the query", async () => {
    customer.answer = json(sayThenHangup);
    const { number } = await callflowOf({ module: 'pivot', data: { voice_url: customer.url('/pivot.php?app=demo') }, children: { _: { module: 'tts', data: { text: 'fallback' } } } });
    const before = customer.seen.length;
    const id = await callTo(number);
    const ran = await drive(id);
    expect(ran.map((action) => action.option.text ?? action.type)).toEqual(['hello from pivot', 'hangup']);
    const request = customer.seen[before]!;
    expect(request.method).toBe('GET');
    expect(request.body).toBe('');
    const query = new URL(request.url, 'http://x').searchParams;
    // The URL's own query is kept, Pivot's fields are added after it.
    expect(query.get('app')).toBe('demo');
    expect(Object.fromEntries(query)).toMatchObject({
      'Call-ID': 'call-id-1',
      Request: number,
      To: number,
      From: '+15551230000',
      'Account-ID': 'acct-pivot',
      'Caller-ID-Name': 'Alice',
      'Caller-ID-Number': '+15551230000',
      Direction: 'inbound',
    });
    const variables = (await env.ok('GET', `/v1/activeflows/${id}/variables`)).variables;
    expect(variables['voipbin.fetch.status']).toBe('ok');
    expect((await env.ok('GET', `/v1/activeflows/${id}`)).errors).toEqual([]);
  });

  it('posts the fields form-encoded with method post, and keeps a debug record when asked', async () => {
    customer.answer = json({ numbers: [], flow: sayThenHangup });
    const { number } = await callflowOf({ module: 'pivot', data: { voice_url: customer.url('/pivot.php'), method: 'post', debug: true } });
    const before = customer.seen.length;
    const id = await callTo(number);
    expect((await drive(id)).map((action) => action.option.text ?? action.type)).toEqual(['hello from pivot', 'hangup']);
    const request: Seen = customer.seen[before]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/pivot.php');
    expect(request.contentType).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request.body))).toMatchObject({ 'Call-ID': 'call-id-1', To: number, From: '+15551230000', 'Account-ID': 'acct-pivot' });
    const variables = (await env.ok('GET', `/v1/activeflows/${id}/variables`)).variables;
    expect(JSON.parse(variables['kazoo.pivot.debug'])).toMatchObject({ method: 'POST', status: 'ok', request: { 'Call-ID': 'call-id-1' } });
  });

  it.each([
    ['get', 'form'],
    ['post', 'form'],
    ['post', 'json'],
  ])("sends every field of Kazoo's requests.md with method %s and body %s", async (method, bodyFormat) => {
    customer.answer = json(sayThenHangup);
    const { number } = await callflowOf({ module: 'pivot', data: { voice_url: customer.url('/fields.php'), method, req_body_format: bodyFormat } });
    const route = await env.ok('GET', `/v1/routes?number=${number}`);
    const before = customer.seen.length;
    const activeflow = await env.ok('POST', '/v1/activeflows', {
      call_id: 'call-fields',
      flow_id: route.flow_id,
      variables: {
        ...callVariables,
        'voipbin.call.id': 'call-id-fields',
        'voipbin.call.source.type': 'sip',
        'voipbin.call.source.target': '1001@pbx.example.com',
        'voipbin.call.destination.type': 'sip',
        'voipbin.call.destination.target': `${number}@pbx.example.com`,
        'voipbin.call.owner_id': 'user-7',
        'voipbin.call.language': 'en-us',
        'voipbin.recording.url': 'https://rec.example.com/call_recording_call-id-fields.mp3',
        'voipbin.recording.duration': '12',
        'voipbin.recording.id': 'rec-1',
        'voipbin.call.digits': '42',
      },
    });
    await drive(activeflow.id as string);
    const request = customer.seen[before]!;
    expect(request.method).toBe(method.toUpperCase());
    const fields =
      method === 'get' ? Object.fromEntries(new URL(request.url, 'http://x').searchParams) : bodyFormat === 'json' ? JSON.parse(request.body) : Object.fromEntries(new URLSearchParams(request.body));
    expect(fields).toEqual({
      'Call-ID': 'call-id-fields',
      'Account-ID': 'acct-pivot',
      From: '1001',
      'From-Realm': 'pbx.example.com',
      To: number,
      'To-Realm': 'pbx.example.com',
      Request: number,
      'Request-Realm': 'pbx.example.com',
      'Call-Status': 'in-progress',
      'Api-Version': '4.x',
      Direction: 'inbound',
      'Caller-ID-Name': 'Alice',
      'Caller-ID-Number': '1001',
      'User-ID': 'user-7',
      Language: 'en-us',
      'Recording-Url': 'https://rec.example.com/call_recording_call-id-fields.mp3',
      'Recording-Duration': '12',
      'Recording-ID': 'rec-1',
      Digits: '42',
    });
    expect(request.headers['x-voxmesh-signature']).toBeUndefined();
  });

  it('sends the digits collect_dtmf gathered as Digits[name] to the next pivot', async () => {
    customer.answer = json({ module: 'hangup' });
    const { number } = await callflowOf({
      module: 'tts',
      data: { text: 'enter your pin' },
      children: { _: { module: 'collect_dtmf', data: { max_digits: 4, collection_name: 'pin' }, children: { _: { module: 'pivot', data: { voice_url: customer.url('/collected.php') } } } } },
    });
    const before = customer.seen.length;
    const id = await callTo(number);
    const ran = await drive(id, async (action) => {
      // What call-manager does when the caller presses 1234 during digits_receive.
      if (action.type === 'digits_receive') await env.ok('POST', `/v1/activeflows/${id}/variables`, { variables: { 'voipbin.call.digits': '1234' } });
    });
    expect(ran.map((action) => action.type)).toEqual(['talk', 'digits_receive', 'hangup']);
    const query = new URL(customer.seen[before]!.url, 'http://x').searchParams;
    expect(query.get('Digits[pin]')).toBe('1234');
  });

  const fallbacks: [string, () => ReturnType<FetchServer['answer']>, string][] = [
    ['a timeout', () => ({ status: 200, body: JSON.stringify(sayThenHangup), delayMs: 2500 }), 'timeout'],
    ['a 500', () => ({ status: 500, body: 'oops' }), 'http_error'],
    ['bad JSON', () => ({ status: 200, body: '{"module": "tts", "data": ' }), 'bad_json'],
    ['malformed TwiML', () => ({ status: 200, body: '<Response>\n<Say>twiml</Sya></Response>', contentType: 'text/xml' }), 'bad_twiml'],
    ['TwiML with a DOCTYPE', () => ({ status: 200, body: '<!DOCTYPE r [<!ENTITY a "aaaa">]><Response><Say>&a;</Say></Response>', contentType: 'application/xml' }), 'bad_twiml'],
    ['a wrong Content-Type', () => ({ status: 200, body: JSON.stringify(sayThenHangup), contentType: 'text/plain' }), 'unsupported_content_type'],
    ['an unknown module', json({ module: 'teleport' }), 'invalid_callflow'],
    // Written as text: JSON.stringify never emits an own __proto__ key, a hostile server does.
    ['a __proto__ key', () => ({ status: 200, body: '{"module":"tts","data":{"text":"hi","__proto__":{"polluted":"yes"}}}' }), 'bad_json'],
    ['a constructor.prototype key', () => ({ status: 200, body: '{"module":"tts","data":{"constructor":{"prototype":{"polluted":"yes"}}}}' }), 'bad_json'],
  ];
  it.each(fallbacks)('on %s, goes on at the `_` child and records why', async (_label, answer, status) => {
    customer.answer = answer;
    const { number } = await callflowOf({ module: 'pivot', data: { voice_url: customer.url('/pivot.php') }, children: { _: { module: 'tts', data: { text: 'sorry' } } } });
    const id = await callTo(number);
    const started = Date.now();
    const action = await env.ok('GET', `/v1/activeflows/${id}/next`, {});
    expect(action.option.text).toBe('sorry');
    // The fetch timeout (700 ms) bounds the wait, not the server's 2.5 s.
    expect(Date.now() - started).toBeLessThan(2000);
    const variables = (await env.ok('GET', `/v1/activeflows/${id}/variables`)).variables;
    expect(variables['voipbin.fetch.status']).toBe(status);
    expect(variables['voipbin.fetch.error']).not.toBe('');
    const activeflow = await env.ok('GET', `/v1/activeflows/${id}`);
    expect(activeflow.status).toBe('running');
    expect(activeflow.errors[0]).toMatchObject({ action_type: 'pivot', reason: `PIVOT_${status.toUpperCase()}` });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('without a `_` child, a failed pivot ends the call, as Kazoo hangs up', async () => {
    customer.answer = () => ({ status: 503 });
    const { number } = await callflowOf({ module: 'pivot', data: { voice_url: customer.url('/pivot.php') } });
    const id = await callTo(number);
    expect(await drive(id)).toEqual([]);
    expect(await env.ok('GET', `/v1/activeflows/${id}`)).toMatchObject({ status: 'ended', end_reason: 'stopped' });
  });

  it.each([
    [{}, 'flow.data.voice_url'],
    [{ voice_url: 'ftp://your.server/pivot.php' }, 'flow.data.voice_url'],
    [{ voice_url: 'http://your.server/pivot.php', method: 'delete' }, 'flow.data.method'],
    [{ voice_url: 'http://your.server/pivot.php', req_format: 'xml' }, 'flow.data.req_format'],
  ])('refuses pivot data %j with a 400 naming %s', async (data, field) => {
    const reply = await env.request('POST', '/v1/flows', { account_id: 'acct-pivot', flow: { module: 'pivot', data } });
    expect(reply.status_code).toBe(400);
    expect(reply.data.error.field).toBe(field);
  });
});
