import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CallEnv, eventually } from './harness.js';

describe('inbound calls', () => {
  const env = new CallEnv();

  beforeAll(async () => {
    await env.start();
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  it('runs answer, talk, digits_receive, branch, play and hangup, each on its FreeSWITCH completion', async () => {
    env.usesDelay(5000);
    await env.flow('+15550001', [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'talk', option: { text: 'press one for sales', language: 'en-US' } },
      { id: 'a3', type: 'digits_receive', option: { duration: 5000, length: 1 } },
      { id: 'a4', type: 'branch', option: { target_ids: { '1': 'sales' }, default_target_id: 'other' } },
      { id: 'other', type: 'play', option: { stream_urls: ['https://example.com/other.wav'] } },
      { id: 'sales', type: 'play', option: { stream_urls: ['https://example.com/sales.wav'] } },
      { id: 'bye', type: 'hangup' },
    ]);
    const uuid = env.sim.placeCall({ from: '+15551234', to: '+15550001' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'gathering digits', (c) => c.action?.type === 'digits_receive');
    await env.sim.sendDtmf(uuid, { digits: '1' });
    const ended = await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    expect(ended).toMatchObject({ direction: 'incoming', hangup_by: 'local', hangup_reason: 'normal', account_id: 'acct-test' });
    const view = await eventually('the channel to be down', () => (env.simCall(uuid).hangup_cause ? env.simCall(uuid) : undefined));
    expect(view.applications.map((app) => [app.name, app.arg])).toEqual([
      ['socket', expect.any(String)],
      ['answer', ''],
      ['speak', 'flite|slt|press one for sales'],
      ['playback', 'https://example.com/sales.wav'],
      ['hangup', 'NORMAL_CLEARING'],
    ]);
  });
});
