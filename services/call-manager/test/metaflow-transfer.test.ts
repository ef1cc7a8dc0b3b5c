import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CallEnv, eventually } from './harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Kazoo's attended transfer (konami_transfer) on esl-sim: Alice talks to Bob, presses
 * *2 and Carol's number; Bob is held with music, Alice hears ringback, then talks to
 * Carol; Alice hanging up leaves Bob with Carol, `*1` takes Bob back.
 */
describe('konami transfer, attended', () => {
  const env = new CallEnv();
  let accountId = '';
  const CAROL = '15559600';

  beforeAll(async () => {
    await env.start({ customers: true });
    accountId = (await env.customers.call('bootstrap', { body: {} })).account_id;
    const device = await env.customers.call('createDevice', { params: { account_id: accountId }, body: { name: 'alice-att', sip: { username: 'alice-att' } } });
    await env.flows.call('putOwnerMetaflows', {
      params: { account_id: accountId, owner_type: 'devices', owner_id: device.id },
      body: { patterns: { '^2(\\d+)$': { module: 'transfer', data: { takeback_dtmf: '*1', moh: 'media_id', ringback: '%(2000,4000,440,480)' } } }, digit_timeout_ms: 300 } as never,
    });
    env.sim.setDestination('+15559500', { answer: 'answer', after_ms: 100 });
    const long = { type: 'sleep', option: { duration: 86_400_000 } };
    await env.flow('5500', [{ id: 'b1', type: 'answer' }, { id: 'b2', type: 'connect', option: { destinations: [{ type: 'tel', target: '+15559500' }] } }, { id: 'b3', ...long }], accountId);
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  /** Alice (the caller, the connect's master) talks to Bob (the chained call). */
  async function aliceTalksToBob() {
    const alice = env.sim.placeCall({ from: '1001', to: '5500', variables: { sip_auth_username: 'alice-att' } });
    const master = await env.callOfChannel(alice);
    const withLeg = await env.callUntil(master.id, 'a chained call', (c) => c.chained_call_ids.length === 1);
    const bob = await env.getCall(withLeg.chained_call_ids[0]!);
    await eventually('Alice and Bob bridged', () => (env.simCall(alice).bridged_to === bob.channel_id ? true : undefined));
    return { alice, master, bob };
  }

  const carolLegs = () => env.sim.listCalls().filter((call) => call.direction === 'outbound' && call.to.includes(CAROL));
  const commands = (uuid: string) => env.simCall(uuid).apis.map((api) => `${api.command} ${api.arg}`);

  async function pressTransfer(alice: string) {
    const before = carolLegs().length;
    await env.sim.sendDtmf(alice, { digits: `*2${CAROL}`, interval_ms: 30 });
    return eventually('Carol rung', () => carolLegs()[before]);
  }

  it('holds Bob with moh while Carol rings, Alice talks to Carol, and Alice hanging up leaves Bob with Carol', async () => {
    env.sim.setDestination(CAROL, { answer: 'answer', after_ms: 400 });
    const { alice, master, bob } = await aliceTalksToBob();
    const carol = await pressTransfer(alice);
    // While Carol rings: Alice held (Bob hears her hold music, moh) and hears ringback.
    expect(commands(alice)).toEqual(expect.arrayContaining([`uuid_setvar ${alice} hold_music media_id`, `uuid_hold ${alice}`, `uuid_broadcast ${alice} 'tone_stream://%(2000,4000,440,480);loops=-1' aleg`]));

    await eventually('Alice talks to Carol', () => (env.simCall(alice).bridged_to === carol.uuid ? true : undefined));
    expect(commands(alice)).toContain(`uuid_hold off ${alice}`);
    // Bob waits, parked, with the music.
    await eventually('moh to Bob', () => commands(bob.channel_id).find((command) => command === `uuid_broadcast ${bob.channel_id} 'media_id' aleg`));
    expect(env.simCall(bob.channel_id).destroyed).toBe(false);

    env.sim.hangup(alice);
    await env.callUntil(master.id, 'Alice hung up', (c) => c.status === 'hangup');
    await eventually('Bob talks to Carol', () => (env.simCall(bob.channel_id).bridged_to === carol.uuid ? true : undefined));
    expect((await env.getCall(bob.id)).status).toBe('progressing');
    expect(env.simCall(carol.uuid).destroyed).toBe(false);
    // Carol is now Bob's other party: her hangup ends Bob's call as Alice's would have.
    env.sim.hangup(carol.uuid);
    await env.callUntil(bob.id, 'Bob hung up after Carol', (c) => c.status === 'hangup');
  });

  it('takes Bob back on *1 while Alice talks to Carol: Carol is let go', async () => {
    env.sim.setDestination(CAROL, { answer: 'answer', after_ms: 300 });
    const { alice, master, bob } = await aliceTalksToBob();
    const carol = await pressTransfer(alice);
    await eventually('Alice talks to Carol', () => (env.simCall(alice).bridged_to === carol.uuid ? true : undefined));
    await env.sim.sendDtmf(alice, { digits: '*1', interval_ms: 30 });
    await eventually('Alice back with Bob', () => (env.simCall(alice).bridged_to === bob.channel_id ? true : undefined));
    await env.sim.waitForCall(carol.uuid, (c) => c.destroyed);
    await sleep(300);
    expect((await env.getCall(master.id)).status).toBe('progressing');
    expect((await env.getCall(bob.id)).status).toBe('progressing');
    env.sim.hangup(alice);
    await env.callUntil(bob.id, 'Bob hung up with Alice', (c) => c.status === 'hangup');
  });

  it('puts Alice back with Bob when Carol does not answer', async () => {
    env.sim.setDestination(CAROL, { answer: 'busy', after_ms: 300 });
    const { alice, master, bob } = await aliceTalksToBob();
    const carol = await pressTransfer(alice);
    await env.sim.waitForCall(carol.uuid, (c) => c.destroyed);
    await eventually('Alice unheld', () => commands(alice).find((command) => command === `uuid_hold off ${alice}`));
    expect(env.simCall(alice).bridged_to).toBe(bob.channel_id);
    expect((await env.getCall(master.id)).status).toBe('progressing');
    env.sim.hangup(bob.channel_id);
  });

  /** Bob ends up talking to Carol; his hangup ends Carol's call too. */
  async function bobTalksToCarolUntilHeHangsUp(bob: string, carol: string) {
    await eventually('Bob talks to Carol', () => (env.simCall(bob).bridged_to === carol ? true : undefined), 10_000);
    env.sim.hangup(bob);
    await env.sim.waitForCall(carol, (c) => c.destroyed);
  }

  it('joins Bob and Carol once Carol answers when Alice hangs up while Carol rings (partial)', async () => {
    env.sim.setDestination(CAROL, { answer: 'answer', after_ms: 1000 });
    const { alice, bob } = await aliceTalksToBob();
    const carol = await pressTransfer(alice);
    env.sim.hangup(alice);
    await env.sim.waitForCall(alice, (c) => c.destroyed);
    await eventually('Bob talks to Carol', () => (env.simCall(bob.channel_id).bridged_to === carol.uuid ? true : undefined), 10_000);
    expect((await env.getCall(bob.id)).status).toBe('progressing');
    env.sim.hangup(bob.channel_id);
    await env.sim.waitForCall(carol.uuid, (c) => c.destroyed);
  });

  it('joins Bob and Carol when Alice hangs up the moment Carol answers', async () => {
    env.sim.setDestination(CAROL, { answer: 'answer', after_ms: 300 });
    const { alice, bob } = await aliceTalksToBob();
    const carol = await pressTransfer(alice);
    await env.sim.waitForCall(carol.uuid, (c) => c.answered);
    env.sim.hangup(alice);
    await bobTalksToCarolUntilHeHangsUp(bob.channel_id, carol.uuid);
  });

  it('joins Bob and Carol when Alice hangs up while Carol is being put through to her', async () => {
    env.sim.setDestination(CAROL, { answer: 'answer', after_ms: 300 });
    const { alice, bob } = await aliceTalksToBob();
    // Alice is taken off hold once Carol answered, just before Carol is bridged to her: Alice goes then.
    const aliceGone = new Promise<void>((resolve) => {
      const stop = env.sim.subscribe((event) => {
        if (event.name !== 'CHANNEL_UNHOLD' || event.get('Unique-ID') !== alice) return;
        stop();
        setImmediate(() => {
          env.sim.hangup(alice);
          resolve();
        });
      });
    });
    const carol = await pressTransfer(alice);
    await aliceGone;
    await bobTalksToCarolUntilHeHangsUp(bob.channel_id, carol.uuid);
  });

  it('leaves Alice with Carol when Bob hangs up while they talk', async () => {
    env.sim.setDestination(CAROL, { answer: 'answer', after_ms: 300 });
    const { alice, master } = await aliceTalksToBob();
    const carol = await pressTransfer(alice);
    await eventually('Alice talks to Carol', () => (env.simCall(alice).bridged_to === carol.uuid ? true : undefined));
    const bobLeg = (await env.getCall((await env.getCall(master.id)).chained_call_ids[0]!)).channel_id;
    env.sim.hangup(bobLeg);
    await env.sim.waitForCall(bobLeg, (c) => c.destroyed);
    await sleep(500);
    expect(env.simCall(alice).bridged_to).toBe(carol.uuid);
    expect((await env.getCall(master.id)).status).toBe('progressing');
    // Carol is Alice's other party now: her hangup ends the connect, and Alice's flow goes on.
    env.sim.hangup(carol.uuid);
    await env.callUntil(master.id, 'Alice past the connect', (c) => c.action?.id === 'b3');
    env.sim.hangup(alice);
  });

  it("runs from the channel API's transfer action with target, takeback_dtmf and moh", async () => {
    env.sim.setDestination(CAROL, { answer: 'answer', after_ms: 300 });
    const { alice, bob } = await aliceTalksToBob();
    const before = carolLegs().length;
    await env.calls.call('channelCommand', { params: { id: alice }, body: { account_id: accountId, action: 'transfer', target: CAROL, takeback_dtmf: '#9', moh: 'other_music' } as never });
    const carol = await eventually('Carol rung', () => carolLegs()[before]);
    expect(commands(alice)).toContain(`uuid_setvar ${alice} hold_music other_music`);
    await eventually('Alice talks to Carol', () => (env.simCall(alice).bridged_to === carol.uuid ? true : undefined));
    await env.sim.sendDtmf(alice, { digits: '#9', interval_ms: 30 });
    await eventually('Alice back with Bob', () => (env.simCall(alice).bridged_to === bob.channel_id ? true : undefined));
    env.sim.hangup(alice);
  });
});
