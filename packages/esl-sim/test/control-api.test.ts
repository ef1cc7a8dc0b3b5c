import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { EslSimulator, type CallView } from '../src/index.js';
import { RawClient } from './helpers/raw-client.js';

describe('the HTTP control API', () => {
  let sim: EslSimulator;
  let base: string;
  let eslPort: number;

  const request = async (method: string, path: string, body?: unknown, raw?: string) => {
    const init: RequestInit = { method };
    if (raw !== undefined) init.body = raw;
    else if (body !== undefined) init.body = JSON.stringify(body);
    const response = await fetch(`${base}${path}`, init);
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown), type: response.headers.get('content-type') };
  };

  beforeEach(async () => {
    sim = new EslSimulator({ timeScale: 0.01 });
    const addresses = await sim.start();
    base = addresses.control!.url;
    eslPort = addresses.esl.port;
  });

  afterEach(async () => {
    await sim.stop();
  });

  it('places a call whose variables become channel variables, and shows it', async () => {
    const created = await request('POST', '/calls', { from: '1000', to: '2000', caller_id_name: 'Jane', variables: { sip_auth_username: 'jane' } });
    expect(created.status).toBe(201);
    const { uuid } = created.body as { uuid: string };
    const call = (await request('GET', `/calls/${uuid}`)).body as CallView;
    expect(call).toMatchObject({
      uuid,
      direction: 'inbound',
      from: '1000',
      to: '2000',
      caller_id_name: 'Jane',
      state: 'CS_EXECUTE',
      answered: false,
      hangup_cause: null,
      bridged_to: null,
      applications: [{ name: 'park', arg: '', response: null }],
      apis: [],
    });
    expect(call.variables.sip_auth_username).toBe('jane');
    expect(call.events).toEqual(['CHANNEL_CREATE', 'CHANNEL_STATE', 'CHANNEL_STATE', 'CHANNEL_STATE', 'CHANNEL_EXECUTE', 'CHANNEL_PARK']);
    const list = (await request('GET', '/calls')).body as CallView[];
    expect(list.map((c) => c.uuid)).toEqual([uuid]);
  });

  it('presses digits and hangs up with a cause by name or Q.850 code', async () => {
    const log = await RawClient.login(eslPort);
    await log.command('event plain DTMF');
    const { uuid } = (await request('POST', '/calls', { from: '1000', to: '2000' })).body as { uuid: string };
    expect((await request('POST', `/calls/${uuid}/dtmf`, { digits: '12#', interval_ms: 50 })).status).toBe(202);
    const digits: string[] = [];
    for (let i = 0; i < 3; i++) {
      const event = await log.event('DTMF');
      expect(event).toMatchObject({ 'Unique-ID': uuid, 'DTMF-Duration': '2000', 'DTMF-Source': 'RTP' });
      digits.push(event['DTMF-Digit']!);
    }
    expect(digits).toEqual(['1', '2', '#']);
    const hungUp = await request('POST', `/calls/${uuid}/hangup`, { cause: 17 });
    expect(hungUp).toMatchObject({ status: 200, body: { uuid, hangup_cause: 'USER_BUSY' } });
    const call = await sim.waitForCall(uuid, (c) => c.destroyed);
    expect(call).toMatchObject({ hangup_cause: 'USER_BUSY', hangup_by: 'remote', dtmf_received: '12#', state: 'CS_DESTROY' });
    expect(call.variables).toMatchObject({ hangup_cause_q850: '17', sip_hangup_disposition: 'recv_cancel' });
    await log.close();
  });

  it('refuses bad input with 400 naming the field, and keeps serving', async () => {
    const { uuid } = (await request('POST', '/calls', { from: '1000', to: '2000' })).body as { uuid: string };
    const cases: [string, string, unknown, string | undefined, string][] = [
      ['POST', '/calls', { to: '2000' }, undefined, 'from'],
      ['POST', '/calls', { from: '1000', to: '' }, undefined, 'to'],
      ['POST', '/calls', { from: '1000', to: '2000', variables: [1] }, undefined, 'variables'],
      ['POST', '/calls', { from: '1000', to: '2000', variables: { 'bad name': 'x' } }, undefined, 'variables.bad name'],
      ['POST', '/calls', { from: '1000', to: '2000', caller_id_name: 5 }, undefined, 'caller_id_name'],
      ['POST', '/calls', undefined, '{"from": ', 'body'],
      ['POST', '/calls', [1, 2], undefined, 'body'],
      ['POST', `/calls/${uuid}/dtmf`, { digits: '12x' }, undefined, 'digits'],
      ['POST', `/calls/${uuid}/dtmf`, { digits: '1', interval_ms: -1 }, undefined, 'interval_ms'],
      ['POST', `/calls/${uuid}/hangup`, { cause: 'NOT_A_CAUSE' }, undefined, 'cause'],
      ['PUT', '/destinations/3000', { answer: 'maybe' }, undefined, 'answer'],
      ['PUT', '/destinations/3000', { answer: 'answer', after_ms: 'soon' }, undefined, 'after_ms'],
      ['PUT', '/destinations/3000', { answer: 'answer', amd: 'robot' }, undefined, 'amd'],
      ['PUT', '/destinations/3000', { answer: 'answer', early_media: 'yes' }, undefined, 'early_media'],
    ];
    for (const [method, path, body, raw, field] of cases) {
      const response = await request(method, path, body, raw);
      expect([method, path, response.status, (response.body as { error: { field: string } }).error.field]).toEqual([method, path, 400, field]);
    }
    expect((await request('GET', '/healthz')).body).toEqual({ status: 'ok' });
  });

  it('answers 404 for unknown calls and paths, 405 for the wrong method, 409 for an ended call', async () => {
    expect(await request('GET', '/calls/00000000-0000-0000-0000-000000000000')).toMatchObject({ status: 404, body: { error: { field: 'uuid' } } });
    expect((await request('POST', '/calls/nope/hangup', {})).status).toBe(404);
    expect((await request('GET', '/nothing/here')).status).toBe(404);
    expect((await request('DELETE', '/calls')).status).toBe(405);
    expect((await request('DELETE', '/destinations/9999')).status).toBe(404);
    const { uuid } = (await request('POST', '/calls', { from: '1000', to: '2000' })).body as { uuid: string };
    await request('POST', `/calls/${uuid}/hangup`, {});
    await sim.waitForCall(uuid, (c) => c.destroyed);
    expect((await request('POST', `/calls/${uuid}/dtmf`, { digits: '1' })).status).toBe(409);
  });

  it('sets, lists and deletes destinations, and dials by them', async () => {
    expect(await request('PUT', '/destinations/7000', { answer: 'busy', after_ms: 200 })).toMatchObject({
      status: 200,
      body: { number: '7000', answer: 'busy', after_ms: 200, amd: 'human', early_media: false },
    });
    expect((await request('PUT', '/destinations/*', { answer: 'reject' })).status).toBe(200);
    expect(Object.keys((await request('GET', '/destinations')).body as object)).toEqual(['7000', '*']);
    const client = await RawClient.login(eslPort);
    expect(await client.api('originate sofia/gateway/carrier/7000 &park()')).toBe('-ERR USER_BUSY\n');
    expect(await client.api('originate sofia/gateway/carrier/7001 &park()')).toBe('-ERR CALL_REJECTED\n');
    expect((await request('DELETE', '/destinations/*')).status).toBe(204);
    expect(await client.api('originate sofia/gateway/carrier/7001 &park()')).toMatch(/^\+OK /);
    const calls = (await request('GET', '/calls')).body as CallView[];
    expect(calls.map((c) => [c.direction, c.to, c.hangup_cause, c.apis[0]?.command])).toEqual([
      ['outbound', '7000', 'USER_BUSY', 'originate'],
      ['outbound', '7001', 'CALL_REJECTED', 'originate'],
      ['outbound', '7001', null, 'originate'],
    ]);
    await client.close();
  });

  it('serves metrics in the Prometheus text format', async () => {
    await request('POST', '/calls', { from: '1000', to: '2000' });
    const response = await fetch(`${base}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('esl_sim_channels 1\n');
    expect(text).toContain('esl_sim_calls_total{direction="inbound"} 1\n');
  });
});
