import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { privateRabbitAvailable, startPrivateRabbit, type PrivateRabbit } from '@voxmesh/testkit';
import { CallEnv, eventually, sleep } from './harness.js';

/**
 * Calls that arrive while the broker is away: call-manager cannot ask flow-manager for
 * their route, so it holds them ringing and routes them once the broker is back, within
 * `-route_hold_max_ms`; past that a call is rejected with a recorded reason. The broker
 * is a node of this test's own, stopped and started under the running services.
 */
const describeWithRabbit = privateRabbitAvailable() ? describe : describe.skip;

describeWithRabbit('calls arriving while the broker is away', () => {
  const env = new CallEnv();
  let rabbit: PrivateRabbit;
  const number = '+15550700';

  const holds = (outcome: string) => env.callManager!.metrics.routeHolds.cell([outcome]).value;
  const applications = (uuid: string) => env.simCall(uuid).applications.map((app) => app.name);

  beforeAll(async () => {
    rabbit = await startPrivateRabbit({ name: 'hold' });
    await env.start({ rabbitUrl: rabbit.url, callFlags: ['-route_hold_max_ms', '12000'], platformFlags: ['-fetch_allow_loopback'] });
    await env.flow(number, [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'talk', option: { text: 'you were held', language: 'en-US' } },
      { id: 'a3', type: 'hangup' },
    ]);
  }, 150_000);

  afterAll(async () => {
    await env.close().catch(() => undefined);
    await rabbit?.stop();
  }, 60_000);

  it('holds them ringing and runs their flows once the broker is back; a caller who gives up meanwhile just ends', async () => {
    const before = env.sim.placeCall({ from: '+15551000', to: number });
    await eventually('the call before the outage to run its flow', () => env.simCall(before).hangup_cause === 'NORMAL_CLEARING');

    // A broker restart of about 2.5 s under 15 new calls a second, the case that used to
    // reject every call arriving meanwhile.
    await rabbit.stopApp();
    const stoppedAt = Date.now();
    const held: string[] = [];
    for (let i = 0; Date.now() - stoppedAt < 2500; i++) {
      held.push(env.sim.placeCall({ from: `+1555200${String(i).padStart(4, '0')}`, to: number }));
      await sleep(1000 / 15);
    }
    const quitter = held.pop()!;
    await eventually('every call to be held', () => holds('held') === held.length + 1, 5_000);
    env.sim.hangup(quitter, { cause: 'ORIGINATOR_CANCEL' });
    for (const uuid of held) {
      expect(env.simCall(uuid).hangup_cause).toBeNull();
      expect(applications(uuid)).toEqual(['socket']);
    }
    await rabbit.startApp();

    for (const uuid of held) {
      await eventually(`held call ${uuid} to run its flow`, () => env.simCall(uuid).hangup_cause === 'NORMAL_CLEARING', 20_000);
      expect(applications(uuid)).toEqual(['socket', 'answer', 'speak', 'hangup']);
      const call = await env.callOfChannel(uuid);
      expect(await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup')).toMatchObject({ hangup_reason: 'normal', hangup_cause: 'NORMAL_CLEARING', errors: [] });
    }
    expect(env.simCall(quitter).hangup_cause).toBe('ORIGINATOR_CANCEL');
    expect(applications(quitter)).toEqual(['socket']);
    await eventually('the quitter to be counted gone', () => holds('gone') === 1, 10_000);
    expect(held.length).toBeGreaterThanOrEqual(30);
    expect(holds('routed')).toBe(held.length);
    expect(holds('rejected')).toBe(0);
  }, 90_000);

  it('lets a running call wait at an action boundary until the broker is back, then goes on with its flow', async () => {
    const gather = '+15550701';
    await env.flow(gather, [
      { id: 'g1', type: 'answer' },
      { id: 'g2', type: 'digits_receive', option: { duration: 1_000_000, length: 1 } },
      { id: 'g3', type: 'talk', option: { text: 'after the outage', language: 'en-US' } },
      { id: 'g4', type: 'hangup' },
    ]);
    const uuid = env.sim.placeCall({ from: '+15552500', to: gather });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'gathering digits', (c) => c.action?.type === 'digits_receive');
    await rabbit.stopApp();
    try {
      // The digit ends the action while the broker is away: the next one cannot be asked for yet.
      await env.sim.sendDtmf(uuid, { digits: '5' });
      await sleep(2500);
      expect(env.simCall(uuid).hangup_cause).toBeNull();
      expect(applications(uuid)).not.toContain('speak');
    } finally {
      await rabbit.startApp();
    }
    await eventually('the call to go on with its flow', () => env.simCall(uuid).hangup_cause === 'NORMAL_CLEARING', 20_000);
    expect(applications(uuid).slice(-2)).toEqual(['speak', 'hangup']);
    expect(await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup')).toMatchObject({ hangup_reason: 'normal', errors: [] });
  }, 90_000);

  it('runs the action flow-manager moved to when the answer to its next was lost with the broker', async () => {
    // flow-manager is inside the step (a fetch of ours) when the broker goes: it finishes
    // the step, moving the activeflow on, but its answer has no connection to go back on.
    let arrived!: () => void;
    const fetched = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const server: Server = createServer((_request, response) => {
      arrived();
      void released.then(() => response.setHeader('content-type', 'application/json').end('[]'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const lost = '+15550702';
      await env.flow(lost, [
        { id: 'f1', type: 'answer' },
        { id: 'f2', type: 'fetch', option: { event_url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/next`, timeout_ms: 30_000 } },
        { id: 'f3', type: 'talk', option: { text: 'not skipped', language: 'en-US' } },
        { id: 'f4', type: 'hangup' },
      ]);
      const uuid = env.sim.placeCall({ from: '+15552600', to: lost });
      await fetched;
      await rabbit.stopApp();
      try {
        release();
        await sleep(1500);
        expect(applications(uuid)).toEqual(['socket', 'answer']);
      } finally {
        await rabbit.startApp();
      }
      await eventually('the call to go on with its flow', () => env.simCall(uuid).hangup_cause === 'NORMAL_CLEARING', 20_000);
      expect(applications(uuid)).toEqual(['socket', 'answer', 'speak', 'hangup']);
      expect(env.simCall(uuid).applications.find((app) => app.name === 'speak')?.arg).toContain('not skipped');
      const call = await env.callOfChannel(uuid);
      expect(await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup')).toMatchObject({ hangup_reason: 'normal', errors: [] });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }, 90_000);

  it('rejects a call held longer than -route_hold_max_ms, recording why', async () => {
    await env.stopCallManager();
    await env.startCallManager(['-route_hold_max_ms', '1500']);
    await rabbit.stopApp();
    let uuid: string;
    try {
      uuid = env.sim.placeCall({ from: '+15553000', to: number });
      const placedAt = Date.now();
      await eventually('the held call to be rejected', () => env.simCall(uuid).hangup_cause !== null, 10_000);
      const heldMs = Date.now() - placedAt;
      expect(heldMs).toBeGreaterThanOrEqual(1400);
      expect(env.simCall(uuid).hangup_cause).toBe('NORMAL_TEMPORARY_FAILURE');
      expect(applications(uuid)).not.toContain('answer');
      expect(holds('held')).toBe(1);
      expect(holds('rejected')).toBe(1);
    } finally {
      await rabbit.startApp();
    }
    const call = await env.callOfChannel(uuid);
    expect(await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup')).toMatchObject({
      direction: 'incoming',
      hangup_reason: 'failed',
      hangup_cause: 'NORMAL_TEMPORARY_FAILURE',
      activeflow_id: '',
    });
  }, 90_000);

  it('rejects at once with -route_hold_max_ms 0, as before', async () => {
    await env.stopCallManager();
    await env.startCallManager(['-route_hold_max_ms', '0']);
    await rabbit.stopApp();
    try {
      const uuid = env.sim.placeCall({ from: '+15554000', to: number });
      await eventually('the call to be rejected', () => env.simCall(uuid).hangup_cause === 'NORMAL_TEMPORARY_FAILURE', 3_000);
      expect(holds('held')).toBe(0);
    } finally {
      await rabbit.startApp();
    }
  }, 60_000);
});
