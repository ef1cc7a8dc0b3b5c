import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CallEnv, eventually } from './harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * konami `move` (Kazoo's konami_move): Alice talks to Bob from her mobile, presses *8,
 * her desk phone rings, and once she answers it the call with Bob goes on there while
 * the mobile hangs up. Bob's call goes on unchanged.
 */
describe('konami move: the call goes to another device of the owner', () => {
  const env = new CallEnv();
  let accountId = '';
  let ownerId = '';
  const deviceIds: Record<string, string> = {};

  beforeAll(async () => {
    await env.start({ customers: true });
    accountId = (await env.customers.call('bootstrap', { body: {} })).account_id;
    ownerId = (await env.customers.call('createUser', { params: { account_id: accountId }, body: { username: 'alice-move', first_name: 'Alice', password: 'alice-secret-123' } })).id;
    const devices = deviceIds;
    for (const username of ['alice-mobile', 'alice-desk']) {
      devices[username] = (await env.customers.call('createDevice', { params: { account_id: accountId }, body: { name: username, sip: { username }, owner_id: ownerId } })).id;
    }
    await env.flows.call('putOwnerMetaflows', {
      params: { account_id: accountId, owner_type: 'devices', owner_id: devices['alice-mobile']! },
      body: { numbers: { '8': { module: 'move', data: { timeout: 120 } } }, digit_timeout_ms: 300 } as never,
    });
    env.sim.setDestination('+15559400', { answer: 'answer', after_ms: 100 });
    const long = { type: 'sleep', option: { duration: 86_400_000 } };
    await env.flow('5400', [{ id: 'b1', type: 'answer' }, { id: 'b2', type: 'connect', option: { destinations: [{ type: 'tel', target: '+15559400' }] } }, { id: 'b3', ...long }], accountId);
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  /** Alice's mobile calls Bob (+15559400) through a connect: Alice's leg is the master, Bob's the chained call. */
  async function aliceTalksToBob() {
    const alice = env.sim.placeCall({ from: '1001', to: '5400', variables: { sip_auth_username: 'alice-mobile' } });
    const master = await env.callOfChannel(alice);
    const withLeg = await env.callUntil(master.id, 'a chained call', (c) => c.chained_call_ids.length === 1);
    const bob = await env.getCall(withLeg.chained_call_ids[0]!);
    await eventually('Alice and Bob bridged', () => (env.simCall(alice).bridged_to === bob.channel_id ? true : undefined));
    return { alice, master, bob };
  }

  const deskLegs = () => env.sim.listCalls().filter((call) => call.direction === 'outbound' && call.to === 'alice-desk');

  it('rings the desk on *8; once it answers Bob is bridged to it, the mobile hangs up, and Bob\'s call goes on', async () => {
    // Simulated time runs 100 times faster: the desk answers after 500 real ms, so a loaded machine still sees it ringing while Alice and Bob talk.
    env.sim.setDestination('alice-desk', { answer: 'answer', after_ms: 50_000 });
    env.sim.setDestination('alice-mobile', { answer: 'answer', after_ms: 100 });
    const before = deskLegs().length;
    const { alice, master, bob } = await aliceTalksToBob();

    await env.sim.sendDtmf(alice, { digits: '*8', interval_ms: 50 });
    const desk = await eventually('the desk rung', () => deskLegs()[before]);
    // The device that pressed is not rung.
    expect(env.sim.listCalls().filter((call) => call.direction === 'outbound' && call.to === 'alice-mobile')).toEqual([]);
    // Alice and Bob go on talking while the desk rings.
    expect(env.simCall(alice).bridged_to).toBe(bob.channel_id);

    await eventually('Bob bridged to the desk', () => (env.simCall(bob.channel_id).bridged_to === desk.uuid ? true : undefined));
    await env.sim.waitForCall(alice, (c) => c.destroyed);
    await env.callUntil(master.id, 'the mobile hung up', (c) => c.status === 'hangup');
    expect(env.simCall(bob.channel_id).destroyed).toBe(false);
    expect((await env.getCall(bob.id)).status).toBe('progressing');

    // The desk is a call of its own in Bob's connect: hanging it up ends the moved call as the mobile's would have.
    env.sim.hangup(desk.uuid);
    await env.callUntil(bob.id, 'Bob hung up after the desk', (c) => c.status === 'hangup');
  });

  it('leaves the call as it was when the desk does not answer', async () => {
    env.sim.setDestination('alice-desk', { answer: 'busy', after_ms: 300 });
    const before = deskLegs().length;
    const { alice, master, bob } = await aliceTalksToBob();
    await env.sim.sendDtmf(alice, { digits: '*8', interval_ms: 50 });
    const desk = await eventually('the desk rung', () => deskLegs()[before]);
    await env.sim.waitForCall(desk.uuid, (c) => c.destroyed);
    await sleep(500);
    expect(env.simCall(alice).bridged_to).toBe(bob.channel_id);
    expect((await env.getCall(master.id)).status).toBe('progressing');
    env.sim.hangup(alice);
    await env.callUntil(bob.id, 'Bob hung up with Alice', (c) => c.status === 'hangup');
  });

  it("moves by the channel API's move action, to the devices of the owner it names", async () => {
    env.sim.setDestination('alice-desk', { answer: 'answer', after_ms: 300 });
    const before = deskLegs().length;
    const { alice, master, bob } = await aliceTalksToBob();
    await env.calls.call('channelCommand', { params: { id: alice }, body: { account_id: accountId, action: 'move', owner_id: ownerId } as never });
    const desk = await eventually('the desk rung', () => deskLegs()[before]);
    await eventually('Bob bridged to the desk', () => (env.simCall(bob.channel_id).bridged_to === desk.uuid ? true : undefined));
    await env.callUntil(master.id, 'the mobile hung up', (c) => c.status === 'hangup');
    env.sim.hangup(bob.channel_id);
    await env.sim.waitForCall(desk.uuid, (c) => c.destroyed);
  });

  it('rings only the device_id the channel API names, and refuses a timeout that is not a number', async () => {
    env.sim.setDestination('alice-desk', { answer: 'answer', after_ms: 300 });
    const { alice, master, bob } = await aliceTalksToBob();
    await expect(env.calls.call('channelCommand', { params: { id: alice }, body: { account_id: accountId, action: 'move', device_id: deviceIds['alice-desk'], timeout: 'soon' } as never })).rejects.toMatchObject({
      status: 'INVALID_ARGUMENT',
      field: 'data.timeout',
    });
    const before = deskLegs().length;
    await env.calls.call('channelCommand', { params: { id: alice }, body: { account_id: accountId, action: 'move', device_id: deviceIds['alice-desk'], timeout: 5 } as never });
    const desk = await eventually('the desk rung', () => deskLegs()[before]);
    await eventually('Bob bridged to the desk', () => (env.simCall(bob.channel_id).bridged_to === desk.uuid ? true : undefined));
    await env.callUntil(master.id, 'the mobile hung up', (c) => c.status === 'hangup');
    env.sim.hangup(desk.uuid);
  });
});
