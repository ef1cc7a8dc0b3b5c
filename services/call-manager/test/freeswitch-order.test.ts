import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CallEnv, eventually } from './harness.js';

/**
 * What call-manager must do for FreeSWITCH itself, which esl-sim now imitates where it
 * is strict: uuid_broadcast's argument splitting, echo and uuid_break, uuid_bridge of a
 * caller without media, and the disconnect notice before CHANNEL_HANGUP.
 */
describe('on FreeSWITCH', () => {
  const env = new CallEnv();

  beforeAll(async () => {
    await env.start();
    env.usesDelay(300);
    env.sim.setDestination('+15557000', { answer: 'answer', after_ms: 300 });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  it('speaks a live talk exactly, whatever the text holds (spaces, quotes, pipes, commas, line breaks, non-ASCII)', async () => {
    // In a conference, which runs what is queued for the channel (a sleep would hold it back).
    await env.flow('3001', [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'conference_join', option: { conference_id: 'room-talk' } },
    ]);
    const uuid = env.sim.placeCall({ from: '1301', to: '3001' });
    const call = await env.callUntil((await env.callOfChannel(uuid)).id, 'in the conference', (c) => c.action?.id === 'a2');
    await eventually('a member', () => env.simCall(uuid).applications.some((app) => app.name === 'conference'));
    const text = "it's a test, with | pipes,\nline breaks and ünïcode";
    await env.calls.call('talk', { params: { id: call.id }, body: { account_id: 'acct-test', text } });
    await env.calls.call('talk', { params: { id: call.id }, body: { account_id: 'acct-test', text: 'two words' } });
    const spoken = await eventually('both spoken', () => {
      const speaks = env.simCall(uuid).applications.filter((app) => app.name === 'speak');
      return speaks.length === 2 ? speaks : undefined;
    });
    expect(spoken.map((app) => app.arg)).toEqual([`flite|slt|${text}`, 'flite|slt|two words']);
    await env.calls.call('hangupCall', { params: { id: call.id }, body: {} });
  });

  it('ends a timed echo before the next action starts', async () => {
    await env.flow('3002', [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'echo', option: { duration: 300 } },
      { id: 'a3', type: 'sleep', option: { duration: 600000 } },
    ]);
    const uuid = env.sim.placeCall({ from: '1302', to: '3002' });
    const call = await env.callUntil((await env.callOfChannel(uuid)).id, 'after the echo', (c) => c.action?.id === 'a3');
    await eventually('sleeping', () => env.simCall(uuid).applications.some((app) => app.name === 'sleep'));
    const echo = env.simCall(uuid).applications.find((app) => app.name === 'echo');
    expect(echo?.response).not.toBeNull();
    await env.calls.call('hangupCall', { params: { id: call.id }, body: {} });
  });

  it('ends an echo moved on from by force before the next action starts', async () => {
    await env.flow('3005', [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'echo', option: { duration: 600000 } },
      { id: 'a3', type: 'sleep', option: { duration: 600000 } },
    ]);
    const uuid = env.sim.placeCall({ from: '1305', to: '3005' });
    const call = await env.callUntil((await env.callOfChannel(uuid)).id, 'echoing', (c) => c.action?.id === 'a2');
    await eventually('echo running', () => env.simCall(uuid).applications.some((app) => app.name === 'echo'));
    await env.calls.call('actionNext', { params: { id: call.id }, body: { force: true } });
    await env.callUntil(call.id, 'after the echo', (c) => c.action?.id === 'a3');
    await eventually('sleeping', () => env.simCall(uuid).applications.some((app) => app.name === 'sleep'));
    expect(env.simCall(uuid).applications.find((app) => app.name === 'echo')?.response).not.toBeNull();
    await env.calls.call('hangupCall', { params: { id: call.id }, body: {} });
  });

  it('connects a caller that was never answered', async () => {
    await env.flow('3003', [
      { id: 'connect', type: 'connect', option: { source: { type: 'tel', target: '3003' }, destinations: [{ type: 'tel', target: '+15557000' }] } },
    ]);
    const uuid = env.sim.placeCall({ from: '1303', to: '3003' });
    const master = await env.callOfChannel(uuid);
    const withLeg = await env.callUntil(master.id, 'a chained call', (call) => call.chained_call_ids.length === 1);
    const leg = await env.getCall(withLeg.chained_call_ids[0]!);
    await eventually('both legs bridged', () => env.simCall(uuid).bridged_to === leg.channel_id);
    expect(env.simCall(uuid).answered).toBe(true);
    env.sim.hangup(leg.channel_id);
    const ended = await env.callUntil(leg.id, 'hung up', (call) => call.status === 'hangup');
    expect(ended).toMatchObject({ hangup_by: 'remote', hangup_cause: 'NORMAL_CLEARING' });
  });

  it("records the switch's hangup cause when the caller hangs up", async () => {
    await env.flow('3004', [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'sleep', option: { duration: 600000 } },
    ]);
    const uuid = env.sim.placeCall({ from: '1304', to: '3004' });
    const call = await env.callUntil((await env.callOfChannel(uuid)).id, 'sleeping', (c) => c.action?.id === 'a2');
    env.sim.hangup(uuid, { cause: 'NORMAL_CLEARING' });
    const ended = await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    expect(ended).toMatchObject({ hangup_by: 'remote', hangup_reason: 'normal', hangup_cause: 'NORMAL_CLEARING' });
  });
});
