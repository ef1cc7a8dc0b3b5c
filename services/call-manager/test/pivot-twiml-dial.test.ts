import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import twilio from 'twilio';
import { CallEnv, eventually } from './harness.js';

interface Asked {
  method: string;
  path: string;
  query: URLSearchParams;
  form: URLSearchParams;
  body: string;
  signature: string;
}

const GREGORIAN_OFFSET = 62_167_219_200;

/**
 * Pivot's TwiML Dial and Record, Kazoo's recording facts, `cdr_url` and Kazoo's
 * conferencing example, end to end: a local server answers with TwiML built by
 * Twilio's own helper library (or Kazoo JSON), call-manager runs it on esl-sim, and the
 * follow-up requests carry what Twilio and Kazoo document.
 */
describe('Pivot: TwiML Dial and Record, CDRs and conferences', () => {
  const env = new CallEnv();
  const asked: Asked[] = [];
  const uploads: { path: string; method: string; size: number }[] = [];
  const answers = new Map<string, (request: Asked) => unknown>();
  let server: Server;
  let base = '';
  let accountId = '';
  let userId = '';
  let conferenceId = '';

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
        const body = Buffer.concat(chunks).toString('utf8');
        const signature = String(req.headers['x-twilio-signature'] ?? '');
        const request = { method: req.method ?? '', path: url.pathname, query: url.searchParams, form: new URLSearchParams(body), body, signature };
        asked.push(request);
        const answer = answers.get(url.pathname);
        if (!answer) return void res.writeHead(404).end();
        const reply = answer(request);
        if (typeof reply === 'string') res.writeHead(200, { 'content-type': 'text/xml' }).end(reply);
        else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await env.start({ customers: true, platformFlags: ['-fetch_allow_private'], callFlags: ['-recording_upload_allow_private'] });
    const master = (await env.customers.call('bootstrap', { body: {} })).account_id;
    accountId = (await env.customers.call('createAccount', { body: { parent_id: master, name: 'Pivot Dial Co' } })).id;
    userId = (await env.customers.call('createUser', { params: { account_id: accountId }, body: { username: 'dora', password: 'dora-password' } })).id;
    for (const name of ['dora-desk', 'dora-soft']) await env.customers.call('createDevice', { params: { account_id: accountId }, body: { name, owner_id: userId, sip: { username: name } } });
    conferenceId = (await env.customers.call('createConference', { params: { account_id: accountId }, body: { name: 'Pivot Room' } })).id;
  }, 60_000);

  afterAll(async () => {
    await env.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }, 60_000);

  async function callflow(number: string, data: Record<string, unknown>) {
    await env.flows.call('createFlow', { body: { account_id: accountId, numbers: [number], flow: { module: 'pivot', data } as never } });
  }
  const requestsTo = (path: string) => asked.filter((request) => request.path === path);

  it('dials a number with its timeout, and the action hears DialCallStatus, DialCallSid and DialCallDuration', async () => {
    answers.set('/dial.xml', () => {
      const response = new twilio.twiml.VoiceResponse();
      response.dial({ action: '/dialed.xml', timeout: 7, callerId: '+15550009999' }).number('+15550300');
      response.say('never reached: the action takes over');
      return response.toString();
    });
    answers.set('/dialed.xml', (request) => {
      const response = new twilio.twiml.VoiceResponse();
      response.say(`The call was ${request.form.get('DialCallStatus')}`);
      response.hangup();
      return response.toString();
    });
    env.sim.setDestination('+15550300', { answer: 'answer', after_ms: 500 });
    await callflow('+15550901', { voice_url: `${base}/dial.xml`, method: 'post', req_format: 'twiml' });
    const uuid = env.sim.placeCall({ from: '+15551500', to: '+15550901' });
    const call = await env.callOfChannel(uuid);
    const legId = await eventually('the caller bridged', () => env.simCall(uuid).bridged_to ?? undefined);
    const bridge = env.simCall(uuid).applications.find((app) => app.name === 'bridge')!;
    expect(bridge.arg).toContain('[leg_timeout=7]sofia/gateway/');
    expect(bridge.arg).toContain('origination_caller_id_number=+15550009999');
    // The callee talks for a while (simulated time), then hangs up.
    await new Promise((resolve) => setTimeout(resolve, 300));
    env.sim.hangup(legId);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');

    const [dialed] = requestsTo('/dialed.xml');
    expect(dialed!.form.get('CallSid')).toBe(call.id);
    expect(dialed!.form.get('DialCallStatus')).toBe('completed');
    // Signed with the account's webhook secret as Twilio signs, so Twilio's own check passes.
    const secret = (await env.customers.call('getAccount', { params: { id: accountId } })).webhook_secret;
    expect(twilio.validateRequest(secret, dialed!.signature, `${base}/dialed.xml`, Object.fromEntries(dialed!.form))).toBe(true);
    expect(twilio.validateRequest(secret, dialed!.signature, `${base}/dialed.xml`, { ...Object.fromEntries(dialed!.form), DialCallStatus: 'busy' })).toBe(false);
    expect(dialed!.form.get('DialCallSid')).toBe(legId);
    expect(Number(dialed!.form.get('DialCallDuration'))).toBeGreaterThan(0);
    const spoken = env.simCall(uuid).applications.filter((app) => app.name === 'speak').map((app) => app.arg);
    expect(spoken).toEqual(['flite|slt|The call was completed']);
  });

  it("rings a Kazoo user's devices for Dial's timeout; nobody answers, and the action hears no-answer; the next request goes without it", async () => {
    answers.set('/dial-user.xml', () => {
      const response = new twilio.twiml.VoiceResponse();
      // Kazoo's <User> noun is not in Twilio's vocabulary: the helper's generic child writes it.
      response.dial({ action: '/dial-user-done.xml', timeout: 3 }).addChild('User', {}).addText(userId);
      return response.toString();
    });
    answers.set('/dial-user-done.xml', () => {
      const response = new twilio.twiml.VoiceResponse();
      response.redirect('/after-dial.xml');
      return response.toString();
    });
    answers.set('/after-dial.xml', () => new twilio.twiml.VoiceResponse().hangup().toString());
    env.sim.setDestination('dora-desk', { answer: 'no_answer' });
    env.sim.setDestination('dora-soft', { answer: 'no_answer' });
    await callflow('+15550902', { voice_url: `${base}/dial-user.xml`, method: 'post', req_format: 'twiml' });
    const uuid = env.sim.placeCall({ from: '+15551501', to: '+15550902' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup', 20_000);
    const bridge = env.simCall(uuid).applications.find((app) => app.name === 'bridge')!;
    expect(bridge.arg).toContain('[leg_timeout=3]user/dora-desk@');
    expect(bridge.arg).toContain('[leg_timeout=3]user/dora-soft@');
    const [done] = requestsTo('/dial-user-done.xml');
    expect(done!.form.get('DialCallStatus')).toBe('no-answer');
    expect(done!.form.get('DialCallSid')).toBeNull();
    const [after] = requestsTo('/after-dial.xml');
    expect(after!.form.get('DialCallStatus')).toBeNull();
  });

  it('records with Record, uploads the file, and its action hears RecordingUrl, RecordingDuration and RecordingSid', async () => {
    answers.set('/record.xml', () => {
      const response = new twilio.twiml.VoiceResponse();
      response.say('Leave a message after the beep');
      // `url` is Kazoo's recording upload target, beside Twilio's attributes.
      response.record({ action: '/recorded.xml', finishOnKey: '#', maxLength: 60, url: `${base}/recordings` } as Parameters<typeof response.record>[0]);
      return response.toString();
    });
    answers.set('/recorded.xml', () => new twilio.twiml.VoiceResponse().hangup().toString());
    await callflow('+15550903', { voice_url: `${base}/record.xml`, method: 'post', req_format: 'twiml' });
    const uuid = env.sim.placeCall({ from: '+15551502', to: '+15550903' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'recording', (c) => c.action?.type === 'digits_receive' && c.recording_id !== '');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await env.sim.sendDtmf(uuid, { digits: '#' });
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    const ended = await env.getCall(call.id);
    const [recorded] = requestsTo('/recorded.xml');
    expect(recorded!.form.get('RecordingUrl')).toBe(`${base}/recordings/call_recording_${call.id}.wav`);
    expect(recorded!.form.get('RecordingSid')).toBe(ended.recording_ids.at(-1));
    expect(Number(recorded!.form.get('RecordingDuration'))).toBeGreaterThan(0);
    const upload = await eventually('the recording upload', () => uploads.find((each) => each.path === `/recordings/call_recording_${call.id}.wav`));
    expect(upload.method).toBe('PUT');
  });

  it("gives Kazoo's next request Recording-ID and Recording-Duration after record_call, and posts the CDR to cdr_url once the call is over", async () => {
    answers.set('/kazoo-record.php', () => ({
      module: 'record_call',
      data: { action: 'start', format: 'wav' },
      children: { _: { module: 'play', data: { id: '/sounds/hello.wav' }, children: { _: { module: 'record_call', data: { action: 'stop' }, children: { _: { module: 'pivot', data: { voice_url: `${base}/kazoo-recorded.php` } } } } } } },
    }));
    answers.set('/kazoo-recorded.php', () => ({ module: 'hangup' }));
    answers.set('/cdr.php', () => ({}));
    await callflow('+15550904', { voice_url: `${base}/kazoo-record.php`, cdr_url: `${base}/cdr.php`, debug: true });
    const uuid = env.sim.placeCall({ from: '+15551503', to: '+15550904' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    const ended = await env.getCall(call.id);
    const [next] = requestsTo('/kazoo-recorded.php');
    expect(next!.query.get('Recording-ID')).toBe(ended.recording_ids[0]);
    expect(Number(next!.query.get('Recording-Duration'))).toBeGreaterThanOrEqual(0);
    expect(next!.query.has('Recording-Duration')).toBe(true);

    const cdr = await eventually('the CDR', () => requestsTo('/cdr.php')[0], 20_000);
    expect(cdr.method).toBe('POST');
    expect(Object.fromEntries(cdr.form)).toMatchObject({
      'Call-ID': call.id,
      'Account-ID': accountId,
      'Call-Direction': 'inbound',
      'Caller-ID-Number': '+15551503',
      'Hangup-Cause': ended.hangup_cause,
    });
    expect(Number(cdr.form.get('Duration-Seconds'))).toBeGreaterThanOrEqual(Number(cdr.form.get('Billing-Seconds')));
    expect(Number(cdr.form.get('Timestamp'))).toBeGreaterThan(GREGORIAN_OFFSET + 1_700_000_000);
    // With debug on, the CDR's exchange is in the Pivot debug log after the debugged request (the reply's own pivot does not debug).
    const debug = await eventually('the CDR in the debug log', async () => {
      const exchanges = (await env.flows.call('getPivotDebugCall', { params: { account_id: accountId, call_id: call.id } })).result;
      return exchanges.find((exchange) => exchange.outcome === 'cdr') ? exchanges : undefined;
    });
    expect(debug.map((exchange) => exchange.url)).toEqual([expect.stringContaining(`${base}/kazoo-record.php?Call-ID=${call.id}`), `${base}/cdr.php`]);
  });

  it("runs Kazoo's conferencing examples from Pivot: an ad hoc room by name, and a pre-built one by id", async () => {
    answers.set('/adhoc.php', () => ({ module: 'conference', data: { config: { name: 'My Ad-hoc Conference' } } }));
    answers.set('/prebuilt.php', () => ({ module: 'conference', data: { id: conferenceId } }));
    await callflow('+15550905', { voice_url: `${base}/adhoc.php` });
    await callflow('+15550906', { voice_url: `${base}/prebuilt.php` });
    const conferenceOf = (uuid: string) => eventually(`${uuid} in a conference`, () => env.simCall(uuid).applications.find((app) => app.name === 'conference' && app.response === null), 20_000);
    const first = env.sim.placeCall({ from: '+15551504', to: '+15550905' });
    const second = env.sim.placeCall({ from: '+15551505', to: '+15550905' });
    const [firstArg, secondArg] = [(await conferenceOf(first)).arg, (await conferenceOf(second)).arg];
    expect(firstArg).toMatch(new RegExp(`^${accountId}_adhoc_my.ad-hoc.conference@default`, 'i'));
    expect(secondArg).toBe(firstArg);
    const prebuilt = env.sim.placeCall({ from: '+15551506', to: '+15550906' });
    expect((await conferenceOf(prebuilt)).arg).toContain(`${accountId}_${conferenceId}@default`);

    // TwiML's <Dial><Conference> joins the same kind of room: the account's own, by name.
    answers.set('/conference.xml', () => {
      const response = new twilio.twiml.VoiceResponse();
      response.dial().conference('My Ad-hoc Conference');
      return response.toString();
    });
    await callflow('+15550907', { voice_url: `${base}/conference.xml`, req_format: 'twiml' });
    const third = env.sim.placeCall({ from: '+15551507', to: '+15550907' });
    expect((await conferenceOf(third)).arg).toBe(firstArg);
    for (const uuid of [first, second, prebuilt, third]) env.sim.hangup(uuid);
  });
});
