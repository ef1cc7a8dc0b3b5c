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
});
