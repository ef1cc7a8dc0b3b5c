import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { rabbitUrl } from '@voxmesh/testkit';
import { CallEnv, eventually } from './harness.js';

const SUP = fileURLToPath(new URL('../../../bin/sup', import.meta.url));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The seed's "Putting it together" document. */
const SEED_METAFLOWS = {
  numbers: {
    '234': { module: 'play', data: { id: 'media_id' } },
    '82824646': { module: 'tts', data: { text: 'hello world' } },
  },
  patterns: { '^1([0-9]{4})$': { module: 'callflow', data: {} } },
  binding_digit: '*',
  digit_timeout_ms: 800,
  listen_on: 'self',
};

/** Metaflows on a calling device: esl-sim presses keys on a live call and the konami modules run on its channel. */
describe('metaflows on the key presses of a call', () => {
  const env = new CallEnv();
  let accountId = '';

  beforeAll(async () => {
    await env.start({ customers: true });
    accountId = (await env.customers.call('bootstrap', { body: {} })).account_id;
    const long = { type: 'sleep', option: { duration: 86_400_000 } };
    await env.flow('5100', [{ id: 'a1', type: 'answer' }, { id: 'a2', ...long }, { id: 'a3', ...long }], accountId);
    await env.flow('2001', [{ id: 'x1', type: 'talk', option: { text: 'extension 2001' } }, { id: 'x2', ...long }], accountId);
    env.sim.setDestination('+15559300', { answer: 'answer', after_ms: 100 });
    await env.flow('5300', [{ id: 'b1', type: 'answer' }, { id: 'b2', type: 'connect', option: { destinations: [{ type: 'tel', target: '+15559300' }] } }, { id: 'b3', ...long }], accountId);
    const userId = (await env.customers.call('createUser', { params: { account_id: accountId }, body: { username: 'mf-user-user', first_name: 'U', password: 'user-secret-123' } })).id;
    for (const username of ['mf-seed', 'mf-hash', 'mf-user', 'mf-hold', 'mf-gather', 'mf-peer', 'mf-bridge-peer', 'mf-bridge-both', 'mf-plain', 'mf-transfer']) {
      const owner = username === 'mf-user' ? { owner_id: userId } : {};
      devices.set(username, await env.customers.call('createDevice', { params: { account_id: accountId }, body: { name: username, sip: { username }, ...owner } }));
    }
    await env.flow('5200', [{ id: 'g1', type: 'answer' }, { id: 'g2', type: 'digits_receive', option: { duration: 86_400_000, length: 3 } }, { id: 'g3', ...long }], accountId);
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  const devices = new Map<string, { id: string; owner_id?: string | undefined }>();

  /** Puts metaflows on a device made before any call (call-manager reads an account's devices once and keeps them a while). */
  async function deviceWith(username: string, metaflows: unknown, user?: { metaflows: unknown }) {
    const device = devices.get(username)!;
    if (user) await env.flows.call('putOwnerMetaflows', { params: { account_id: accountId, owner_type: 'users', owner_id: device.owner_id! }, body: user.metaflows as never });
    await env.flows.call('putOwnerMetaflows', { params: { account_id: accountId, owner_type: 'devices', owner_id: device.id }, body: metaflows as never });
    return device;
  }

  async function liveCall(username: string, to = '5100', waitFor = 'a2') {
    const uuid = env.sim.placeCall({ from: '1001', to, variables: { sip_auth_username: username } });
    const call = await env.callUntil((await env.callOfChannel(uuid)).id, 'running', (c) => c.action?.id === waitFor);
    // The call knows its device: the metaflows are the device's.
    expect(call.device?.sip_username).toBe(username);
    return { uuid, call };
  }

  const broadcasts = (uuid: string) => env.simCall(uuid).apis.filter((api) => api.command === 'uuid_broadcast').map((api) => api.arg);

  it("runs the seed's document: *234 plays, *82824646 speaks, *12001 runs extension 2001's callflow", async () => {
    await deviceWith('mf-seed', SEED_METAFLOWS);
    const { uuid, call } = await liveCall('mf-seed');

    await env.sim.sendDtmf(uuid, { digits: '*234', interval_ms: 100 });
    await eventually('media_id played', () => broadcasts(uuid).find((arg) => arg.includes('media_id')));

    await env.sim.sendDtmf(uuid, { digits: '*82824646', interval_ms: 100 });
    await eventually('hello world spoken', () => broadcasts(uuid).find((arg) => arg.includes('speak::') && arg.includes('hello world')));
    // The digits were the metaflow's: the flow never saw them.
    const variables = await env.flows.call('getVariables', { params: { id: call.activeflow_id } });
    expect(variables.variables['voipbin.call.digits'] ?? '').toBe('');

    await env.sim.sendDtmf(uuid, { digits: '*12001', interval_ms: 100 });
    await env.callUntil(call.id, "running extension 2001's callflow", (c) => c.action?.id === 'x1' || c.action?.id === 'x2');
    await eventually('extension 2001 spoken', () => env.simCall(uuid).applications.find((app) => app.name === 'speak' && app.arg.includes('extension 2001')));
  });

  it('does nothing for digits slower than the timeout, and arms on # when # is the binding digit', async () => {
    await deviceWith('mf-hash', { ...SEED_METAFLOWS, binding_digit: '#', digit_timeout_ms: 400 });
    const { uuid } = await liveCall('mf-hash');

    await env.sim.sendDtmf(uuid, { digits: '*234', interval_ms: 50 });
    await env.sim.sendDtmf(uuid, { digits: '#2', interval_ms: 50 });
    await sleep(700);
    await env.sim.sendDtmf(uuid, { digits: '34', interval_ms: 50 });
    await sleep(900);
    expect(broadcasts(uuid).filter((arg) => arg.includes('media_id'))).toEqual([]);

    await env.sim.sendDtmf(uuid, { digits: '#234', interval_ms: 50 });
    await eventually('media_id played on #234', () => broadcasts(uuid).find((arg) => arg.includes('media_id')));
  });

  it("lets the user's document override the device's key by key", async () => {
    await deviceWith(
      'mf-user',
      { numbers: { '1': { module: 'tts', data: { text: 'device one' } }, '2': { module: 'tts', data: { text: 'device two' } } } },
      { metaflows: { numbers: { '1': { module: 'tts', data: { text: 'user one' } } } } },
    );
    const { uuid } = await liveCall('mf-user');
    await env.sim.sendDtmf(uuid, { digits: '*1', interval_ms: 50 });
    await eventually('user one spoken', () => broadcasts(uuid).find((arg) => arg.includes('user one')));
    await env.sim.sendDtmf(uuid, { digits: '*2', interval_ms: 50 });
    await eventually('device two spoken', () => broadcasts(uuid).find((arg) => arg.includes('device two')));
    expect(broadcasts(uuid).filter((arg) => arg.includes('device one'))).toEqual([]);
  });

  it('holds with music for the other party and unholds on the unhold key, which the flow never sees', async () => {
    await deviceWith('mf-hold', { numbers: { '5': { module: 'hold', data: { moh_aleg: 'silence_stream://0,1400', moh_bleg: 'some_useful_media_id', unhold_key: '5' } } }, digit_timeout_ms: 300 });
    const { uuid, call } = await liveCall('mf-hold');
    const commands = () => env.simCall(uuid).apis.map((api) => `${api.command} ${api.arg}`);
    await env.sim.sendDtmf(uuid, { digits: '*5', interval_ms: 50 });
    await env.callUntil(call.id, 'held', (c) => c.hold);
    expect(commands()).toEqual(expect.arrayContaining([`uuid_setvar ${uuid} hold_music some_useful_media_id`, `uuid_hold ${uuid}`]));
    // The holder hears moh_aleg meanwhile.
    await eventually('moh_aleg played to the holder', () => commands().find((command) => command === `uuid_broadcast ${uuid} 'silence_stream://0,1400' aleg`));
    await env.sim.sendDtmf(uuid, { digits: '5' });
    await env.callUntil(call.id, 'unheld', (c) => !c.hold);
    expect(commands()).toEqual(expect.arrayContaining([`uuid_break ${uuid} all`, `uuid_hold off ${uuid}`]));
    const variables = await env.flows.call('getVariables', { params: { id: call.activeflow_id } });
    expect(variables.variables['voipbin.call.digits'] ?? '').toBe('');
  });

  it("takes a metaflow's digits during the flow's own digits_receive; the others go to the flow", async () => {
    await deviceWith('mf-gather', { numbers: { '9': { module: 'tts', data: { text: 'nine' } } }, digit_timeout_ms: 300 });
    const { uuid, call } = await liveCall('mf-gather', '5200', 'g2');
    await env.sim.sendDtmf(uuid, { digits: '*9', interval_ms: 50 });
    await eventually('nine spoken', () => broadcasts(uuid).find((arg) => arg.includes('nine')));
    expect((await env.getCall(call.id)).action?.id).toBe('g2');
    await sleep(400);
    await env.sim.sendDtmf(uuid, { digits: '123', interval_ms: 50 });
    await env.callUntil(call.id, 'gathered', (c) => c.action?.id === 'g3');
    const variables = await env.flows.call('getVariables', { params: { id: call.activeflow_id } });
    expect(variables.variables['voipbin.call.digits']).toBe('123');
  });

  it('leaves the owner\'s own digits to the flow when the document listens on the peer only', async () => {
    await deviceWith('mf-peer', { numbers: { '5': { module: 'tts', data: { text: 'five' } } }, listen_on: 'peer', digit_timeout_ms: 300 });
    const { uuid } = await liveCall('mf-peer');
    await env.sim.sendDtmf(uuid, { digits: '*5', interval_ms: 50 });
    await sleep(700);
    expect(broadcasts(uuid).filter((arg) => arg.includes('five'))).toEqual([]);
  });

  it('transfers the other party blind to the captured extension, and the transferor leaves', async () => {
    await deviceWith('mf-transfer', { patterns: { '^2(\\d+)$': { module: 'transfer', data: { takeback_dtmf: '*1', moh: 'media_id' } } }, digit_timeout_ms: 300 });
    const uuid = env.sim.placeCall({ from: '1001', to: '5300', variables: { sip_auth_username: 'mf-transfer' } });
    const master = await env.callOfChannel(uuid);
    const withLeg = await env.callUntil(master.id, 'a chained call', (c) => c.chained_call_ids.length === 1);
    const leg = await env.getCall(withLeg.chained_call_ids[0]!);
    await eventually('both legs bridged', () => (env.simCall(uuid).bridged_to === leg.channel_id ? true : undefined));

    await env.sim.sendDtmf(uuid, { digits: '*22001', interval_ms: 50 });
    await env.callUntil(master.id, 'the transferor hung up', (c) => c.status === 'hangup');
    await eventually("extension 2001's callflow on the transferee", () => env.simCall(leg.channel_id).applications.find((app) => app.name === 'speak' && app.arg.includes('extension 2001')));
    expect((await env.getCall(leg.id)).status).toBe('progressing');
    expect(env.simCall(leg.channel_id).destroyed).toBe(false);
  });

  it('on a bridged call, listen_on peer acts on the other leg\'s digits only, and both on either leg\'s', async () => {
    const bridgedCall = async (username: string) => {
      const uuid = env.sim.placeCall({ from: '1001', to: '5300', variables: { sip_auth_username: username } });
      const master = await env.callOfChannel(uuid);
      const withLeg = await env.callUntil(master.id, 'a chained call', (c) => c.chained_call_ids.length === 1);
      const leg = await env.getCall(withLeg.chained_call_ids[0]!);
      await eventually('both legs bridged', () => (env.simCall(uuid).bridged_to === leg.channel_id ? true : undefined));
      return { a: uuid, b: leg.channel_id };
    };

    await deviceWith('mf-bridge-peer', { numbers: { '5': { module: 'tts', data: { text: 'five' } } }, listen_on: 'peer', digit_timeout_ms: 300 });
    const peer = await bridgedCall('mf-bridge-peer');
    await env.sim.sendDtmf(peer.a, { digits: '*5', interval_ms: 50 });
    await sleep(700);
    expect(broadcasts(peer.a).filter((arg) => arg.includes('five'))).toEqual([]);
    await env.sim.sendDtmf(peer.b, { digits: '*5', interval_ms: 50 });
    // The module runs on the leg that pressed.
    await eventually('five spoken to the other leg', () => broadcasts(peer.b).find((arg) => arg.includes('five')));
    expect(broadcasts(peer.a).filter((arg) => arg.includes('five'))).toEqual([]);

    await deviceWith('mf-bridge-both', { numbers: { '6': { module: 'tts', data: { text: 'six' } } }, listen_on: 'both', digit_timeout_ms: 300 });
    const both = await bridgedCall('mf-bridge-both');
    await env.sim.sendDtmf(both.a, { digits: '*6', interval_ms: 50 });
    await eventually('six spoken to the owner', () => broadcasts(both.a).find((arg) => arg.includes('six')));
    await env.sim.sendDtmf(both.b, { digits: '*6', interval_ms: 50 });
    await eventually('six spoken to the other leg', () => broadcasts(both.b).find((arg) => arg.includes('six')));
  });

  it("gives a device without metaflows the account's only while default_metaflow is on", async () => {
    await env.flows.call('putAccountMetaflows', { params: { account_id: accountId }, body: { numbers: { '7': { module: 'tts', data: { text: 'account seven' } } }, digit_timeout_ms: 300 } as never });

    const before = await liveCall('mf-plain');
    await env.sim.sendDtmf(before.uuid, { digits: '*7', interval_ms: 50 });
    await sleep(700);
    expect(broadcasts(before.uuid).filter((arg) => arg.includes('account seven'))).toEqual([]);

    const sup = (...args: string[]) =>
      new Promise<string>((resolve, reject) => {
        execFile(process.execPath, [SUP, ...args], { env: { ...process.env, RABBIT_ADDR: rabbitUrl, RABBIT_NAMESPACE: env.namespace } }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
      });
    expect(await sup('kapps_account_config', 'set', accountId, 'metaflows', 'default_metaflow', 'true')).toBe('true\n');
    const after = await liveCall('mf-plain');
    await env.sim.sendDtmf(after.uuid, { digits: '*7', interval_ms: 50 });
    await eventually('account seven spoken', () => broadcasts(after.uuid).find((arg) => arg.includes('account seven')));

    expect(await sup('kapps_account_config', 'unset', accountId, 'metaflows', 'default_metaflow')).toBe('undefined\n');
    const unset = await liveCall('mf-plain');
    await env.sim.sendDtmf(unset.uuid, { digits: '*7', interval_ms: 50 });
    await sleep(700);
    expect(broadcasts(unset.uuid).filter((arg) => arg.includes('account seven'))).toEqual([]);
  });
});
