import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import twilio from 'twilio';
import { customerManager } from '@voxmesh/contracts';
import { MeshMetrics, RpcServer } from '@voxmesh/mesh';
import { createRegistry, silentLogger } from '@voxmesh/telemetry';
import { defineContract } from '@voxmesh/wire';
import { eventually, FetchServer, FlowManagerEnv, type Seen } from './harness.js';

const FINISH = '00000000-0000-0000-0000-000000000002';
const ACCOUNT = 'acct-twiml';
const SECRET = 'the-account-webhook-secret';

const callVariables = {
  'voipbin.call.direction': 'incoming',
  'voipbin.call.account_id': ACCOUNT,
  'voipbin.call.source.type': 'tel',
  'voipbin.call.source.target': '+15551230000',
  'voipbin.call.source.name': 'Alice',
  'voipbin.call.destination.type': 'tel',
  'voipbin.call.digits': '',
};

/**
 * Pivot speaking TwiML, end to end on RabbitMQ + MySQL + Redis: the documents are built
 * with Twilio's own helper library, and the requests' signatures are checked with its
 * `validateRequest`, as a Twilio application checks them.
 */
describe('flow-manager pivot with TwiML', () => {
  const env = new FlowManagerEnv('servers');
  const customer = new FetchServer();
  const tag = String(Date.now() % 1_000_000).padStart(6, '0');
  let numbers = 0;
  let accounts: RpcServer<Record<string, never>> | undefined;
  const documents = new Map<string, (seen: Seen) => string>();

  beforeAll(async () => {
    await customer.start();
    await env.start(['-fetch_timeout_ms', '1500', '-fetch_allow_private']);
    // customer-manager, for the account's webhook secret that signs the requests.
    const { getAccount } = customerManager.customerManagerContract.routes;
    const server = new RpcServer({
      contract: defineContract('customer-manager', { getAccount }),
      handlers: {
        getAccount: async ({ params }) => ({
          id: params.id,
          name: 'twiml',
          realm: 'twiml.example.com',
          parent_id: null,
          tree: [],
          reseller_id: null,
          is_reseller: false,
          enabled: true,
          timezone: 'UTC',
          language: 'en-us',
          webhook_uri: null,
          webhook_method: null,
          created: '2026-01-01T00:00:00.000Z',
          updated: '2026-01-01T00:00:00.000Z',
          webhook_secret: SECRET,
        }),
      },
      broker: env.resources.broker,
      queue: env.names.requestQueue('customer-manager'),
      metrics: new MeshMetrics(createRegistry({ defaultMetrics: false })),
      logger: silentLogger(),
    });
    await server.start();
    env.ownsQueue(env.names.requestQueue('customer-manager'));
    accounts = server as unknown as RpcServer<Record<string, never>>;
    customer.answer = (seen) => {
      const path = new URL(seen.url, 'http://x').pathname;
      const document = documents.get(path);
      if (!document) return { status: 404, body: 'no such document' };
      return { status: 200, body: document(seen), contentType: 'text/xml' };
    };
  });

  afterAll(async () => {
    await accounts?.stop();
    await customer.close();
    await env.close();
  });

  async function callflowOf(flow: unknown): Promise<string> {
    const number = `8${tag}${String(++numbers).padStart(3, '0')}`;
    await env.ok('POST', '/v1/flows', { account_id: ACCOUNT, numbers: [number], flow });
    return number;
  }

  async function callTo(number: string, callId: string): Promise<string> {
    const route = await env.ok('GET', `/v1/routes?number=${number}`);
    const activeflow = await env.ok('POST', '/v1/activeflows', {
      call_id: callId,
      flow_id: route.flow_id,
      variables: { ...callVariables, 'voipbin.call.id': callId, 'voipbin.call.destination.target': number, ...route.variables },
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

  const twimlPivot = (path: string, extra: Record<string, unknown> = {}) => ({ module: 'pivot', data: { voice_url: customer.url(path), method: 'post', req_format: 'twiml', ...extra }, children: { _: { module: 'tts', data: { text: 'fallback' } } } });

  /** Checks a request the way a Twilio application does, with the account's secret. */
  function signedAsTwilioChecks(seen: Seen): boolean {
    const params = Object.fromEntries(new URLSearchParams(seen.body));
    return twilio.validateRequest(SECRET, String(seen.headers['x-twilio-signature']), customer.url(seen.url), params);
  }

  it("runs Say, Play, Pause and Hangup, asked with Twilio's names and a signature Twilio's validateRequest accepts", async () => {
    documents.set('/voice.xml', () => {
      const response = new twilio.twiml.VoiceResponse();
      response.say({ voice: 'woman', language: 'en-GB' }, 'Hello from TwiML');
      response.play({}, customer.url('/hello.wav'));
      response.pause({ length: 2 });
      response.hangup();
      return response.toString();
    });
    const number = await callflowOf(twimlPivot('/voice.xml'));
    const before = customer.seen.length;
    const id = await callTo(number, 'call-twiml-1');
    const ran = await drive(id);
    expect(ran.map((action) => [action.type, action.option])).toEqual([
      ['talk', { text: 'Hello from TwiML', gender: 'female', language: 'en-GB' }],
      ['play', { stream_urls: [customer.url('/hello.wav')] }],
      ['sleep', { duration: 2000 }],
      ['hangup', {}],
    ]);
    const request = customer.seen[before]!;
    expect(request.method).toBe('POST');
    expect(Object.fromEntries(new URLSearchParams(request.body))).toMatchObject({
      CallSid: 'call-twiml-1',
      AccountSid: ACCOUNT,
      From: '+15551230000',
      To: number,
      CallStatus: 'in-progress',
      ApiVersion: '2010-04-01',
      Direction: 'inbound',
      CallerName: 'Alice',
    });
    expect(signedAsTwilioChecks(request)).toBe(true);
    // A tampered field no longer passes.
    expect(twilio.validateRequest(SECRET, String(request.headers['x-twilio-signature']), customer.url(request.url), { ...Object.fromEntries(new URLSearchParams(request.body)), From: '+1999' })).toBe(false);
  });

  it("sends Gather's digits to its action, and goes on after the Gather when nothing is pressed", async () => {
    documents.set('/menu.xml', () => {
      const response = new twilio.twiml.VoiceResponse();
      const gather = response.gather({ action: '/gathered.xml', numDigits: 1, timeout: 3 });
      gather.say('Press 1 for sales');
      response.say('We did not hear anything');
      return response.toString();
    });
    documents.set('/gathered.xml', (seen) => {
      const response = new twilio.twiml.VoiceResponse();
      response.say(`You pressed ${new URLSearchParams(seen.body).get('Digits')}`);
      return response.toString();
    });
    const number = await callflowOf(twimlPivot('/menu.xml'));
    const before = customer.seen.length;
    const pressed = await callTo(number, 'call-twiml-2');
    const ran = await drive(pressed, async (action) => {
      if (action.type === 'digits_receive') await env.ok('POST', `/v1/activeflows/${pressed}/variables`, { variables: { 'voipbin.call.digits': '1' } });
    });
    expect(ran.map((action) => action.option.text ?? action.type)).toEqual(['Press 1 for sales', 'digits_receive', 'You pressed 1']);
    expect(ran[1]!.option).toEqual({ duration: 3000, length: 1, key: '#' });
    const followUp = customer.seen.slice(before).find((seen) => seen.url === '/gathered.xml')!;
    expect(Object.fromEntries(new URLSearchParams(followUp.body))).toMatchObject({ CallSid: 'call-twiml-2', Digits: '1' });
    expect(signedAsTwilioChecks(followUp)).toBe(true);

    const silent = await callTo(number, 'call-twiml-3');
    expect((await drive(silent)).map((action) => action.option.text ?? action.type)).toEqual(['Press 1 for sales', 'digits_receive', 'We did not hear anything']);
  });

  it('follows Redirect, runs Record then asks its action, and stores <Set> values for the next request', async () => {
    documents.set('/start.xml', () => '<?xml version="1.0"?><Response><Set><Variable key="ticket" value="T-42"/></Set><Redirect method="GET">/record.xml</Redirect><Say>never</Say></Response>');
    documents.set('/record.xml', () => {
      const response = new twilio.twiml.VoiceResponse();
      response.record({ action: '/recorded.xml', maxLength: 30, finishOnKey: '#', playBeep: true });
      return response.toString();
    });
    documents.set('/recorded.xml', () => {
      const response = new twilio.twiml.VoiceResponse();
      response.say('Thanks');
      return response.toString();
    });
    const number = await callflowOf(twimlPivot('/start.xml'));
    const before = customer.seen.length;
    const id = await callTo(number, 'call-twiml-4');
    const ran = await drive(id, async (action) => {
      if (action.type === 'recording_stop') await env.ok('POST', `/v1/activeflows/${id}/variables`, { variables: { 'voipbin.recording.url': 'https://media.example.com/r1.wav', 'voipbin.recording.duration': '7' } });
    });
    expect(ran.map((action) => action.type)).toEqual(['recording_start', 'digits_receive', 'recording_stop', 'talk']);
    expect(ran[0]!.option).toMatchObject({ duration: 30, end_of_key: '#', beep_start: true });
    const asked = customer.seen.slice(before);
    expect(asked.map((seen) => `${seen.method} ${new URL(seen.url, 'http://x').pathname}`)).toEqual(['POST /start.xml', 'GET /record.xml', 'POST /recorded.xml']);
    expect(new URL(asked[1]!.url, 'http://x').searchParams.get('ticket')).toBe('T-42');
    // A GET is signed over its URL alone, as Twilio signs it.
    expect(twilio.validateRequest(SECRET, String(asked[1]!.headers['x-twilio-signature']), customer.url(asked[1]!.url), {})).toBe(true);
    expect(Object.fromEntries(new URLSearchParams(asked[2]!.body))).toMatchObject({ RecordingUrl: 'https://media.example.com/r1.wav', RecordingDuration: '7', ticket: 'T-42' });
  });

  it('rejects without answering', async () => {
    documents.set('/reject.xml', () => {
      const response = new twilio.twiml.VoiceResponse();
      response.reject({ reason: 'busy' });
      return response.toString();
    });
    const number = await callflowOf(twimlPivot('/reject.xml'));
    const ran = await drive(await callTo(number, 'call-twiml-5'));
    expect(ran.map((action) => [action.type, action.option])).toEqual([['hangup', { reason: 'busy' }]]);
  });

  it('retries a 5xx as the URL fragment says, then asks fallback_url', async () => {
    let flaky = 0;
    documents.set('/flaky.xml', () => {
      flaky++;
      throw new Error('unreachable');
    });
    const answer = customer.answer;
    customer.answer = (seen) => (seen.url === '/flaky.xml' ? (flaky++, { status: 503, body: 'busy' }) : answer(seen));
    documents.set('/backup.xml', () => new twilio.twiml.VoiceResponse().say('from the backup').toString());
    try {
      const number = await callflowOf(twimlPivot('/flaky.xml#rc=2&rp=5xx', { fallback_url: customer.url('/backup.xml'), debug: true }));
      const id = await callTo(number, 'call-twiml-6');
      expect((await drive(id)).map((action) => action.option.text)).toEqual(['from the backup']);
      expect(flaky).toBe(3);
      // The debug log keeps every exchange, in order.
      // Written beside the call, so it is there a moment later.
      const log = await eventually('the debug log', async () => {
        const found = await env.ok('GET', `/v1/accounts/${ACCOUNT}/pivot/debug/call-twiml-6`);
        return found.result.length === 4 ? found : undefined;
      });
      expect(log.result.map((entry: { url: string; status_code: number; outcome: string }) => [new URL(entry.url).pathname, entry.status_code, entry.outcome])).toEqual([
        ['/flaky.xml', 503, 'http_error'],
        ['/flaky.xml', 503, 'http_error'],
        ['/flaky.xml', 503, 'http_error'],
        ['/backup.xml', 200, 'ok'],
      ]);
      expect(log.result[3]).toMatchObject({ method: 'POST', request_fields: { CallSid: 'call-twiml-6' }, response_headers: { 'content-type': 'text/xml' } });
      expect(log.result[3].response_body).toContain('from the backup');
      const calls = await env.ok('GET', `/v1/accounts/${ACCOUNT}/pivot/debug`);
      expect(calls.result[0]).toMatchObject({ call_id: 'call-twiml-6', exchanges: 4 });
    } finally {
      customer.answer = answer;
    }
  });
});
