import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CallEnv, eventually } from './harness.js';

/** connect, orchestrated by flow-manager (reference/voipbin-flow.md §1B) and carried out here. */
describe('connect', () => {
  const env = new CallEnv();

  beforeAll(async () => {
    await env.start();
    env.sim.setDestination('+15559000', { answer: 'answer', after_ms: 2000 });
    env.sim.setDestination('+15559001', { answer: 'busy', after_ms: 1000 });
    env.sim.setDestination('+15559002', { answer: 'no_answer' });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  it('dials the destination, bridges both legs once it answers, and goes on with the flow when the callee leaves', async () => {
    await env.flow('+15550100', [
      { id: 'answer', type: 'answer' },
      { id: 'connect', type: 'connect', option: { source: { type: 'tel', target: '+15550100' }, destinations: [{ type: 'tel', target: '+15559000' }] } },
      { id: 'after', type: 'talk', option: { text: 'the other party left' } },
      { id: 'bye', type: 'hangup' },
    ]);
    const uuid = env.sim.placeCall({ from: '+15551111', to: '+15550100' });
    const master = await env.callOfChannel(uuid);
    const outgoing = await env.callUntil(master.id, 'a chained call', (call) => call.chained_call_ids.length === 1).then((call) => env.getCall(call.chained_call_ids[0]!));
    expect(outgoing).toMatchObject({ direction: 'outgoing', master_call_id: master.id, destination: { type: 'tel', target: '+15559000' } });
    const bridged = await eventually('both legs bridged', () => {
      const view = env.simCall(uuid);
      return view.bridged_to === outgoing.channel_id ? view : undefined;
    });
    expect(bridged.bridged_to).toBe(outgoing.channel_id);
    expect(env.simCall(outgoing.channel_id).bridged_to).toBe(uuid);
    const during = await env.getCall(outgoing.id);
    expect(during).toMatchObject({ status: 'progressing', confbridge_id: expect.any(String) });
    expect((await env.getCall(master.id)).confbridge_id).toBe(during.confbridge_id);
    expect(env.eventsOf('channel_bridge', (data) => data.call_id === uuid)).toEqual([expect.objectContaining({ other_leg_call_id: outgoing.channel_id, account_id: 'acct-test' })]);

    env.sim.hangup(outgoing.channel_id);
    const ended = await env.callUntil(outgoing.id, 'hung up', (call) => call.status === 'hangup');
    expect(ended).toMatchObject({ hangup_by: 'remote', hangup_reason: 'normal' });
    const after = await env.callUntil(master.id, 'hung up after its flow went on', (call) => call.status === 'hangup');
    expect(after).toMatchObject({ hangup_by: 'local', hangup_reason: 'normal' });
    const apps = env.simCall(uuid).applications.map((app) => app.name);
    expect(apps).toEqual(expect.arrayContaining(['answer', 'speak', 'hangup']));
    expect(apps.indexOf('speak')).toBeGreaterThan(apps.indexOf('answer'));
  });

  it('ends the leg to a busy destination with reason busy, and the caller goes on', async () => {
    await env.flow('+15550101', [
      { id: 'answer', type: 'answer' },
      { id: 'connect', type: 'connect', option: { destinations: [{ type: 'tel', target: '+15559001' }] } },
      { id: 'sorry', type: 'talk', option: { text: 'nobody could take your call' } },
    ]);
    const uuid = env.sim.placeCall({ from: '+15551112', to: '+15550101' });
    const master = await env.callOfChannel(uuid);
    const withLeg = await env.callUntil(master.id, 'a chained call', (call) => call.chained_call_ids.length === 1);
    const leg = await env.callUntil(withLeg.chained_call_ids[0]!, 'hung up', (call) => call.status === 'hangup');
    expect(leg).toMatchObject({ hangup_reason: 'busy', hangup_by: 'remote', hangup_cause: 'USER_BUSY' });
    expect(env.simCall(leg.channel_id).hangup_cause).toBe('USER_BUSY');
    const done = await env.callUntil(master.id, 'hung up after the apology', (call) => call.status === 'hangup');
    expect(done.hangup_reason).toBe('normal');
    expect(env.simCall(uuid).applications.map((app) => [app.name, app.arg])).toContainEqual(['speak', 'flite|slt|nobody could take your call']);
  });

  it('ends a leg that is not answered in time with reason noanswer', async () => {
    const reply = await env.calls.call('createCalls', {
      body: { account_id: 'acct-test', source: { type: 'tel', target: '+15550000' }, destinations: [{ type: 'tel', target: '+15559002' }], actions: [{ type: 'talk', option: { text: 'hello' } }], timeout: 1 },
    });
    const call = await env.callUntil(reply.calls[0]!.id, 'given up', (c) => c.status === 'hangup', 20_000);
    expect(call).toMatchObject({ hangup_reason: 'noanswer', hangup_cause: 'NO_ANSWER' });
  });

  it("gives up a connect's destination after the connect's timeout, and the caller goes on", async () => {
    await env.flow('+15550103', [
      { id: 'answer', type: 'answer' },
      { id: 'connect', type: 'connect', option: { destinations: [{ type: 'tel', target: '+15559002' }], timeout: 2000 } },
      { id: 'sorry', type: 'talk', option: { text: 'nobody answered in time' } },
    ]);
    const uuid = env.sim.placeCall({ from: '+15551114', to: '+15550103' });
    const master = await env.callOfChannel(uuid);
    const withLeg = await env.callUntil(master.id, 'a chained call', (call) => call.chained_call_ids.length === 1);
    const leg = await env.callUntil(withLeg.chained_call_ids[0]!, 'given up', (call) => call.status === 'hangup', 20_000);
    expect(leg).toMatchObject({ hangup_reason: 'noanswer', hangup_cause: 'NO_ANSWER' });
    expect(env.simCall(leg.channel_id).variables.originate_timeout).toBe('2');
    await eventually('the caller goes on', () => env.simCall(uuid).applications.some((app) => app.arg === 'flite|slt|nobody answered in time'), 20_000);
  });
});
