import { describe, expect, it } from '@jest/globals';
import type { EslEvent } from '../src/index.js';
import { switchUnderTest } from './helpers/switch-under-test.js';

/**
 * The bridge application ringing several endpoints as switch_ivr_originate does:
 * `,` together, `|` in turn, per-leg `leg_timeout` and `leg_delay_start`, the group's
 * `originate_timeout` with `originate_continue_on_timeout`, and `ignore_early_media`.
 */
describe('bridge dial strings with several endpoints', () => {
  const sw = switchUnderTest({ timeScale: 0.01 });

  const execute = (uuid: string, app: string, arg: string): Promise<EslEvent> => sw.execute(uuid, app, arg, 10_000);
  const caller = async () => {
    const uuid = sw.sim.placeCall({ from: '1000', to: '2000' });
    await execute(uuid, 'set', 'continue_on_fail=true');
    return uuid;
  };
  const legTo = (user: string) => sw.sim.listCalls().find((c) => c.to === user && c.direction === 'outbound');
  const ms = (iso: string) => Date.parse(iso);

  it('ends a leg at its own leg_timeout with ALLOTTED_TIMEOUT and lets the next group ring without originate_continue_on_timeout', async () => {
    sw.sim.setDestination('alice', { answer: 'no_answer' });
    sw.sim.setDestination('bob', { answer: 'answer', after_ms: 500 });
    const uuid = await caller();
    const bridging = execute(uuid, 'bridge', '[leg_timeout=2]user/alice|user/bob');
    const bridge = await sw.log.waitForEvent('CHANNEL_BRIDGE', uuid, undefined, 10_000);
    expect(sw.sim.getCall(bridge.get('Bridge-B-Unique-ID')!).to).toBe('bob');
    expect(legTo('alice')).toMatchObject({ hangup_cause: 'ALLOTTED_TIMEOUT' });
    sw.sim.hangup(uuid);
    await bridging;
  });

  it('stops the failover when a group reaches originate_timeout, unless originate_continue_on_timeout', async () => {
    sw.sim.setDestination('alice', { answer: 'no_answer' });
    sw.sim.setDestination('bob', { answer: 'answer', after_ms: 500 });
    const stops = await caller();
    const failed = await execute(stops, 'bridge', '{originate_timeout=2}user/alice|user/bob');
    expect(failed.get('variable_originate_disposition')).toBe('NO_ANSWER');
    expect(failed.get('variable_DIALSTATUS')).toBe('NOANSWER');
    expect(legTo('bob')).toBeUndefined();

    const goesOn = await caller();
    const bridging = execute(goesOn, 'bridge', '{originate_timeout=2,originate_continue_on_timeout=true}user/alice|user/bob');
    const bridge = await sw.log.waitForEvent('CHANNEL_BRIDGE', goesOn, undefined, 10_000);
    expect(sw.sim.getCall(bridge.get('Bridge-B-Unique-ID')!).to).toBe('bob');
    sw.sim.hangup(goesOn);
    await bridging;
  });

  it('checks the group limit before a leg limit of the same length, as the switch counts whole seconds', async () => {
    sw.sim.setDestination('alice', { answer: 'no_answer' });
    const uuid = await caller();
    const failed = await execute(uuid, 'bridge', '{originate_timeout=2}[leg_timeout=2]user/alice');
    expect(failed.get('variable_originate_disposition')).toBe('NO_ANSWER');
    expect(legTo('alice')).toMatchObject({ hangup_cause: 'NO_ANSWER' });
  });

  it('holds a leg back by leg_delay_start, its leg_timeout counted from then', async () => {
    sw.sim.setDestination('alice', { answer: 'no_answer' });
    sw.sim.setDestination('bob', { answer: 'no_answer' });
    const uuid = await caller();
    const failed = await execute(uuid, 'bridge', '[leg_timeout=8]user/alice,[leg_delay_start=3,leg_timeout=2]user/bob');
    const alice = legTo('alice')!;
    const bob = legTo('bob')!;
    // Simulated time: bob is placed 3 s after alice and gives up 2 s later, before alice does.
    // Both are counted from the group's start, as the switch counts them: a timer that
    // fires late (a busy machine, at a hundredth of real time) moves neither earlier.
    expect(ms(bob.created_at) - ms(alice.created_at)).toBeGreaterThanOrEqual(2900);
    expect(ms(bob.hangup_at!) - ms(alice.created_at)).toBeGreaterThanOrEqual(4900);
    expect(ms(bob.hangup_at!)).toBeLessThan(ms(alice.hangup_at!));
    expect([alice.hangup_cause, bob.hangup_cause]).toEqual(['ALLOTTED_TIMEOUT', 'ALLOTTED_TIMEOUT']);
    // The cause is the first leg's, in dial-string order.
    expect(failed.get('variable_originate_disposition')).toBe('ALLOTTED_TIMEOUT');
  });

  it('brings a held leg forward once no leg without a delay is left', async () => {
    sw.sim.setDestination('alice', { answer: 'busy', after_ms: 500 });
    sw.sim.setDestination('bob', { answer: 'answer', after_ms: 500 });
    const uuid = await caller();
    const bridging = execute(uuid, 'bridge', 'user/alice,[leg_delay_start=30]user/bob');
    const bridge = await sw.log.waitForEvent('CHANNEL_BRIDGE', uuid, undefined, 10_000);
    const bob = sw.sim.getCall(bridge.get('Bridge-B-Unique-ID')!);
    const alice = legTo('alice')!;
    expect(bob.to).toBe('bob');
    expect(ms(bob.created_at) - ms(alice.created_at)).toBeLessThan(5000);
    sw.sim.hangup(uuid);
    await bridging;
  });

  it('the first of simultaneous legs to answer wins and the others stop ringing with LOSE_RACE', async () => {
    sw.sim.setDestination('alice', { answer: 'answer', after_ms: 3000 });
    sw.sim.setDestination('bob', { answer: 'answer', after_ms: 1000 });
    const uuid = await caller();
    const bridging = execute(uuid, 'bridge', '[leg_timeout=20]user/alice,[leg_timeout=20]user/bob');
    const bridge = await sw.log.waitForEvent('CHANNEL_BRIDGE', uuid, undefined, 10_000);
    expect(sw.sim.getCall(bridge.get('Bridge-B-Unique-ID')!).to).toBe('bob');
    expect((await sw.sim.waitForCall(legTo('alice')!.uuid, (c) => c.destroyed)).hangup_cause).toBe('LOSE_RACE');
    sw.sim.hangup(uuid);
    await bridging;
  });

  it('gives the caller ringing, not early media, with ignore_early_media', async () => {
    sw.sim.setDestination('carol', { answer: 'no_answer', early_media: true });
    const ignoring = await caller();
    await execute(ignoring, 'bridge', '{ignore_early_media=true,originate_timeout=1}user/carol');
    expect(sw.log.of(ignoring)).toContain('CHANNEL_PROGRESS');
    expect(sw.log.of(ignoring)).not.toContain('CHANNEL_PROGRESS_MEDIA');
    const hearing = await caller();
    await execute(hearing, 'bridge', '{originate_timeout=1}user/carol');
    expect(sw.log.of(hearing)).toContain('CHANNEL_PROGRESS_MEDIA');
  });

  it('lets one number behave apart per carrier host, and fails over to the next carrier with `|`', async () => {
    sw.sim.setDestination('+15551230000@sip.carrier-a.example', { answer: 'busy', after_ms: 200 });
    sw.sim.setDestination('+15551230000', { answer: 'answer', after_ms: 300 });
    const uuid = await caller();
    const bridging = execute(uuid, 'bridge', 'sofia/external/+15551230000@sip.carrier-a.example|sofia/external/+15551230000@sip.carrier-b.example');
    const bridge = await sw.log.waitForEvent('CHANNEL_BRIDGE', uuid, undefined, 10_000);
    expect(sw.sim.getCall(bridge.get('Bridge-B-Unique-ID')!).variables.channel_name).toBe('sofia/external/+15551230000@sip.carrier-b.example');
    const first = sw.sim.listCalls().find((c) => c.variables.channel_name === 'sofia/external/+15551230000@sip.carrier-a.example')!;
    expect(first.hangup_cause).toBe('USER_BUSY');
    sw.sim.hangup(uuid);
    await bridging;
  });

  it('with group_confirm_key on a leg, its callee must key it in before it wins; a wrong key is asked again; the others ring on', async () => {
    sw.sim.setDestination('alice', { answer: 'answer', after_ms: 200 });
    sw.sim.setDestination('bob', { answer: 'no_answer' });
    const uuid = await caller();
    const bridging = execute(uuid, 'bridge', '[group_confirm_key=1,group_confirm_read_timeout=60000,group_confirm_file=tone_stream://%(200,0,440),group_confirm_error_file=tone_stream://%(100,0,480)]user/alice,user/bob');
    const alice = await sw.log.waitForEvent('CHANNEL_ANSWER', undefined, (event) => event.get('Caller-Destination-Number') === 'alice', 10_000);
    const aliceUuid = alice.get('Unique-ID')!;
    const prompts = () => sw.log.events.filter((event) => event.name === 'PLAYBACK_START' && event.get('Unique-ID') === aliceUuid).map((event) => event.get('Playback-File-Path'));
    await sw.log.waitForEvent('PLAYBACK_START', aliceUuid, undefined, 10_000);
    await sw.sim.sendDtmf(aliceUuid, { digits: '2' });
    await sw.log.waitForEvent('PLAYBACK_START', aliceUuid, (event) => event.get('Playback-File-Path') === 'tone_stream://%(100,0,480)', 10_000);
    expect(sw.sim.getCall(uuid).bridged_to).toBeNull();
    // Asked again after the error prompt: the key now makes alice the winner.
    await sw.log.waitFor(() => prompts().length >= 3, 10_000);
    expect(prompts().slice(0, 3)).toEqual(['tone_stream://%(200,0,440)', 'tone_stream://%(100,0,480)', 'tone_stream://%(200,0,440)']);
    await sw.sim.sendDtmf(aliceUuid, { digits: '1' });
    const bridge = await sw.log.waitForEvent('CHANNEL_BRIDGE', uuid, undefined, 10_000);
    expect(bridge.get('Bridge-B-Unique-ID')).toBe(aliceUuid);
    expect(legTo('bob')).toMatchObject({ hangup_cause: 'LOSE_RACE' });
    sw.sim.hangup(uuid);
    await bridging;
  });

  it('a leg whose callee never keys the confirmation in is hung up at its leg_timeout, and the next endpoint rings', async () => {
    sw.sim.setDestination('alice', { answer: 'answer', after_ms: 200 });
    sw.sim.setDestination('bob', { answer: 'answer', after_ms: 300 });
    const uuid = await caller();
    const bridging = execute(uuid, 'bridge', '{originate_continue_on_timeout=true}[leg_timeout=3,group_confirm_key=1,group_confirm_read_timeout=500]user/alice|user/bob');
    const bridge = await sw.log.waitForEvent('CHANNEL_BRIDGE', uuid, undefined, 20_000);
    expect(sw.sim.getCall(bridge.get('Bridge-B-Unique-ID')!).to).toBe('bob');
    expect(legTo('alice')).toMatchObject({ answered: true, hangup_cause: 'ALLOTTED_TIMEOUT' });
    sw.sim.hangup(uuid);
    await bridging;
  });
});
