import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CallEnv, eventually } from './harness.js';

/**
 * Kazoo's menu `hunt` end to end: digits no menu option takes are dialled as one of the
 * account's numbers, and the call goes on in that callflow; another account's number,
 * or one `hunt_deny` refuses, is an invalid choice.
 */
describe('menu hunt to an extension', () => {
  const env = new CallEnv();
  let accountId: string;

  beforeAll(async () => {
    await env.start({ customers: true });
    const master = (await env.customers.call('bootstrap', { body: {} })).account_id;
    accountId = (await env.customers.call('createAccount', { body: { parent_id: master, name: 'Hunting Co' } })).id;
    const other = (await env.customers.call('createAccount', { body: { parent_id: master, name: 'Elsewhere Co' } })).id;
    const create = (account: string, numbers: string[], flow: Record<string, unknown>) => env.flows.call('createFlow', { body: { account_id: account, numbers, flow } as never });
    await create(accountId, ['2001'], { module: 'tts', data: { text: 'You reached extension two thousand one.' } });
    await create(accountId, ['2999'], { module: 'tts', data: { text: 'The boss.' } });
    await create(other, ['3001'], { module: 'tts', data: { text: 'Another company.' } });
    await create(accountId, ['5000'], {
      module: 'menu',
      data: { retries: 3, max_extension_length: 4, timeout: 3000, hunt_deny: '^2999$', media: { greeting: { tts: { text: 'Dial an extension.' } }, invalid_media: true, transfer_media: true } },
      children: { '0': { module: 'tts', data: { text: 'Operator.' } } },
    });
    await create(accountId, ['5001'], { module: 'menu', data: { hunt: false, retries: 1, max_extension_length: 4, timeout: 2000, media: { invalid_media: true } }, children: { '0': { module: 'hangup' } } });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  const spoken = (uuid: string) => env.simCall(uuid).applications.filter((app) => app.name === 'speak').map((app) => app.arg.replace(/^flite\|\w+\|/, ''));
  /** Waits until the menu gathers for the `n`th time, then dials `digits`. */
  const dial = async (uuid: string, callId: string, n: number, digits: string) => {
    await eventually(`gather ${n}`, async () => spoken(uuid).filter((text) => text === 'Dial an extension.').length === n && (await env.getCall(callId)).action?.type === 'digits_receive', 20_000);
    await env.sim.sendDtmf(uuid, { digits, interval_ms: 30 });
  };

  it("refuses a denied and another account's extension, then hunts to the account's own and goes on in its callflow", async () => {
    const uuid = env.sim.placeCall({ from: '+15559001', to: '5000' });
    const call = await env.callOfChannel(uuid);
    await dial(uuid, call.id, 1, '2999');
    await dial(uuid, call.id, 2, '3001');
    await dial(uuid, call.id, 3, '2001');
    await env.callUntil(call.id, 'hung up after the extension', (c) => c.status === 'hangup', 20_000);
    expect(spoken(uuid)).toEqual([
      'Dial an extension.',
      'That is not a valid choice.',
      'Dial an extension.',
      'That is not a valid choice.',
      'Dial an extension.',
      'Please hold while your call is transferred.',
      'You reached extension two thousand one.',
    ]);
  });

  it('does not hunt with hunt false', async () => {
    const uuid = env.sim.placeCall({ from: '+15559002', to: '5001' });
    const call = await env.callOfChannel(uuid);
    await eventually('gathering', async () => (await env.getCall(call.id)).action?.type === 'digits_receive', 20_000);
    await env.sim.sendDtmf(uuid, { digits: '2001', interval_ms: 30 });
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup', 20_000);
    expect(spoken(uuid)).toEqual(['That is not a valid choice.']);
  });
});
