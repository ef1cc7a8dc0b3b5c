import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EslEvent } from '@voxmesh/esl-sim';
import { CallEnv, eventually } from './harness.js';

/**
 * Kazoo's `voicemail` module (compose) end to end, behind a `user` module: nobody
 * answers, `_` takes the caller to the user's box, the message is stored in
 * customer-manager and the user's phones get MESSAGE_WAITING from the media server.
 */
describe('leaving a voicemail', () => {
  const env = new CallEnv();
  const events: EslEvent[] = [];
  let accountId: string;
  let boxId: string;

  beforeAll(async () => {
    await env.start({ customers: true });
    env.sim.subscribe((event) => {
      if (event.name === 'MESSAGE_WAITING') events.push(event);
    });
    const master = (await env.customers.call('bootstrap', { body: {} })).account_id;
    accountId = (await env.customers.call('createAccount', { body: { parent_id: master, name: 'Voicemail Calls Co' } })).id;
    const params = { account_id: accountId };
    const dana = (await env.customers.call('createUser', { params, body: { username: 'dana', password: 'dana-password' } })).id;
    for (const name of ['dana-desk', 'dana-soft']) await env.customers.call('createDevice', { params, body: { name, owner_id: dana, sip: { username: name } } });
    boxId = (await env.customers.call('createVmbox', { params, body: { name: 'Dana', mailbox: '5001', pin: '1234', owner_id: dana, max_message_length: 30 } })).id;
    await env.flows.call('createFlow', { body: { account_id: accountId, numbers: ['5002'], flow: { module: 'voicemail', data: { id: boxId, action: 'check' } } } });
    await env.flows.call('createFlow', {
      body: { account_id: accountId, numbers: ['5001'], flow: { module: 'user', data: { id: dana, timeout: 2 }, children: { _: { module: 'voicemail', data: { id: boxId } } } } },
    });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  it("takes a message when nobody answers, ended by #, stores it as new and lights the user's phones", async () => {
    env.sim.setDestination('dana-desk', { answer: 'no_answer' });
    env.sim.setDestination('dana-soft', { answer: 'no_answer' });
    const uuid = env.sim.placeCall({ from: '+15558001', to: '5001', caller_id_name: 'Eve' });
    const call = await env.callOfChannel(uuid);
    await eventually('recording', () => env.simCall(uuid).applications.some((app) => app.name === 'record' && app.response === null), 20_000);
    await env.sim.sendDtmf(uuid, { digits: '#' });
    await env.callUntil(call.id, 'hung up after the message', (c) => c.status === 'hangup', 20_000);

    const apps = env.simCall(uuid).applications.map((app) => app.name);
    expect(apps.indexOf('bridge')).toBeLessThan(apps.indexOf('record'));
    expect(apps).toEqual(expect.arrayContaining(['answer', 'speak', 'playback', 'record']));
    const record = env.simCall(uuid).applications.find((app) => app.name === 'record')!;
    expect(record.arg).toMatch(/voicemail-[0-9a-f-]+\.wav 30$/);
    expect(env.simCall(uuid).variables.record_completion_cause).toBe('success-terminator');

    const messages = await env.customers.call('listVmMessages', { params: { account_id: accountId, id: boxId }, query: { folder: 'new' } });
    expect(messages.result).toEqual([expect.objectContaining({ folder: 'new', caller_id_number: '+15558001', caller_id_name: 'Eve', call_id: call.id, media_path: record.arg.split(' ')[0] })]);
    expect(messages.result[0]!.length).toBeGreaterThan(0);

    await eventually('MESSAGE_WAITING for both phones', () => events.length >= 2);
    const accounts = events.map((event) => event.get('MWI-Message-Account')).sort();
    expect(accounts).toEqual([expect.stringMatching(/^sip:dana-desk@/), expect.stringMatching(/^sip:dana-soft@/)]);
    expect(events.map((event) => [event.get('MWI-Messages-Waiting'), event.get('MWI-Voice-Message')])).toEqual([
      ['yes', '1/0 (0/0)'],
      ['yes', '1/0 (0/0)'],
    ]);
  });

  /** Waits until the `n`th play_and_get_digits of the call is reading, then presses `digits`. */
  const answerPrompt = async (uuid: string, n: number, digits: string) => {
    await eventually(`prompt ${n}`, () => {
      const prompts = env.simCall(uuid).applications.filter((app) => app.name === 'play_and_get_digits');
      return prompts.length === n && prompts[n - 1]!.response === null;
    }, 20_000);
    await env.sim.sendDtmf(uuid, { digits, interval_ms: 50 });
  };

  it('lets the owner check the box: a wrong PIN, the right one, the new message heard and saved, then the lamps go out', async () => {
    const [message] = (await env.customers.call('listVmMessages', { params: { account_id: accountId, id: boxId }, query: { folder: 'new' } })).result;
    events.length = 0;
    const uuid = env.sim.placeCall({ from: 'dana-desk', to: '5002', variables: { sip_auth_username: 'dana-desk' } });
    const call = await env.callOfChannel(uuid);
    await answerPrompt(uuid, 1, '9999#');
    await answerPrompt(uuid, 2, '1234#');
    await answerPrompt(uuid, 3, '1'); // main menu: new messages
    await answerPrompt(uuid, 4, '1'); // after the message: save
    await answerPrompt(uuid, 5, '#'); // main menu again: exit
    await env.callUntil(call.id, 'hung up after goodbye', (c) => c.status === 'hangup', 20_000);

    const apps = env.simCall(uuid).applications.map((app) => [app.name, app.arg]);
    expect(apps).toContainEqual(['speak', 'flite|slt|Incorrect password.']);
    expect(apps).toContainEqual(['speak', 'flite|slt|You have 1 new and 0 saved messages. To hear new messages, press 1. To hear saved messages, press 2. To exit, press pound.']);
    expect(apps).toContainEqual(['playback', message!.media_path]);
    expect(apps).toContainEqual(['speak', 'flite|slt|Message saved.']);
    expect(apps).toContainEqual(['speak', 'flite|slt|You have 0 new and 1 saved messages. To hear new messages, press 1. To hear saved messages, press 2. To exit, press pound.']);
    expect((await env.customers.call('getVmMessage', { params: { account_id: accountId, id: boxId, message_id: message!.media_id } })).folder).toBe('saved');

    await eventually('MESSAGE_WAITING with nothing new', () => events.length >= 2);
    expect(events.map((event) => [event.get('MWI-Messages-Waiting'), event.get('MWI-Voice-Message')])).toEqual([
      ['no', '0/1 (0/0)'],
      ['no', '0/1 (0/0)'],
    ]);
  });
});
