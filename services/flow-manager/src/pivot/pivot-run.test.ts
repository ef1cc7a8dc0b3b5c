import { afterEach, describe, expect, it } from '@jest/globals';
import type { HttpExchange } from '../actions/types.js';
import { buildParts, type Parts } from '../test-support.js';
import { connectionPlan } from './connection.js';
import { requestSignature, VOXMESH_SIGNATURE } from './signature.js';

const xml = (body: string): HttpExchange => ({ ok: true, status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body });

describe('connection overrides in the URL fragment', () => {
  it('reads ct, rt, tt, rc and rp, clamped, with the total bounded by the request timeout', () => {
    const plan = connectionPlan('https://app.example.com/voice.xml?x=1#ct=300&rt=99999&tt=20000&rc=9&rp=ct,5xx,bogus', 4000);
    expect(plan).toMatchObject({ url: 'https://app.example.com/voice.xml?x=1', connectTimeoutMs: 300, readTimeoutMs: 4000, totalMs: 4000, retries: 5 });
    expect([...plan.retryOn].sort()).toEqual(['5xx', 'ct']);
    expect(connectionPlan('https://a/b', 5000)).toMatchObject({ retries: 1, connectTimeoutMs: 5000, readTimeoutMs: 5000 });
    expect([...connectionPlan('https://a/b#rp=all', 5000).retryOn].sort()).toEqual(['4xx', '5xx', 'ct', 'rt']);
  });
});

describe('pivot runs', () => {
  let parts: Parts;

  afterEach(async () => {
    await parts?.close();
  });

  it('signs a Kazoo-format request with X-Voxmesh-Signature over the URL and sorted fields', async () => {
    parts = await buildParts({}, { secrets: { webhookSecret: async () => 's3cret' } });
    parts.exchangeResults.push(xml('<Response><Hangup/></Response>'));
    const created = await parts.activeflows.create({ call_id: 'c', account_id: 'acct-1', actions: [{ type: 'pivot', option: { voice_url: 'http://customer/p', method: 'post' } }] as never });
    await parts.activeflows.next(created.id, undefined, undefined);
    const sent = parts.exchangeRequests[0]!;
    const fields = [...new URLSearchParams(String(sent.body))] as [string, string][];
    expect(sent.headers[VOXMESH_SIGNATURE]).toBe(requestSignature('sha256', 's3cret', 'http://customer/p', fields));
    expect(sent.headers['x-twilio-signature']).toBeUndefined();
  });

  it('retries a connection failure once by default, then asks fallback_url, and keeps every exchange in the debug log', async () => {
    parts = await buildParts();
    parts.exchangeResults.push({ ok: false, status: 'network_error', message: 'ECONNREFUSED' }, { ok: false, status: 'connect_timeout', message: 'no connection' }, xml('<Response><Say>backup</Say></Response>'));
    const created = await parts.activeflows.create({
      call_id: 'call-fb',
      actions: [{ type: 'pivot', option: { voice_url: 'http://customer/p', fallback_url: 'http://backup/p', debug: true, req_format: 'twiml' } }] as never,
    });
    expect(await parts.activeflows.next(created.id, undefined, undefined)).toMatchObject({ type: 'talk', option: { text: 'backup' } });
    expect(parts.exchangeRequests.map((request) => new URL(request.url).host)).toEqual(['customer', 'customer', 'backup']);
    await parts.background.drain();
    const log = await parts.pivotDebug.exchanges('', 'call-fb');
    expect(log.map((entry) => [entry.outcome, entry.status_code])).toEqual([
      ['network_error', 0],
      ['connect_timeout', 0],
      ['ok', 200],
    ]);
    expect((await parts.pivotDebug.calls('', { limit: 10, offset: 0 }))[0]).toMatchObject({ call_id: 'call-fb', exchanges: 3 });
  });

  it('does not retry a 4xx unless the fragment says so', async () => {
    parts = await buildParts();
    parts.exchangeResults.push({ ok: true, status: 404, headers: {}, body: '' }, { ok: true, status: 404, headers: {}, body: '' }, xml('<Response><Hangup/></Response>'));
    const once = await parts.activeflows.create({ call_id: 'c1', actions: [{ type: 'pivot', option: { voice_url: 'http://customer/p' } }, { type: 'talk', option: { text: 'fallback' } }] as never });
    expect((await parts.activeflows.next(once.id, undefined, undefined)).option).toEqual({ text: 'fallback' });
    expect(parts.exchangeRequests).toHaveLength(1);
    const again = await parts.activeflows.create({ call_id: 'c2', actions: [{ type: 'pivot', option: { voice_url: 'http://customer/p#rp=4xx&rc=1' } }] as never });
    expect((await parts.activeflows.next(again.id, undefined, undefined)).type).toBe('hangup');
    const asked = (id: string) => `http://customer/p?Call-ID=${id}&Call-Status=in-progress&Api-Version=4.x`;
    expect(parts.exchangeRequests.map((request) => request.url)).toEqual([asked('c1'), asked('c2'), asked('c2')]);
  });

  it('ends a call kept waiting past the watchdog, with the reason recorded', async () => {
    parts = await buildParts({}, { pivotWatchdogMs: 50 });
    parts.exchangeDelayMs = 80;
    parts.exchangeResults.push({ ok: false, status: 'timeout', message: 'no answer' });
    const created = await parts.activeflows.create({
      call_id: 'c',
      actions: [{ type: 'pivot', option: { voice_url: 'http://customer/p', fallback_url: 'http://backup/p' } }, { type: 'talk', option: { text: 'never' } }] as never,
    });
    expect((await parts.activeflows.next(created.id, undefined, undefined)).type).toBe('finish');
    const state = await parts.activeflows.get(created.id);
    expect(state.errors[0]).toMatchObject({ action_type: 'pivot', reason: 'PIVOT_WATCHDOG', message: expect.stringContaining('-pivot_watchdog_ms') });
    // The fallback was not asked: the watchdog had already fired.
    expect(parts.exchangeRequests).toHaveLength(1);
  });
});
