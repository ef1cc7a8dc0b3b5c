import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HttpReceiver } from '@voxmesh/testkit';
import { CallEnv, eventually } from './harness.js';

const ACCOUNT = 'acct-metaflow-record';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** konami `record_call` with Kazoo's `url`, `method`, `media_name`, `label` and `record_min_sec`, on a live call. */
describe('konami record_call: upload, name, label and minimum length', () => {
  const env = new CallEnv();
  const receiver = new HttpReceiver();
  const received = receiver.received;
  let base = '';

  beforeAll(async () => {
    base = (await receiver.start()).base;
    await env.start({ callFlags: ['-recording_upload_allow_private'] });
    const long = { type: 'sleep', option: { duration: 86_400_000 } };
    await env.flow('4301', [{ id: 'a1', type: 'answer' }, { id: 'a2', ...long }], ACCOUNT);
  }, 60_000);

  afterAll(async () => {
    await env.close();
    await receiver.close();
  }, 60_000);

  const put = (id: string, data: unknown) => env.calls.call('channelMetaflow', { params: { id }, body: { account_id: ACCOUNT, action: 'metaflow', data: data as { module: string } } });

  async function liveCall() {
    const uuid = env.sim.placeCall({ from: '1001', to: '4301' });
    const call = await env.callUntil((await env.callOfChannel(uuid)).id, 'sleeping', (c) => c.action?.id === 'a2');
    return { uuid, call };
  }

  async function recordingOf(callId: string) {
    const id = await eventually('a recording', async () => (await env.getCall(callId)).recording_id || undefined);
    await eventually('recording', async () => ((await env.calls.call('getRecording', { params: { id } })).status === 'recording' ? true : undefined));
    return id;
  }

  it('sends the finished file to url by POST, named as Kazoo names it, and keeps media_name and label on the recording', async () => {
    const { uuid, call } = await liveCall();
    await put(uuid, { module: 'record_call', data: { action: 'start', format: 'wav', url: `${base}/recordings/`, method: 'post', media_name: 'board-meeting', label: 'board' } });
    const id = await recordingOf(call.id);
    await sleep(300);
    await put(uuid, { module: 'record_call', data: { action: 'stop' } });
    const upload = await eventually('the upload', () => received.find((r) => r.url === `/recordings/call_recording_${call.id}.wav`));
    expect(upload.method).toBe('POST');
    expect(upload.contentType).toBe('audio/wav');
    expect(upload.body.subarray(0, 4).toString('ascii')).toBe('RIFF');
    const recording = await env.calls.call('getRecording', { params: { id } });
    expect(recording).toMatchObject({ status: 'ended', name: 'board-meeting.wav', label: 'board' });
    expect(recording.discarded).toBeUndefined();
  });

  it('discards a recording shorter than record_min_sec: the switch is told, and nothing is sent', async () => {
    const { uuid, call } = await liveCall();
    const before = received.length;
    await put(uuid, { module: 'record_call', data: { action: 'toggle', url: `${base}/short`, record_min_sec: 30 } });
    const id = await recordingOf(call.id);
    expect(env.simCall(uuid).apis.map((api) => `${api.command} ${api.arg}`)).toContain(`uuid_setvar ${uuid} RECORD_MIN_SEC 30`);
    await put(uuid, { module: 'record_call', data: { action: 'toggle' } });
    await eventually('ended', async () => ((await env.calls.call('getRecording', { params: { id } })).status === 'ended' ? true : undefined));
    expect(await env.calls.call('getRecording', { params: { id } })).toMatchObject({ discarded: true });
    await sleep(500);
    expect(received.slice(before)).toEqual([]);
  });

  it('refuses a url that is not http(s), naming the field', async () => {
    const { uuid } = await liveCall();
    await expect(put(uuid, { module: 'record_call', data: { url: 'ftp://example.com/x' } })).rejects.toMatchObject({ status: 'INVALID_ARGUMENT', field: 'data.data.url' });
  });
});
