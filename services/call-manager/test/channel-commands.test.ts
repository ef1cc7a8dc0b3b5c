import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import { CallEnv, EQUIPPED_MODULES, eventually } from './harness.js';

async function failure(promise: Promise<unknown>): Promise<VoipError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VoipError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

const ACCOUNT = 'acct-channel-commands';

/** Kazoo's channel commands (`PUT` a metaflow node, `POST` an action) running konami modules on a live call. */
describe('channel commands on a live call', () => {
  const env = new CallEnv();
  let extension = '';

  beforeAll(async () => {
    await env.start({ modules: [...EQUIPPED_MODULES, 'mod_soundtouch'] });
    const long = { type: 'sleep', option: { duration: 86_400_000 } };
    await env.flow('4101', [{ id: 'a1', type: 'answer' }, { id: 'a2', ...long }, { id: 'a3', ...long }], ACCOUNT);
    extension = (await env.flow('4102', [{ id: 'x1', type: 'talk', option: { text: 'the other callflow' } }, { id: 'x2', ...long }], ACCOUNT)).id;
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  const put = (id: string, data: unknown, accountId = ACCOUNT) =>
    env.calls.call('channelMetaflow', { params: { id }, body: { account_id: accountId, action: 'metaflow', data: data as { module: string } } });
  const post = (id: string, body: Record<string, unknown>, accountId = ACCOUNT) =>
    env.calls.call('channelCommand', { params: { id }, body: { account_id: accountId, ...body } as never });

  async function liveCall() {
    const uuid = env.sim.placeCall({ from: '1001', to: '4101' });
    const call = await env.callUntil((await env.callOfChannel(uuid)).id, 'sleeping', (c) => c.action?.id === 'a2');
    return { uuid, call };
  }

  it('PUT runs a node with its children: tts then play; record_call toggles a recording on and off', async () => {
    const { uuid, call } = await liveCall();
    const reply = await put(uuid, { module: 'tts', data: { text: 'on the channel' }, children: { _: { module: 'play', data: { id: 'tone_stream://%(100,0,440)', leg: 'self' } } } });
    expect(reply).toMatchObject({ id: uuid, call_id: call.id, account_id: ACCOUNT });
    const broadcasts = () => env.simCall(uuid).apis.filter((api) => api.command === 'uuid_broadcast').map((api) => api.arg);
    expect(broadcasts().some((arg) => arg.includes('on the channel'))).toBe(true);
    expect(broadcasts().some((arg) => arg.includes('tone_stream://%(100,0,440)'))).toBe(true);

    await put(uuid, { module: 'record_call', data: { action: 'toggle' } });
    const recording = await eventually('a recording', async () => (await env.getCall(call.id)).recording_id || undefined);
    await eventually('recording', async () => ((await env.calls.call('getRecording', { params: { id: recording } })).status === 'recording' ? true : undefined));
    await put(uuid, { module: 'record_call', data: { action: 'toggle' } });
    await eventually('recording ended', async () => ((await env.calls.call('getRecording', { params: { id: recording } })).status !== 'recording' ? true : undefined));
    expect(env.simCall(uuid).apis.filter((api) => api.command === 'uuid_record').map((api) => api.arg.split(' ')[1])).toEqual(['start', 'stop']);
  });

  it('PUT runs say through mod_dptools say, audio_level and sound_touch on the channel', async () => {
    const { uuid } = await liveCall();
    await put(uuid, { module: 'say', data: { text: '1234', type: 'number', method: 'iterated' } });
    // Queued beside the flow's sleep: the switch took it (esl-sim runs it once the sleep ends).
    expect(env.simCall(uuid).apis.find((api) => api.command === 'uuid_broadcast' && api.arg.includes('say::en number iterated 1234'))?.reply).toContain('+OK');
    await put(uuid, { module: 'audio_level', data: { action: 'start', level: 2, mode: 'write' } });
    expect(env.simCall(uuid).variables['audio_write']).toBe('2');
    await put(uuid, { module: 'audio_level', data: { action: 'stop' } });
    expect(env.simCall(uuid).variables['audio_write']).toBeUndefined();
    await put(uuid, { module: 'sound_touch', data: { action: 'start', pitch: 1.5 } });
    expect(env.simCall(uuid).variables['soundtouch']).toBe('1.5p');
    await put(uuid, { module: 'sound_touch', data: { action: 'stop' } });
    expect(env.simCall(uuid).variables['soundtouch']).toBeUndefined();
    expect(env.simCall(uuid).destroyed).toBe(false);
  });

  it('POST runs Kazoo\'s actions: callflow by id moves the call onto that callflow; hangup ends it', async () => {
    const { uuid, call } = await liveCall();
    await post(uuid, { action: 'callflow', id: extension });
    await env.callUntil(call.id, 'on the other callflow', (c) => c.action?.id === 'x1' || c.action?.id === 'x2');
    await eventually('spoken', () => env.simCall(uuid).applications.find((app) => app.name === 'speak' && app.arg.includes('the other callflow')));
    await post(uuid, { action: 'break' });
    await post(uuid, { action: 'hangup' });
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    // Gone: not found.
    await eventually('gone', async () => ((await failure(post(uuid, { action: 'hangup' }))).status === 'NOT_FOUND' ? true : undefined));
  });

  it('refuses data that does not fit naming the field, and another account\'s channel as not found', async () => {
    const { uuid, call } = await liveCall();
    expect(await failure(put(uuid, { module: 'tts', data: { text: 7 } }))).toMatchObject({ status: 'INVALID_ARGUMENT', field: 'data.data.text' });
    expect(await failure(post(uuid, { action: 'callflow', id: 7 }))).toMatchObject({ status: 'INVALID_ARGUMENT', field: 'data.id' });
    expect(await failure(post(uuid, { action: 'dance' }))).toMatchObject({ status: 'INVALID_ARGUMENT', field: 'action' });
    expect((await failure(put(uuid, { module: 'tts', data: { text: 'x' } }, 'someone-else'))).status).toBe('NOT_FOUND');
    expect((await failure(post(uuid, { action: 'hangup' }, 'someone-else'))).status).toBe('NOT_FOUND');
    expect((await env.getCall(call.id)).status).toBe('progressing');
  });
});
