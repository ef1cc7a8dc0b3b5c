import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { STOCK_MODULES } from '@voxmesh/esl-sim';
import { CallEnv, eventually } from './harness.js';

/**
 * A FreeSWITCH with no third-party module and no mod_http_cache (esl-sim configured as
 * one): what needs a missing module is refused on the call and the call goes on; media
 * that did not play and a voice flite lacks are recorded on the call.
 */
describe('on a stock FreeSWITCH', () => {
  const env = new CallEnv();

  beforeAll(async () => {
    await env.start({ modules: STOCK_MODULES });
    env.sim.setDestination('+15557100', { answer: 'answer', after_ms: 100, amd: 'machine' });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  it('refuses amd without mod_amd, clearly, and the call goes on', async () => {
    const actions = [
      { id: 'a1', type: 'amd', option: { machine_handle: 'hangup' } },
      { id: 'a2', type: 'talk', option: { text: 'still here' } },
      { id: 'a3', type: 'hangup' },
    ];
    const created = (await env.calls.call('createCalls', { body: { account_id: 'acct-test', destinations: [{ type: 'tel', target: '+15557100' }], actions } })).calls[0]!;
    const ended = await env.callUntil(created.id, 'hung up', (c) => c.status === 'hangup');
    expect(ended).toMatchObject({ hangup_by: 'local', hangup_reason: 'normal' });
    expect(ended.errors).toEqual([expect.objectContaining({ action_id: 'a1', reason: 'MODULE_MISSING', message: expect.stringContaining('mod_amd') })]);
    expect(env.simCall(created.channel_id).applications.map((app) => app.name)).not.toContain('amd');
  });

  it('refuses external media without mod_audio_fork, and RTP anywhere, and goes on', async () => {
    await env.flow('3101', [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'external_media_start', option: { external_host: 'wss://media.example.com/stream' } },
      { id: 'a3', type: 'external_media_start', option: { external_host: '10.0.0.5:9000' } },
      { id: 'a4', type: 'hangup' },
    ]);
    const uuid = env.sim.placeCall({ from: '1401', to: '3101' });
    const ended = await env.callUntil((await env.callOfChannel(uuid)).id, 'hung up', (c) => c.status === 'hangup');
    expect(ended.errors.map((error) => [error.action_id, error.reason])).toEqual([
      ['a2', 'MODULE_MISSING'],
      ['a3', 'EXTERNAL_MEDIA_UNSUPPORTED'],
    ]);
    expect(ended.external_medias).toEqual([]);
    expect(env.simCall(uuid).apis.map((api) => api.command)).not.toContain('uuid_audio_fork');
  });

  it('records a playback that did not play (an https URL without mod_http_cache), and goes on', async () => {
    await env.flow('3102', [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'play', option: { stream_urls: ['https://example.com/prompt.wav'] } },
      { id: 'a3', type: 'talk', option: { text: 'after the prompt' } },
      { id: 'a4', type: 'hangup' },
    ]);
    const uuid = env.sim.placeCall({ from: '1402', to: '3102' });
    const ended = await env.callUntil((await env.callOfChannel(uuid)).id, 'hung up', (c) => c.status === 'hangup');
    expect(ended.errors).toEqual([expect.objectContaining({ action_id: 'a2', action_type: 'play', reason: 'MEDIA_NOT_PLAYED', message: expect.stringContaining('FILE NOT FOUND') })]);
    expect(env.eventsOf('call_updated', (data) => data.id === ended.id && Array.isArray(data.errors) && data.errors.length > 0).length).toBeGreaterThan(0);
    expect(env.simCall(uuid).applications.map((app) => app.name)).toContain('speak');
  });

  it('records a live play that did not play on the call', async () => {
    await env.flow('3104', [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'conference_join', option: { conference_id: 'room-live' } },
    ]);
    const uuid = env.sim.placeCall({ from: '1404', to: '3104' });
    const call = await env.callUntil((await env.callOfChannel(uuid)).id, 'in the conference', (c) => c.action?.id === 'a2');
    await eventually('a member', () => env.simCall(uuid).applications.some((app) => app.name === 'conference'));
    await env.calls.call('play', { params: { id: call.id }, body: { media_urls: ['https://example.com/live.wav'] } });
    const noted = await env.callUntil(call.id, 'the failure recorded', (c) => c.errors.length > 0);
    expect(noted.errors).toEqual([expect.objectContaining({ action_id: '', action_type: 'play', reason: 'MEDIA_NOT_PLAYED', message: 'playback https://example.com/live.wav: FILE NOT FOUND' })]);
    await env.calls.call('hangupCall', { params: { id: call.id }, body: {} });
  });

  it("speaks a language flite does not have with flite's voice, and records the fallback", async () => {
    await env.flow('3103', [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'talk', option: { text: 'bonjour à tous', language: 'fr-FR', gender: 'female' } },
      { id: 'a3', type: 'hangup' },
    ]);
    const uuid = env.sim.placeCall({ from: '1403', to: '3103' });
    const ended = await env.callUntil((await env.callOfChannel(uuid)).id, 'hung up', (c) => c.status === 'hangup');
    expect(ended.errors).toEqual([expect.objectContaining({ action_id: 'a2', reason: 'TTS_VOICE_FALLBACK', message: expect.stringContaining('fr-FR') })]);
    const speak = env.simCall(uuid).applications.find((app) => app.name === 'speak');
    expect(speak?.arg).toBe('flite|slt|bonjour à tous');
    await eventually('the call is over in the simulator', () => env.simCall(uuid).destroyed);
  });
});
