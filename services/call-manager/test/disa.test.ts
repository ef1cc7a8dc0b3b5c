import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CallEnv, eventually } from './harness.js';

/**
 * Kazoo's `disa` end to end: the caller keys in the PIN, hears a dial tone, keys in a
 * number and is dialled out through the account's carriers on esl-sim.
 */
describe('DISA', () => {
  const env = new CallEnv();
  let accountId: string;

  beforeAll(async () => {
    await env.start({ customers: true });
    const master = (await env.customers.call('bootstrap', { body: {} })).account_id;
    accountId = (await env.customers.call('createAccount', { body: { parent_id: master, name: 'DISA Co', caller_id: { external: { name: 'DISA Co', number: '+12125550000' } } } })).id;
    await env.customers.call('createResource', { params: { scope: accountId }, body: { name: 'Trunk', gateways: [{ server: 'trunk.example' }], rules: ['^\\+1(\\d{10})$'] } });
    const sorry = { _: { module: 'tts', data: { text: 'The call could not be made.' } } };
    await env.flows.call('createFlow', { body: { account_id: accountId, numbers: ['5100'], flow: { module: 'disa', data: { pin: '1234', retries: 2, max_digits: 11 }, children: sorry } } });
    await env.flows.call('createFlow', { body: { account_id: accountId, numbers: ['5101'], flow: { module: 'disa', data: {}, children: sorry } } });
    await env.flows.call('createFlow', { body: { account_id: accountId, numbers: ['5102'], flow: { module: 'disa', data: { use_account_caller_id: false } } } });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  const spoken = (uuid: string) => env.simCall(uuid).applications.filter((app) => app.name === 'speak').map((app) => app.arg.replace(/^flite\|\w+\|/, ''));
  /** Waits until the `n`th PIN prompt has been spoken and the call gathers, then presses `digits`. */
  const answerPin = async (uuid: string, callId: string, n: number, digits: string) => {
    await eventually(`PIN prompt ${n}`, async () => spoken(uuid).filter((text) => text.startsWith('Enter your PIN')).length === n && (await env.getCall(callId)).action?.type === 'digits_receive', 20_000);
    await env.sim.sendDtmf(uuid, { digits, interval_ms: 30 });
  };

  it('takes the PIN after a wrong one, gives a dial tone and dials the number through the carrier', async () => {
    env.sim.setDestination('2125550100@trunk.example', { answer: 'answer', after_ms: 300 });
    const uuid = env.sim.placeCall({ from: '+15558001', to: '5100' });
    const call = await env.callOfChannel(uuid);
    await answerPin(uuid, call.id, 1, '9999#');
    await answerPin(uuid, call.id, 2, '1234#');
    // The dial tone plays until the first key, which stays part of the number.
    await eventually('the dial tone', () => env.simCall(uuid).applications.some((app) => app.name === 'playback' && app.arg === 'tone_stream://%(10000,0,350,440)'));
    await env.sim.sendDtmf(uuid, { digits: '2125550100#', interval_ms: 30 });
    const bridged = await eventually('the caller bridged through the carrier', () => env.simCall(uuid).bridged_to ?? undefined, 20_000);
    expect(env.simCall(bridged).variables.channel_name).toBe('sofia/external/2125550100@trunk.example');
    expect(spoken(uuid)).toEqual(['Enter your PIN, then press pound.', 'That PIN is not valid.', 'Enter your PIN, then press pound.']);
    env.sim.hangup(bridged);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
  });

  /** Dials `digits` from the dial tone of the DISA on `to`, answered by the carrier at `leg`: what that leg was shown. */
  async function dialOut(to: string, digits: string, leg: string): Promise<{ from: string; name: string }> {
    env.sim.setDestination(leg, { answer: 'answer', after_ms: 200 });
    const uuid = env.sim.placeCall({ from: '+15558009', to, caller_id_name: 'Road Warrior' });
    const call = await env.callOfChannel(uuid);
    await eventually('the dial tone', () => env.simCall(uuid).applications.some((app) => app.name === 'playback' && app.arg.startsWith('tone_stream://')));
    await env.sim.sendDtmf(uuid, { digits, interval_ms: 30 });
    const bridged = await eventually('the caller bridged through the carrier', () => env.simCall(uuid).bridged_to ?? undefined, 20_000);
    const shown = { from: env.simCall(bridged).from, name: env.simCall(bridged).caller_id_name };
    env.sim.hangup(bridged);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    return shown;
  }

  it("presents the account's external caller id on the call out, unless use_account_caller_id is false", async () => {
    expect(await dialOut('5101', '2125550103#', '2125550103@trunk.example')).toEqual({ from: '+12125550000', name: 'DISA Co' });
    expect(await dialOut('5102', '2125550104#', '2125550104@trunk.example')).toEqual({ from: '+15558009', name: 'Road Warrior' });
  }, 60_000);

  it('hangs up after too many wrong PINs, dialling nothing', async () => {
    const uuid = env.sim.placeCall({ from: '+15558002', to: '5100' });
    const call = await env.callOfChannel(uuid);
    await answerPin(uuid, call.id, 1, '4321#');
    await answerPin(uuid, call.id, 2, '4321#');
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup', 20_000);
    expect(spoken(uuid).at(-1)).toBe('Too many attempts. Goodbye.');
    expect(env.simCall(uuid).applications.map((app) => app.name)).not.toContain('bridge');
  });

  it('without a PIN goes straight to the dial tone; a number no carrier takes goes to `_`', async () => {
    const uuid = env.sim.placeCall({ from: '+15558003', to: '5101' });
    const call = await env.callOfChannel(uuid);
    await eventually('the dial tone', () => env.simCall(uuid).applications.some((app) => app.name === 'playback' && app.arg.startsWith('tone_stream://')));
    await env.sim.sendDtmf(uuid, { digits: '4420#', interval_ms: 30 });
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup', 20_000);
    expect(spoken(uuid)).toEqual(['The call could not be made.']);
  });
});
