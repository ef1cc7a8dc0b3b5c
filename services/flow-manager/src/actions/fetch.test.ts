import { describe, expect, it } from '@jest/globals';
import { fakeContext } from '../test-support.js';
import { FETCH_ERROR, FETCH_STATUS, fetch, patch } from './fetch.js';
import type { FetchResult } from './types.js';

function answering(result: FetchResult) {
  return { fetcher: { fetch: async () => result } };
}

describe('fetch and patch', () => {
  it('pushes the actions the server answers, either spelling of the answer', async () => {
    for (const [handler, body] of [[fetch, [{ type: 'answer' }]], [patch, { actions: [{ type: 'answer' }] }]] as const) {
      const run = fakeContext(handler === fetch ? 'fetch' : 'patch', { event_url: 'https://example.com/next' }, { deps: answering({ ok: true, body }) });
      await expect(handler.run(run.context as never)).resolves.toEqual({ kind: 'continue' });
      expect(run.pushed).toEqual([{ actions: [{ type: 'answer', option: {} }], field: 'actions' }]);
      expect(run.variables[FETCH_STATUS]).toBe('ok');
    }
  });

  it('goes on after a failure with the status and error in the variables', async () => {
    const run = fakeContext('fetch', { event_url: 'https://example.com/next' }, { deps: answering({ ok: false, status: 'timeout', message: 'no answer in 1000 ms' }) });
    await expect(fetch.run(run.context)).resolves.toEqual({ kind: 'continue' });
    expect(run.pushed).toEqual([]);
    expect(run.variables).toEqual({ [FETCH_STATUS]: 'timeout', [FETCH_ERROR]: 'no answer in 1000 ms' });
    expect(run.failures.map((failure) => failure.reason)).toEqual(['FETCH_TIMEOUT']);
  });

  it('refuses an answer that is not actions, naming where', async () => {
    const run = fakeContext('fetch', { event_url: 'https://example.com/next' }, { deps: answering({ ok: true, body: [{ type: 'fly' }] }) });
    await fetch.run(run.context);
    expect(run.variables[FETCH_STATUS]).toBe('invalid_actions');
    expect(run.variables[FETCH_ERROR]).toMatch(/^actions\.0\.type: unknown action type "fly"/);
  });
});
