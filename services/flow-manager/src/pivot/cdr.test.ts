import { describe, expect, it } from '@jest/globals';
import type { callManager } from '@voxmesh/contracts';
import { silentLogger } from '@voxmesh/telemetry';
import type { HttpExchange, HttpExchangeRequest, PivotExchangeRecord } from '../actions/types.js';
import type { ActiveflowState } from '../domain/model.js';
import { cdrFields, PIVOT_CDR_DEBUG, PIVOT_CDR_URL, PivotCdr } from './cdr.js';

const call = (extra: Partial<callManager.Call> = {}): callManager.Call =>
  ({
    id: 'c1',
    account_id: 'acct',
    direction: 'incoming',
    status: 'hangup',
    source: { type: 'tel', target: '+15551000', target_name: 'Ann' },
    destination: { type: 'tel', target: '12345' },
    media_server: '127.0.0.1:8021',
    owner_id: 'u1',
    hangup_reason: 'normal',
    hangup_cause: 'NORMAL_CLEARING',
    tm_create: '2026-01-01T00:00:00.000Z',
    tm_progressing: '2026-01-01T00:00:04.000Z',
    tm_hangup: '2026-01-01T00:01:04.400Z',
    ...extra,
  }) as callManager.Call;

const state = (variables: Record<string, string>): ActiveflowState => ({ id: 'af1', account_id: 'acct', reference_type: 'call', reference_id: 'c1', variables }) as unknown as ActiveflowState;

function harness(calls: (callManager.Call | undefined)[], answer: HttpExchange) {
  const sent: HttpExchangeRequest[] = [];
  const logged: PivotExchangeRecord[] = [];
  const work: Promise<unknown>[] = [];
  let asked = 0;
  const cdr = new PivotCdr({
    calls: { getCall: async () => calls[Math.min(asked++, calls.length - 1)] },
    fetcher: { exchange: async (request) => (sent.push(request), answer) },
    pivotLog: { record: async (entries) => void logged.push(...entries) },
    logger: silentLogger(),
    background: (_what, promise) => void work.push(promise),
    timeoutMs: 1000,
    hangupWaitMs: 100,
    pollMs: 10,
  });
  return { cdr, sent, logged, settle: () => Promise.all(work), asked: () => asked };
}

describe("Pivot's cdr_url", () => {
  it("reads the call in Kazoo's CHANNEL_DESTROY names, in whole seconds and Gregorian time", () => {
    expect(cdrFields(call())).toEqual({
      'Call-ID': 'c1',
      'Account-ID': 'acct',
      'Call-Direction': 'inbound',
      'Caller-ID-Name': 'Ann',
      'Caller-ID-Number': '+15551000',
      'Callee-ID-Number': '12345',
      From: '+15551000',
      To: '12345',
      Request: '12345',
      'Hangup-Cause': 'NORMAL_CLEARING',
      Disposition: 'normal',
      'Duration-Seconds': '64',
      'Billing-Seconds': '60',
      'Ringing-Seconds': '4',
      Timestamp: String(Math.floor(Date.parse('2026-01-01T00:01:04.400Z') / 1000) + 62_167_219_200),
      'Media-Server': '127.0.0.1:8021',
      'User-ID': 'u1',
    });
    // Never answered: it rang all along and nothing is billed.
    expect(cdrFields(call({ tm_progressing: null }))).toMatchObject({ 'Billing-Seconds': '0', 'Ringing-Seconds': '64' });
  });

  it('waits for the call to be down, posts the CDR form-encoded, and keeps it in the debug log when the pivot debugged', async () => {
    const { cdr, sent, logged, settle, asked } = harness([call({ status: 'progressing' }), call({ status: 'terminating' }), call()], { ok: true, status: 200, headers: {}, body: 'ok' });
    cdr.ended(state({ [PIVOT_CDR_URL]: 'https://example.com/cdr', [PIVOT_CDR_DEBUG]: 'true' }));
    await settle();
    expect(asked()).toBe(3);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ url: 'https://example.com/cdr', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(new URLSearchParams(String(sent[0]!.body)).get('Hangup-Cause')).toBe('NORMAL_CLEARING');
    expect(logged).toEqual([expect.objectContaining({ call_id: 'c1', url: 'https://example.com/cdr', status_code: 200, outcome: 'cdr' })]);
  });

  it('sends nothing without cdr_url or a call, or when the call is not down in time; a failing server is only logged', async () => {
    const none = harness([call()], { ok: true, status: 200, headers: {}, body: '' });
    none.cdr.ended(state({}));
    none.cdr.ended({ ...state({ [PIVOT_CDR_URL]: 'https://example.com/cdr' }), reference_type: 'api' });
    await none.settle();
    expect(none.sent).toEqual([]);

    const stuck = harness([call({ status: 'progressing' })], { ok: true, status: 200, headers: {}, body: '' });
    stuck.cdr.ended(state({ [PIVOT_CDR_URL]: 'https://example.com/cdr' }));
    await stuck.settle();
    expect(stuck.sent).toEqual([]);

    const failing = harness([call()], { ok: false, status: 'refused', message: 'private address' });
    failing.cdr.ended(state({ [PIVOT_CDR_URL]: 'http://10.0.0.1/cdr', [PIVOT_CDR_DEBUG]: 'true' }));
    await expect(failing.settle()).resolves.toBeDefined();
    expect(failing.logged).toEqual([expect.objectContaining({ status_code: 0, outcome: 'cdr_failed', error: 'private address' })]);
  });
});
