import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import twilio from 'twilio';
import type { EslEvent } from '@voxmesh/esl-sim';
import { CallEnv, eventually } from './harness.js';

interface Asked {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType: string;
  body: string;
}

/**
 * Kazoo's Pivot end to end: a callflow whose pivot asks a local server, a call placed on
 * esl-sim, and the callflow JSON the server answers (the examples of Kazoo's pivot docs:
 * tts, collect_dtmf then a follow-up request with Digits[custom_name], manual_presence,
 * send_dtmf, record_call with an upload, play, response) run on the switch.
 */
describe('pivot end to end', () => {
  const env = new CallEnv();
  const asked: Asked[] = [];
  const uploads: { path: string; method: string; size: number }[] = [];
  const presence: EslEvent[] = [];
  const answers = new Map<string, (request: Asked) => unknown>();
  let server: Server;
  let base = '';
  let unsubscribe: (() => void) | undefined;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        if (url.pathname.startsWith('/recordings/')) {
          uploads.push({ path: url.pathname, method: req.method ?? '', size: Buffer.concat(chunks).length });
          res.writeHead(204).end();
          return;
        }
        const request = { method: req.method ?? '', path: url.pathname, query: url.searchParams, contentType: req.headers['content-type'] ?? '', body: Buffer.concat(chunks).toString('utf8') };
        asked.push(request);
        const answer = answers.get(url.pathname);
        if (!answer) return void res.writeHead(404).end();
        const body = answer(request);
        if (typeof body === 'string') res.writeHead(200, { 'content-type': 'text/xml' }).end(body);
        else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await env.start({ platformFlags: ['-fetch_allow_private'], callFlags: ['-recording_upload_allow_private'] });
    unsubscribe = env.sim.subscribe((event) => {
      if (event.name === 'PRESENCE_IN') presence.push(event);
    });
  }, 60_000);

  afterAll(async () => {
    unsubscribe?.();
    await env.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }, 60_000);

  async function callflow(number: string, data: Record<string, unknown>) {
    await env.flows.call('createFlow', { body: { account_id: 'acct-test', numbers: [number], flow: { module: 'pivot', data } as never } });
  }

  it('runs what the server answers: tts, collect, then a follow-up request with Digits[custom_name], presence, dtmf, a recording uploaded, play', async () => {
    answers.set('/pivot.php', () => ({
      module: 'tts',
      data: { text: 'Enter your PIN, then press pound' },
      children: { _: { module: 'collect_dtmf', data: { max_digits: 4, collection_name: 'custom_name', terminator: '#', timeout: 60_000 }, children: { _: { module: 'pivot', data: { voice_url: `${base}/collected.php` } } } } },
    }));
    answers.set('/collected.php', () => ({
      module: 'manual_presence',
      data: { presence_id: 'user@example.com', status: 'busy' },
      children: {
        _: {
          module: 'send_dtmf',
          data: { digits: '9' },
          children: {
            _: {
              module: 'record_call',
              data: { action: 'start', format: 'wav', url: `${base}/recordings` },
              children: { _: { module: 'play', data: { id: '/sounds/hello.wav' }, children: { _: { module: 'record_call', data: { action: 'stop' }, children: { _: { module: 'hangup' } } } } } },
            },
          },
        },
      },
    }));
    await callflow('+15550801', { voice_url: `${base}/pivot.php`, method: 'POST', req_body_format: 'json' });
    const uuid = env.sim.placeCall({ from: '+15551400', to: '+15550801' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'collecting', (c) => c.action?.type === 'digits_receive');
    await env.sim.sendDtmf(uuid, { digits: '1234#' });
    const ended = await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    expect(ended.errors).toEqual([]);

    const first = asked.find((request) => request.path === '/pivot.php')!;
    expect(first.method).toBe('POST');
    expect(first.contentType).toBe('application/json');
    expect(JSON.parse(first.body)).toMatchObject({
      'Call-ID': call.id,
      'Account-ID': 'acct-test',
      From: '+15551400',
      To: '+15550801',
      Request: '+15550801',
      'Caller-ID-Number': '+15551400',
      'Call-Status': 'in-progress',
      'Api-Version': '4.x',
      Direction: 'inbound',
    });
    const second = asked.find((request) => request.path === '/collected.php')!;
    expect(second.method).toBe('GET');
    // The terminator is not part of the digits.
    expect(second.query.get('Digits[custom_name]')).toBe('1234');
    expect(second.query.get('Call-ID')).toBe(call.id);

    const view = env.simCall(uuid);
    expect(view.dtmf_sent).toBe('9');
    expect(view.applications.map((app) => app.name)).toEqual(expect.arrayContaining(['speak', 'send_dtmf', 'record_session', 'playback', 'stop_record_session', 'hangup']));
    await eventually('the presence update', () => presence.some((event) => event.headers.some(([name, value]) => name === 'from' && value === 'user@example.com')));
    const upload = await eventually('the recording upload', () => uploads.find((each) => each.path === `/recordings/call_recording_${call.id}.wav`));
    expect(upload.method).toBe('PUT');
    expect(upload.size).toBeGreaterThan(44);
  });

  it('answers the INVITE with 486 when the server says response, never answering the call', async () => {
    answers.set('/busy.php', () => ({ module: 'response', data: { code: 486, message: 'Busy Here' } }));
    await callflow('+15550802', { voice_url: `${base}/busy.php` });
    const uuid = env.sim.placeCall({ from: '+15551401', to: '+15550802' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    const view = env.simCall(uuid);
    expect(view.answered).toBe(false);
    expect(view.hangup_cause).toBe('USER_BUSY');
  });

  it('runs TwiML: Say then Gather, and Reject never answers the call', async () => {
    answers.set('/voice.xml', () => {
      const response = new twilio.twiml.VoiceResponse();
      response.say('Hello from TwiML');
      response.gather({ action: '/gathered.xml', numDigits: 1, timeout: 60 }).say('Press 1');
      return response.toString();
    });
    answers.set('/gathered.xml', (request) => {
      const response = new twilio.twiml.VoiceResponse();
      response.say(`You pressed ${new URLSearchParams(request.body).get('Digits')}`);
      response.hangup();
      return response.toString();
    });
    await callflow('+15550804', { voice_url: `${base}/voice.xml`, method: 'post', req_format: 'twiml' });
    const uuid = env.sim.placeCall({ from: '+15551403', to: '+15550804' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'gathering', (c) => c.action?.type === 'digits_receive');
    await env.sim.sendDtmf(uuid, { digits: '1' });
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    expect(env.simCall(uuid).applications.filter((app) => app.name === 'speak').map((app) => app.arg)).toEqual(['flite|slt|Hello from TwiML', 'flite|slt|Press 1', 'flite|slt|You pressed 1']);

    answers.set('/reject.xml', () => {
      const response = new twilio.twiml.VoiceResponse();
      response.reject({ reason: 'busy' });
      return response.toString();
    });
    await callflow('+15550805', { voice_url: `${base}/reject.xml`, req_format: 'twiml' });
    const rejected = env.sim.placeCall({ from: '+15551404', to: '+15550805' });
    await env.callUntil((await env.callOfChannel(rejected)).id, 'hung up', (c) => c.status === 'hangup');
    expect(env.simCall(rejected).answered).toBe(false);
    expect(env.simCall(rejected).hangup_cause).toBe('USER_BUSY');
  });

  it('hangs up cleanly when the server fails and the callflow has no `_` child', async () => {
    await callflow('+15550803', { voice_url: `${base}/missing.php` });
    const uuid = env.sim.placeCall({ from: '+15551402', to: '+15550803' });
    const call = await env.callOfChannel(uuid);
    const ended = await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    expect(ended.hangup_reason).toBe('normal');
    const activeflow = await env.flows.call('getActiveflow', { params: { id: ended.activeflow_id } });
    expect(activeflow.errors[0]).toMatchObject({ action_type: 'pivot', reason: 'PIVOT_HTTP_ERROR' });
  });
});
