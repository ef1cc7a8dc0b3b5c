import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Counter } from 'prom-client';
import { Receiver, TestEnv, accountEvent, channelEvent, eventually, fastFlags, newId, type Replica } from './harness.js';

async function counted(replica: Replica, name: string, label?: [string, string]): Promise<number> {
  const metric = replica.shared.registry.getSingleMetric(name) as Counter | undefined;
  const values = (await metric?.get())?.values ?? [];
  return values.filter((value) => !label || value.labels[label[0]] === label[1]).reduce((sum, value) => sum + value.value, 0);
}

/**
 * Several replicas: one takes events at a time (so a call's events reach the outbox in
 * order), all of them deliver, and when the one taking events goes another takes over.
 */
describe('several replicas', () => {
  const env = new TestEnv();
  const receiver = new Receiver();
  const account = newId();

  beforeAll(async () => {
    receiver.respond = () => ({ status: 200, delayMs: 5 });
    await receiver.start();
  });

  afterAll(async () => {
    await receiver.close();
    await env.cleanup();
  }, 60_000);

  function sequences(calls: string[]): Record<string, number[]> {
    const firsts: Record<string, number[]> = Object.fromEntries(calls.map((call) => [call, []]));
    const seen = new Set<string>();
    for (const request of receiver.on('/replicas')) {
      const body = JSON.parse(request.body) as { call_id: string; custom_channel_vars: { seq: number } };
      const eventId = String(request.headers['x-event-id']);
      if (seen.has(eventId) || !(body.call_id in firsts)) continue;
      seen.add(eventId);
      firsts[body.call_id]!.push(body.custom_channel_vars.seq);
    }
    return firsts;
  }

  it('one replica takes the events, both deliver, and each call stays in order; a standby takes over', async () => {
    const a = await env.startReplica(fastFlags);
    const b = await env.startReplica(fastFlags);
    await env.publish('customer-manager', 'account_created', accountEvent(account));
    const client = await env.rpc();
    await client.call('createWebhook', { params: { account_id: account }, body: { name: 'replicas', uri: receiver.url('/replicas'), hook: 'channel_answer', format: 'json' } });

    const calls = Array.from({ length: 8 }, () => newId());
    const perCall = 25;
    for (let n = 0; n < perCall; n++) {
      await Promise.all(calls.map((call) => env.publish('call-manager', 'channel_answer', channelEvent(account, call, { custom_channel_vars: { seq: n } }))));
    }
    await eventually('all delivered', () => Object.values(sequences(calls)).every((seq) => seq.length === perCall), 30_000);
    for (const seq of Object.values(sequences(calls))) expect(seq).toEqual(Array.from({ length: perCall }, (_, n) => n));

    const takenByA = await counted(a, 'events_consumed_total', ['type', 'channel_answer']);
    const takenByB = await counted(b, 'events_consumed_total', ['type', 'channel_answer']);
    expect(takenByA + takenByB).toBe(calls.length * perCall);
    expect(Math.min(takenByA, takenByB)).toBe(0);
    expect(await counted(a, 'webhook_deliveries_total', ['result', 'success'])).toBeGreaterThan(0);
    expect(await counted(b, 'webhook_deliveries_total', ['result', 'success'])).toBeGreaterThan(0);

    // The replica taking events goes; the other takes over and keeps the order.
    const [active, standby] = takenByA > 0 ? [a, b] : [b, a];
    await active.stop();
    const more = Array.from({ length: 4 }, () => newId());
    for (let n = 0; n < 10; n++) {
      await Promise.all(more.map((call) => env.publish('call-manager', 'channel_answer', channelEvent(account, call, { custom_channel_vars: { seq: n } }))));
    }
    await eventually('delivered by the standby', () => Object.values(sequences(more)).every((seq) => seq.length === 10), 30_000);
    for (const seq of Object.values(sequences(more))) expect(seq).toEqual(Array.from({ length: 10 }, (_, n) => n));
    expect(await counted(standby, 'events_consumed_total', ['type', 'channel_answer'])).toBe(more.length * 10);
  }, 90_000);
});
