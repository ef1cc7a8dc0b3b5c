import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { webhookManager } from '@voxmesh/contracts';
import type { EslEvent } from '@voxmesh/esl-sim';
import { CallEnv, eventually } from './harness.js';

/**
 * What Kazoo's Pivot answers may ask of the media server: manual_presence as a PRESENCE_IN
 * event sent with sendevent, and response as the respond application.
 */
describe('presence_set and respond', () => {
  const env = new CallEnv();
  const presence: EslEvent[] = [];
  let unsubscribe: (() => void) | undefined;

  beforeAll(async () => {
    await env.start();
    unsubscribe = env.sim.subscribe((event) => {
      if (event.name === 'PRESENCE_IN') presence.push(event);
    });
  }, 60_000);

  afterAll(async () => {
    unsubscribe?.();
    await env.close();
  }, 60_000);

  it('fires PRESENCE_IN on the media server with the dialog state of the status, then goes on', async () => {
    await env.flow('+15550601', [
      { id: 'a1', type: 'presence_set', option: { presence_id: 'frontdesk@example.com', status: 'busy' } },
      { id: 'a2', type: 'presence_set', option: { presence_id: 'lobby@example.com', status: 'ringing' } },
      { id: 'a3', type: 'hangup' },
    ]);
    const uuid = env.sim.placeCall({ from: '+15552200', to: '+15550601' });
    const call = await env.callUntil((await env.callOfChannel(uuid)).id, 'hung up', (c) => c.status === 'hangup');
    expect(call.errors).toEqual([]);
    await eventually('two presence updates', () => presence.length >= 2);
    const headers = (event: EslEvent) => Object.fromEntries(event.headers.map(([name, value]) => [name, value]));
    expect(headers(presence[0]!)).toMatchObject({ 'Event-Name': 'PRESENCE_IN', from: 'frontdesk@example.com', login: 'frontdesk', event_type: 'presence', 'answer-state': 'confirmed', status: 'Busy' });
    expect(headers(presence[1]!)).toMatchObject({ from: 'lobby@example.com', 'answer-state': 'early', 'channel-state': 'CS_ROUTING' });
    // The same update, for websockets and webhooks.
    await eventually('the presence events', () => env.eventsOf('call_presence_updated').length >= 2);
    expect(env.eventsOf('call_presence_updated')).toEqual([
      expect.objectContaining({ call_id: call.id, presence_id: 'frontdesk@example.com', status: 'busy' }),
      expect.objectContaining({ call_id: call.id, presence_id: 'lobby@example.com', status: 'ringing' }),
    ]);
    // Shaped as a call event, which webhook-manager delivers with the call's others.
    for (const data of env.eventsOf('call_presence_updated')) expect(webhookManager.callEventDataSchema.safeParse(data).success).toBe(true);
    // The call goes on: the hangup ran after both.
    expect(env.simCall(uuid).applications.map((app) => app.name)).toContain('hangup');
  });

  it('answers the INVITE with 486 without answering the call', async () => {
    await env.flow('+15550602', [{ id: 'a1', type: 'respond', option: { code: 486, message: 'Busy Here' } }]);
    const uuid = env.sim.placeCall({ from: '+15552201', to: '+15550602' });
    const call = await env.callUntil((await env.callOfChannel(uuid)).id, 'hung up', (c) => c.status === 'hangup');
    expect(call.errors).toEqual([]);
    const view = env.simCall(uuid);
    expect(view.applications.map((app) => [app.name, app.arg])).toEqual([
      ['socket', expect.any(String)],
      ['respond', '486 Busy Here'],
    ]);
    expect(view.answered).toBe(false);
    expect(view.hangup_cause).toBe('USER_BUSY');
  });
});
