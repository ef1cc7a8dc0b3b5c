import { describe, expect, it } from '@jest/globals';
import { fakeContext } from '../test-support.js';
import type { WebhookRequest } from './types.js';
import { webhookSend } from './webhook_send.js';

describe('webhook_send', () => {
  it('waits for the hand-over with sync and records a failure, the flow going on', async () => {
    const sent: WebhookRequest[] = [];
    const ok = fakeContext('webhook_send', { uri: 'https://example.com/h', sync: true, data: { a: 1 } }, { deps: { webhooks: { send: async (request) => void sent.push(request) } } });
    await webhookSend.run(ok.context);
    expect(sent).toEqual([{ account_id: 'acc-1', uri: 'https://example.com/h', method: 'POST', data_type: 'application/json', data: { a: 1 } }]);
    const failing = fakeContext('webhook_send', { uri: 'https://example.com/h', sync: true }, { deps: { webhooks: { send: async () => Promise.reject(new Error('down')) } } });
    await expect(webhookSend.run(failing.context)).resolves.toEqual({ kind: 'continue' });
    expect(failing.failures.map((failure) => failure.reason)).toEqual(['WEBHOOK_FAILED']);
  });

  it('sends in the background without sync', async () => {
    const background: string[] = [];
    const run = fakeContext('webhook_send', { uri: 'https://example.com/h' }, { deps: { background: (what) => void background.push(what) } });
    await webhookSend.run(run.context);
    expect(background).toEqual(['webhook_send to https://example.com/h']);
  });

  it('names the step it sends from, so a step run twice is one delivery and a loop back is another', async () => {
    const keys: string[] = [];
    const deps = { webhooks: { send: async (_request: WebhookRequest, _timeoutMs: number, key: string) => void keys.push(key) } };
    for (const executeCount of [5, 5, 9]) {
      await webhookSend.run(fakeContext('webhook_send', { uri: 'https://example.com/h', sync: true }, { deps, state: { execute_count: executeCount } }).context);
    }
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(keys[0]).toContain('af-1');
  });
});
