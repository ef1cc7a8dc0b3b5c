import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Receiver, TestEnv, accountEvent, channelEvent, eventually, fastFlags, newId, sleep } from './harness.js';

/**
 * Stops and starts the machine's RabbitMQ application under a running webhook-manager,
 * so it runs alone, after every other test (the `.solo.test.ts` suffix).
 */
function rabbitmqctl(...args: string[]): void {
  execFileSync('rabbitmqctl', args, { stdio: 'ignore', timeout: 60_000 });
}

describe('webhook-manager across a broker restart', () => {
  const env = new TestEnv();
  const receiver = new Receiver();
  const account = newId();

  beforeAll(async () => {
    await receiver.start();
  });

  afterAll(async () => {
    await receiver.close();
    await env.cleanup();
  }, 60_000);

  it('delivers every event published before the broker stopped and after it came back, without a restart of the service', async () => {
    await env.startReplica(fastFlags);
    await env.publish('customer-manager', 'account_created', accountEvent(account));
    const client = await env.rpc();
    await client.call('createWebhook', {
      params: { account_id: account },
      body: { name: 'across a restart', uri: receiver.url('/restart'), hook: 'channel_create', format: 'json' },
    });
    const calls = (count: number) => Array.from({ length: count }, () => newId());
    const before = calls(300);
    for (const callId of before) await env.publish('call-manager', 'channel_create', channelEvent(account, callId));
    // Stopped while the backlog is being worked through: some events are delivered, some
    // wait in the subscribe queue, some in the outbox.
    await eventually('some delivered', () => receiver.on('/restart').length > 0);
    rabbitmqctl('stop_app');
    await sleep(1000);
    rabbitmqctl('start_app');
    const after = calls(100);
    for (const callId of after) await env.publish('call-manager', 'channel_create', channelEvent(account, callId));

    const seen = () => new Set(receiver.on('/restart').map((request) => (JSON.parse(request.body) as { call_id: string }).call_id));
    await eventually('every event delivered', () => [...before, ...after].every((callId) => seen().has(callId)), 60_000);
    // A duplicate, if any, is the same event again: the same event id for the same call.
    const idsByCall = new Map<string, Set<string>>();
    for (const request of receiver.on('/restart')) {
      const callId = (JSON.parse(request.body) as { call_id: string }).call_id;
      idsByCall.set(callId, (idsByCall.get(callId) ?? new Set()).add(String(request.headers['x-event-id'])));
    }
    expect([...idsByCall.values()].every((ids) => ids.size === 1)).toBe(true);
  }, 180_000);
});
