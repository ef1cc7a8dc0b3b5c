import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CallEnv, eventually } from './harness.js';

/**
 * Kazoo's `directory` end to end: a directory kept by flow-manager, users listed in it by
 * their `directories` field in customer-manager; the caller spells a name on the keypad,
 * steps through the matches and is connected to the chosen user's callflow.
 */
describe('dial by name', () => {
  const env = new CallEnv();
  let accountId: string;

  beforeAll(async () => {
    await env.start({ customers: true });
    const master = (await env.customers.call('bootstrap', { body: {} })).account_id;
    accountId = (await env.customers.call('createAccount', { body: { parent_id: master, name: 'Directory Co' } })).id;
    const params = { account_id: accountId };
    const staff = await env.flows.call('createDirectory', { params, body: { name: 'Staff', min_dtmf: 3 } });
    const quick = await env.flows.call('createDirectory', { params, body: { name: 'Quick', confirm_match: false } });
    const people = [
      ['jane', 'Jane', 'Smith', 'jane-desk'],
      ['sam', 'Sam', 'Smithers', 'sam-desk'],
      ['ada', 'Ada', 'Lovelace', 'ada-desk'],
    ] as const;
    for (const [username, first, last, phone] of people) {
      const user = await env.customers.call('createUser', { params, body: { username, password: `${username}-password`, first_name: first, last_name: last } });
      await env.customers.call('createDevice', { params, body: { name: phone, owner_id: user.id, sip: { username: phone } } });
      const callflow = await env.flows.call('createFlow', { body: { account_id: accountId, numbers: [`7${username}`], flow: { module: 'user', data: { id: user.id, timeout: 2 } } } as never });
      await env.customers.call('patchUser', { params: { ...params, id: user.id }, body: { directories: { [staff.id]: callflow.id, [quick.id]: callflow.id } } });
    }
    await env.flows.call('createFlow', { body: { account_id: accountId, numbers: ['411'], flow: { module: 'directory', data: { id: staff.id } } } as never });
    await env.flows.call('createFlow', { body: { account_id: accountId, numbers: ['412'], flow: { module: 'directory', data: { id: quick.id } } } as never });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  const spoken = (uuid: string) => env.simCall(uuid).applications.filter((app) => app.name === 'speak').map((app) => app.arg.replace(/^flite\|\w+\|/, ''));
  /** Waits until the call has spoken `count` prompts and gathers, then presses `digits`. */
  const press = async (uuid: string, callId: string, count: number, digits: string) => {
    await eventually(`prompt ${count}`, async () => spoken(uuid).length === count && (await env.getCall(callId)).action?.type === 'digits_receive', 20_000);
    await env.sim.sendDtmf(uuid, { digits, interval_ms: 30 });
  };

  it('finds "Smith" from 7-6-4-8-4, offers each match, and connects the chosen one', async () => {
    for (const phone of ['jane-desk', 'sam-desk']) env.sim.setDestination(phone, { answer: 'no_answer' });
    const uuid = env.sim.placeCall({ from: '+15550404', to: '411' });
    const call = await env.callOfChannel(uuid);
    await press(uuid, call.id, 1, '76484#');
    await press(uuid, call.id, 2, '9');
    await press(uuid, call.id, 3, '1');
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup', 20_000);
    expect(spoken(uuid)).toEqual([
      "Enter the first letters of the person's name, then press pound.",
      'Jane Smith. To connect, press 1. For the next match, press 9.',
      'Sam Smithers. To connect, press 1. For the next match, press 9.',
      'Connecting you to Sam Smithers.',
    ]);
    const bridge = env.simCall(uuid).applications.find((app) => app.name === 'bridge')!.arg;
    expect(bridge).toContain('user/sam-desk@');
    expect(bridge).not.toContain('jane-desk');
  });

  it('says when nobody matches, and connects the first match at once without confirm_match', async () => {
    env.sim.setDestination('ada-desk', { answer: 'no_answer' });
    const uuid = env.sim.placeCall({ from: '+15550405', to: '412' });
    const call = await env.callOfChannel(uuid);
    await press(uuid, call.id, 1, '999#');
    await press(uuid, call.id, 3, '568#');
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup', 20_000);
    expect(spoken(uuid)).toEqual([
      "Enter the first letters of the person's name, then press pound.",
      'No one matches. Try again.',
      "Enter the first letters of the person's name, then press pound.",
      'Connecting you to Ada Lovelace.',
    ]);
    expect(env.simCall(uuid).applications.find((app) => app.name === 'bridge')!.arg).toContain('user/ada-desk@');
  });
});
