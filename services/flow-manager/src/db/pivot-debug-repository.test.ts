import { afterEach, describe, expect, it } from '@jest/globals';
import type { PivotExchangeRecord } from '../actions/types.js';
import { buildParts, type Parts } from '../test-support.js';
import { PivotDebugRepository } from './pivot-debug-repository.js';

function exchange(callId: string, tm: string, url: string): PivotExchangeRecord {
  return {
    account_id: 'acct-1',
    call_id: callId,
    activeflow_id: 'af',
    tm,
    method: 'GET',
    url,
    request_headers: {},
    request_body: '',
    request_fields: { 'Call-ID': callId, Digits: { pin: '1234' } },
    status_code: 200,
    response_headers: { 'content-type': 'application/json' },
    response_body: '{}',
    duration_ms: 3,
    outcome: 'ok',
    error: '',
  };
}

describe('the Pivot debug log', () => {
  let parts: Parts;

  afterEach(async () => {
    await parts?.close();
  });

  it("lists an account's calls newest first, pages them, keeps a call's exchanges in order, and forgets what is past retention", async () => {
    parts = await buildParts();
    let now = new Date('2026-01-10T12:00:00.000Z');
    const log = new PivotDebugRepository(parts.db, 24 * 60 * 60 * 1000, () => now);
    await log.record([exchange('old', '2026-01-09T13:00:00.000Z', 'http://a/1')]);
    await log.record([exchange('call-a', '2026-01-10T11:00:00.000Z', 'http://a/1'), exchange('call-a', '2026-01-10T11:00:00.000Z', 'http://a/2')]);
    await log.record([exchange('call-b', '2026-01-10T11:30:00.000Z', 'http://b/1')]);
    expect((await log.calls('acct-1', { limit: 10, offset: 0 })).map((call) => [call.call_id, call.exchanges])).toEqual([
      ['call-b', 1],
      ['call-a', 2],
      ['old', 1],
    ]);
    expect((await log.calls('acct-1', { limit: 1, offset: 1 })).map((call) => call.call_id)).toEqual(['call-a']);
    expect((await log.calls('someone-else', { limit: 10, offset: 0 }))).toEqual([]);
    expect((await log.exchanges('acct-1', 'call-a')).map((entry) => entry.url)).toEqual(['http://a/1', 'http://a/2']);
    expect((await log.exchanges('acct-1', 'call-a'))[0]!.request_fields).toEqual({ 'Call-ID': 'call-a', Digits: { pin: '1234' } });
    // A day after it, the oldest goes.
    now = new Date('2026-01-10T13:05:00.000Z');
    expect(await log.purge()).toBe(1);
    expect((await log.calls('acct-1', { limit: 10, offset: 0 })).map((call) => call.call_id)).toEqual(['call-b', 'call-a']);
  });
});
