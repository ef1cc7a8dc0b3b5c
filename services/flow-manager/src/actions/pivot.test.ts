import { afterEach, describe, expect, it } from '@jest/globals';
import { createRegistry } from '@voxmesh/telemetry';
import type { ActiveflowState } from '../domain/model.js';
import { FlowMetrics } from '../metrics.js';
import { formPairs, HttpFetcher } from '../remote/http-fetcher.js';
import { buildParts, type Parts } from '../test-support.js';
import { PIVOT_DEBUG, pivotRequestFields } from './pivot.js';
import type { HttpExchange } from './types.js';

function jsonAnswer(body: unknown): HttpExchange {
  return { ok: true, status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function stateWith(variables: Record<string, string>, extra: Partial<ActiveflowState> = {}): ActiveflowState {
  return { id: 'af-1', account_id: 'acc-1', reference_type: 'call', reference_id: 'call-1', variables, ...extra } as ActiveflowState;
}

describe('pivot request fields', () => {
  it("names the call's facts as Kazoo does, leaving empty values out", () => {
    const fields = pivotRequestFields(
      stateWith({
        'voipbin.call.id': 'call-1',
        'voipbin.call.direction': 'incoming',
        'voipbin.call.source.target': '+15551230000',
        'voipbin.call.source.name': 'Alice',
        'voipbin.call.destination.target': '12345',
        'voipbin.call.digits': '',
      }),
    );
    expect(fields).toEqual({
      'Call-ID': 'call-1',
      Request: '12345',
      To: '12345',
      From: '+15551230000',
      'Account-ID': 'acc-1',
      'Caller-ID-Name': 'Alice',
      'Caller-ID-Number': '+15551230000',
      'Call-Status': 'in-progress',
      'Api-Version': '4.x',
      Direction: 'inbound',
    });
  });

  it('uses set_cid and prepend_cid, and sends collections as Digits[name]', () => {
    const fields = pivotRequestFields(
      stateWith({
        'voipbin.call.source.target': '100',
        'voipbin.call.caller_id_name': 'Front desk',
        'voipbin.call.caller_id_name_prefix': 'VIP ',
        'voipbin.call.caller_id_number_prefix': '9',
        'voipbin.call.digits': '7',
        'kazoo.collected.pin': '1234',
        'kazoo.collected.default': '5',
        'voipbin.call.owner_id': 'user-9',
      }),
    );
    expect(fields).toMatchObject({ 'Caller-ID-Name': 'VIP Front desk', 'Caller-ID-Number': '9100', Digits: { pin: '1234', default: '5' }, 'User-ID': 'user-9' });
    expect(formPairs(fields)).toEqual(expect.arrayContaining([['Digits[pin]', '1234'], ['Digits[default]', '5']]));
  });

  it('falls back to the reference (or the activeflow) for Call-ID in a run without call variables', () => {
    expect(pivotRequestFields(stateWith({}))['Call-ID']).toBe('call-1');
    expect(pivotRequestFields(stateWith({}, { reference_id: '' }))['Call-ID']).toBe('af-1');
  });

  it('is refused a private address unless -fetch_allow_private, like fetch', async () => {
    const fetcher = new HttpFetcher({ metrics: new FlowMetrics(createRegistry({ defaultMetrics: false }), async () => 0), allowPrivate: false });
    const result = await fetcher.fetch({ url: 'http://127.0.0.1:9/pivot.php', method: 'GET', timeoutMs: 500, encoding: 'form', payload: { 'Call-ID': 'c' } });
    expect(result).toMatchObject({ ok: false, status: 'refused' });
  });

  it('form-encodes nested values as k[sub]=v and lists as k[]=v', () => {
    expect(formPairs({ a: 'x', b: { c: '1', d: ['2', '3'] } })).toEqual([
      ['a', 'x'],
      ['b[c]', '1'],
      ['b[d][]', '2'],
      ['b[d][]', '3'],
    ]);
  });
});

describe('pivot action', () => {
  let parts: Parts;

  afterEach(async () => {
    await parts?.close();
  });

  it("runs the callflow the server answers in place of the rest of the flow, with a debug record", async () => {
    parts = await buildParts();
    parts.exchangeResults.push(jsonAnswer({ module: 'tts', data: { text: 'hi from pivot' }, children: { _: { module: 'hangup' } } }));
    const created = await parts.activeflows.create({
      call_id: 'c',
      actions: [{ type: 'pivot', option: { voice_url: 'http://customer/pivot', debug: true } }, { type: 'talk', option: { text: 'not reached' } }] as never,
    });
    const talk = await parts.activeflows.next(created.id, undefined, undefined);
    expect(talk).toMatchObject({ type: 'talk', option: { text: 'hi from pivot' } });
    const hangup = await parts.activeflows.next(created.id, talk.id, undefined);
    expect(hangup.type).toBe('hangup');
    const end = await parts.activeflows.next(created.id, hangup.id, undefined);
    expect(end.type).toBe('finish');
    const asked = parts.exchangeRequests[0]!;
    expect(asked).toMatchObject({ method: 'GET' });
    expect(asked.body).toBeUndefined();
    expect(asked.url.startsWith('http://customer/pivot?')).toBe(true);
    expect(new URL(asked.url).searchParams.get('Call-ID')).toBe('c');
    const state = await parts.activeflows.get(created.id);
    expect(state.variables['voipbin.fetch.status']).toBe('ok');
    const debug = JSON.parse(state.variables[PIVOT_DEBUG]!);
    expect(debug).toMatchObject({ uri: 'http://customer/pivot', method: 'GET', status: 'ok', request: { 'Call-ID': 'c' } });
    expect(debug.response).toContain('hi from pivot');
  });

  it('accepts a callflow document ({flow}) and posts JSON when asked', async () => {
    parts = await buildParts();
    parts.exchangeResults.push(jsonAnswer({ data: { numbers: [], flow: { module: 'hangup' } } }));
    const created = await parts.activeflows.create({
      call_id: 'c',
      actions: [{ type: 'pivot', option: { voice_url: 'http://customer/p', method: 'POST', req_body_format: 'json' } }] as never,
    });
    expect((await parts.activeflows.next(created.id, undefined, undefined)).type).toBe('hangup');
    expect(parts.exchangeRequests[0]).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(String(parts.exchangeRequests[0]!.body))).toMatchObject({ 'Call-ID': 'c' });
  });

  it.each([
    ['an answer that is not a callflow', jsonAnswer([{ type: 'talk' }]), 'invalid_callflow'],
    ['an unknown module', jsonAnswer({ module: 'teleport' }), 'invalid_callflow'],
    ['a bad module option', jsonAnswer({ module: 'tts', data: {} }), 'invalid_callflow'],
    ['a timeout', { ok: false as const, status: 'timeout' as const, message: 'no answer' }, 'timeout'],
  ] as [string, HttpExchange, string][])('on %s, goes on after the pivot and records why', async (_label, result, status) => {
    parts = await buildParts();
    parts.exchangeResults.push(result);
    const created = await parts.activeflows.create({
      call_id: 'c',
      actions: [{ type: 'pivot', option: { voice_url: 'http://customer/p' } }, { type: 'talk', option: { text: 'fallback' } }] as never,
    });
    expect((await parts.activeflows.next(created.id, undefined, undefined)).option).toEqual({ text: 'fallback' });
    const state = await parts.activeflows.get(created.id);
    expect(state.variables['voipbin.fetch.status']).toBe(status);
    expect(state.errors[0]).toMatchObject({ action_type: 'pivot', reason: `PIVOT_${status.toUpperCase()}` });
    expect(state.variables[PIVOT_DEBUG]).toBeUndefined();
  });
});
