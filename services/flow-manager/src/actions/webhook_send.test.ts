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
});
