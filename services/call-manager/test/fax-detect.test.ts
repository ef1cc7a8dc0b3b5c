import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CallEnv } from './harness.js';

/**
 * Kazoo's `fax_detect` module end to end: a caller esl-sim places as a fax machine sends
 * CNG, mod_spandsp's detector hears it and the call goes to the `fax` child; a person's
 * call goes to `_` once the listening time is over.
 */
describe('detecting a fax call', () => {
  const env = new CallEnv();

  beforeAll(async () => {
    await env.start({ customers: true });
    const master = (await env.customers.call('bootstrap', { body: {} })).account_id;
    const accountId = (await env.customers.call('createAccount', { body: { parent_id: master, name: 'Fax Detect Co' } })).id;
    await env.flows.call('createFlow', {
      body: {
        account_id: accountId,
        numbers: ['8001'],
        flow: {
          module: 'fax_detect',
          data: { duration: 3 },
          children: { fax: { module: 'play', data: { id: 'https://media.example.com/fax-line.wav' } }, _: { module: 'play', data: { id: 'https://media.example.com/hello.wav' } } },
        },
      },
    });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  const playbacks = (uuid: string) => env.simCall(uuid).applications.filter((app) => app.name === 'playback').map((app) => app.arg);

  it('sends a fax caller (CNG heard) to the `fax` child, well before the listening time is over', async () => {
    const uuid = env.sim.placeCall({ from: '+15558001', to: '8001', fax_pages: 3 });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'hung up after the fax branch', (c) => c.status === 'hangup', 20_000);
    expect(playbacks(uuid)).toEqual(['https://media.example.com/fax-line.wav']);
    const apps = env.simCall(uuid).applications.map((app) => [app.name, app.arg]);
    expect(apps).toContainEqual(['spandsp_start_fax_detect', 'set fax_detected=true 4 cng']);
    expect(apps).toContainEqual(['spandsp_stop_fax_detect', '']);
    expect(env.simCall(uuid).variables.fax_detected).toBe('true');
    expect(env.simCall(uuid).events).toContain('DETECTED_TONE');
  });

  it('sends a person to `_` once the listening time is over', async () => {
    const uuid = env.sim.placeCall({ from: '+15558002', to: '8001' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'hung up after the voice branch', (c) => c.status === 'hangup', 20_000);
    expect(playbacks(uuid)).toEqual(['https://media.example.com/hello.wav']);
    expect(env.simCall(uuid).variables.fax_detected).toBeUndefined();
  });
});
