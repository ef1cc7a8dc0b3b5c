import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Receiver, TestEnv, accountEvent, channelEvent, eventually, newId, sleep } from './harness.js';

/** The outbox and the broker's durable queues carry work across a restart of webhook-manager. */
describe('an event survives a webhook-manager restart', () => {
  const env = new TestEnv();
  const receiver = new Receiver();
  const account = newId();
  let up = false;
  // Retries a second or so apart, so that a replica can be stopped while one is pending.
  const flags = ['-webhook_allow_private', '-webhook_retry_base_ms', '1500', '-webhook_retry_max_ms', '3000', '-webhook_sweep_interval_ms', '500'];

  beforeAll(async () => {
    receiver.respond = () => (up ? { status: 200 } : { status: 503 });
    await receiver.start();
  });

  afterAll(async () => {
    await receiver.close();
    await env.cleanup();
  }, 60_000);

  it('stopped mid-retry, a new instance on the same database and broker delivers the event', async () => {
    const first = await env.startReplica(flags);
    await env.publish('customer-manager', 'account_created', accountEvent(account));
    const client = await env.rpc();
    const hook = await client.call('createWebhook', {
      params: { account_id: account },
      body: { name: 'restart', uri: receiver.url('/restart'), hook: 'channel_create', format: 'json', retries: 5 },
    });
    const callId = newId();
    await env.publish('call-manager', 'channel_create', channelEvent(account, callId));
    await eventually('first try failed', () => receiver.on('/restart').length === 1);
    await first.stop();
    up = true;
    // The retry falls due while no replica runs; it waits in the broker.
    await sleep(3500);
    expect(receiver.on('/restart')).toHaveLength(1);
    const rows = await env.sql<{ state: string; try_count: number }>('SELECT state, try_count FROM webhook_deliveries WHERE hook_id = ?', [hook.id]);
    expect(rows).toEqual([{ state: 'pending', try_count: 1 }]);

    const second = await env.startReplica(flags);
    const [failed, delivered] = await eventually('delivered by the new instance', () => (receiver.on('/restart').length >= 2 ? receiver.on('/restart') : undefined));
    expect(delivered!.headers['x-event-id']).toBe(failed!.headers['x-event-id']);
    expect(delivered!.headers['x-webhook-attempt']).toBe('2');
    expect(JSON.parse(delivered!.body)).toMatchObject({ call_id: callId, hook_event: 'channel_create' });
    await eventually('done', async () => (await env.sql<{ state: string }>('SELECT state FROM webhook_deliveries WHERE hook_id = ?', [hook.id]))[0]?.state === 'done');
    await second.stop();
  }, 60_000);

  it('events published while no replica runs wait in the durable queue and are delivered once one starts', async () => {
    // No replica runs now.
    const callId = newId();
    await env.publish('call-manager', 'channel_create', channelEvent(account, callId));
    const before = receiver.on('/restart').length;
    await sleep(300);
    expect(receiver.on('/restart')).toHaveLength(before);
    await env.startReplica(flags);
    const delivered = await eventually('queued event delivered', () => receiver.on('/restart').find((each) => JSON.parse(each.body).call_id === callId));
    expect(delivered.headers['x-webhook-attempt']).toBe('1');
  }, 60_000);
});
