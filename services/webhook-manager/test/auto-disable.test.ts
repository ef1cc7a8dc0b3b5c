import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Counter } from 'prom-client';
import { Receiver, TestEnv, accountEvent, channelEvent, eventually, fastFlags, newId, sleep, type Replica } from './harness.js';

async function failuresCounted(replica: Replica): Promise<number> {
  const metric = replica.shared.registry.getSingleMetric('webhook_deliveries_total') as Counter | undefined;
  const values = (await metric?.get())?.values ?? [];
  return values.filter((value) => value.labels.result === 'failure').reduce((sum, value) => sum + value.value, 0);
}

/**
 * Kazoo's disabler, but counted in Redis: failures seen by different replicas add up,
 * six within the minute turn the hook off with a reason and a notification, and
 * re-enabling brings it back (bulk re-enable only for what the disabler turned off).
 */
describe('auto-disable across replicas', () => {
  const env = new TestEnv();
  const receiver = new Receiver();
  const account = newId();
  let failing = true;

  beforeAll(async () => {
    receiver.respond = (request) => (request.path === '/fail' && failing ? { status: 500 } : { status: 200 });
    await receiver.start();
  });

  afterAll(async () => {
    await receiver.close();
    await env.cleanup();
  }, 60_000);

  it('6 failures within the window, 3 on each of two replicas sharing Redis, disable the hook; re-enabling restores it', async () => {
    const a = await env.startReplica(fastFlags);
    await env.publish('customer-manager', 'account_created', accountEvent(account));
    const client = await env.rpc();
    const hook = await client.call('createWebhook', {
      params: { account_id: account },
      body: { name: 'fragile', uri: receiver.url('/fail'), hook: 'channel_create', format: 'json', retries: 1 },
    });
    const manual = await client.call('createWebhook', { params: { account_id: account }, body: { name: 'off by hand', uri: receiver.url('/manual'), hook: 'channel_create' } });
    await client.call('patchWebhook', { params: { account_id: account, id: manual.id }, body: { enabled: false } });
    await client.call('createWebhook', {
      params: { account_id: account },
      body: { name: 'notices', uri: receiver.url('/notices'), hook: 'notifications', format: 'json', custom_data: { type: 'webhook_disabled' } },
    });

    for (let i = 0; i < 3; i++) await env.publish('call-manager', 'channel_create', channelEvent(account, newId()));
    await eventually('three failures on replica A', async () => (await failuresCounted(a)) === 3);

    const b = await env.startReplica(fastFlags);
    await a.stop();
    for (let i = 0; i < 2; i++) await env.publish('call-manager', 'channel_create', channelEvent(account, newId()));
    await eventually('two failures on replica B', async () => (await failuresCounted(b)) === 2);
    await sleep(300);
    expect((await client.call('getWebhook', { params: { account_id: account, id: hook.id } })).enabled).toBe(true);

    await env.publish('call-manager', 'channel_create', channelEvent(account, newId()));
    const disabled = await eventually('disabled', async () => {
      const current = await client.call('getWebhook', { params: { account_id: account, id: hook.id } });
      return current.enabled ? undefined : current;
    });
    expect(await failuresCounted(b)).toBe(3);
    expect(disabled.disable_reason).toBe('too many failed attempts');
    expect(disabled.disabled_at).not.toBeNull();

    const [notice] = await eventually('webhook_disabled notification', () => (receiver.on('/notices').length > 0 ? receiver.on('/notices') : undefined));
    expect(JSON.parse(notice!.body)).toMatchObject({ type: 'webhook_disabled', account_id: account, hook_id: hook.id, reason: 'too many failed attempts', failures: 6 });
    // Kazoo's notification fields, beside ours (webhooks/doc/events/notifications.md).
    expect(JSON.parse(notice!.body)).toMatchObject({ event_category: 'notification', event_name: 'webhook_disabled', account_id: account, hook_id: hook.id });
    expect(notice!.headers['x-hook-event']).toBe('webhook_disabled');

    // A disabled hook is not fired.
    const failsSoFar = receiver.on('/fail').length;
    await env.publish('call-manager', 'channel_create', channelEvent(account, newId()));
    await sleep(500);
    expect(receiver.on('/fail')).toHaveLength(failsSoFar);
    const metrics = await b.shared.registry.metrics();
    expect(metrics).toMatch(/webhook_auto_disabled_total\{service="webhook-manager"\} 1/);
    await eventually('disabled-hooks gauge', async () => /webhook_disabled_hooks\{service="webhook-manager"\} 1\b/.test(await b.shared.registry.metrics()));
    expect(await b.shared.registry.metrics()).toMatch(/webhook_deliveries_total\{service="webhook-manager",result="failure"\} 3/);

    // Bulk re-enable turns back on what the disabler turned off, not what a person did.
    failing = false;
    const reenabled = await client.call('reenableWebhooks', { params: { account_id: account }, body: { 're-enable': true } });
    expect(reenabled.result.map((each) => each.id)).toEqual([hook.id]);
    expect(reenabled.result[0]).toMatchObject({ enabled: true, disable_reason: null });
    expect((await client.call('getWebhook', { params: { account_id: account, id: manual.id } })).enabled).toBe(false);
    await eventually('gauge back to 0', async () => /webhook_disabled_hooks\{service="webhook-manager"\} 0\b/.test(await b.shared.registry.metrics()));

    const callId = newId();
    await env.publish('call-manager', 'channel_create', channelEvent(account, callId));
    await eventually('delivered again', () => receiver.on('/fail').some((each) => JSON.parse(each.body).call_id === callId));
    // The failure count started again from zero: one more failure does not disable it.
    failing = true;
    await env.publish('call-manager', 'channel_create', channelEvent(account, newId()));
    await eventually('one more failure', async () => (await failuresCounted(b)) === 4);
    await sleep(300);
    expect((await client.call('getWebhook', { params: { account_id: account, id: hook.id } })).enabled).toBe(true);
    failing = false;
  }, 60_000);

  it('parks what was pending while the hook was off and resumes it when the hook is saved with enabled: true', async () => {
    const owner = newId();
    await env.publish('customer-manager', 'account_created', accountEvent(owner));
    const client = await env.rpc();
    // A per-account threshold: two failures disable.
    await client.call('updateWebhookSettings', { params: { account_id: owner }, body: { attempt_failure_count: 2 } });
    let down = true;
    receiver.respond = (request) => (request.path === '/parked' && down ? { status: 502 } : { status: 200 });
    const hook = await client.call('createWebhook', {
      params: { account_id: owner },
      body: { name: 'parked', uri: receiver.url('/parked'), hook: 'channel_create', format: 'json', retries: 5 },
    });
    const callId = newId();
    await env.publish('call-manager', 'channel_create', channelEvent(owner, callId));
    await eventually('disabled after two tries', async () => !(await client.call('getWebhook', { params: { account_id: owner, id: hook.id } })).enabled);
    await eventually('parked', async () => (await env.sql<{ state: string }>('SELECT state FROM webhook_deliveries WHERE hook_id = ?', [hook.id]))[0]?.state === 'parked');
    expect(receiver.on('/parked')).toHaveLength(2);

    down = false;
    const saved = await client.call('patchWebhook', { params: { account_id: owner, id: hook.id }, body: { enabled: true } });
    expect(saved).toMatchObject({ enabled: true, disable_reason: null });
    const resumed = await eventually('resumed', () => receiver.on('/parked').find((each, index) => index >= 2 && JSON.parse(each.body).call_id === callId));
    expect(resumed.headers['x-event-id']).toBe(receiver.on('/parked')[0]!.headers['x-event-id']);
  }, 60_000);
});
