import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CallEnv, eventually } from './harness.js';

/** The media actions, each as the FreeSWITCH applications and commands it becomes. */
describe('media actions', () => {
  const env = new CallEnv();

  beforeAll(async () => {
    await env.start();
    env.usesDelay(300);
    env.usesDelay(100);
    env.usesDelay(5000);
    env.sim.setDestination('+15554000', { answer: 'answer', after_ms: 100, amd: 'machine' });
    env.sim.setDestination('+15554001', { answer: 'answer', after_ms: 100, amd: 'human' });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  it('runs beep, digits_send, echo, stream_echo, sleep and the external media streams', async () => {
    await env.flow('+15550501', [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'beep' },
      { id: 'a3', type: 'digits_send', option: { digits: '12', duration: 100 } },
      { id: 'a4', type: 'dtmf_send', option: { digits: '#' } },
      { id: 'a5', type: 'echo', option: { duration: 300 } },
      { id: 'a6', type: 'stream_echo', option: { duration: 100 } },
      { id: 'a7', type: 'sleep', option: { duration: 500 } },
      { id: 'a8', type: 'external_media_start', option: { external_host: '10.0.0.5:9000' } },
      { id: 'a9', type: 'external_media_start', option: { external_host: 'wss://media.example.com/stream', transport: 'websocket' } },
      { id: 'a10', type: 'external_media_stop' },
      { id: 'a11', type: 'hangup' },
    ]);
    const uuid = env.sim.placeCall({ from: '+15552100', to: '+15550501' });
    const call = await env.callUntil((await env.callOfChannel(uuid)).id, 'hung up', (c) => c.status === 'hangup');
    // RTP by unicast is refused: FreeSWITCH stops it when the next application ends.
    expect(call.errors.map((error) => [error.action_id, error.reason])).toEqual([['a8', 'EXTERNAL_MEDIA_UNSUPPORTED']]);
    const view = env.simCall(uuid);
    expect(view.applications.map((app) => [app.name, app.arg])).toEqual([
      ['socket', expect.any(String)],
      ['answer', ''],
      ['playback', 'tone_stream://%(250,0,1000)'],
      ['send_dtmf', '12@100'],
      ['send_dtmf', '#'],
      ['echo', ''],
      ['echo', ''],
      ['sleep', '500'],
      ['hangup', 'NORMAL_CLEARING'],
    ]);
    expect(view.dtmf_sent).toBe('12#');
    const apis = view.apis.map((api) => `${api.command} ${api.arg}`);
    expect(apis).toEqual(expect.arrayContaining([`uuid_audio_fork ${uuid} start wss://media.example.com/stream mono 8k`, `uuid_audio_fork ${uuid} stop`]));
    expect(apis.filter((api) => api.startsWith('unicast'))).toEqual([]);
    expect(call.external_medias.map((media) => [media.external_host, media.transport, media.status])).toEqual([['wss://media.example.com/stream', 'websocket', 'stopped']]);
  });

  it('talk with digits_handle next moves on at a key; an async talk lets a gather collect while it plays', async () => {
    await env.flow('+15550502', [
      { id: 'a1', type: 'answer' },
      // Prompts of over a simulated minute, so that the keys surely come while they play.
      { id: 'a2', type: 'talk', option: { text: `press any key to skip this ${'long '.repeat(200)}introduction`, digits_handle: 'next' } },
      { id: 'a3', type: 'talk', option: { text: `now enter two digits while this plays ${'on and '.repeat(100)}on`, async: true, provider: 'polly', voice_id: 'Joanna' } },
      { id: 'a4', type: 'dtmf_receive', option: { duration: 5000, length: 2 } },
      { id: 'a5', type: 'hangup' },
    ]);
    const uuid = env.sim.placeCall({ from: '+15552101', to: '+15550502' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'in the introduction', (c) => c.action?.id === 'a2');
    await eventually('speak running', () => env.simCall(uuid).applications.some((app) => app.name === 'speak' && app.response === null));
    await env.sim.sendDtmf(uuid, { digits: '5' });
    await env.callUntil(call.id, 'gathering', (c) => c.action?.id === 'a4');
    // The second talk plays on while the gather takes the digits.
    expect(env.simCall(uuid).applications.find((app) => app.arg.startsWith('polly|Joanna|'))?.response).toBeNull();
    await env.sim.sendDtmf(uuid, { digits: '7' });
    const ended = await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    expect(ended.hangup_reason).toBe('normal');
    const variables = await env.flows.call('getVariables', { params: { id: ended.activeflow_id } });
    // The key that skipped the introduction carries over into the gather (voipbin's rule).
    expect(variables.variables['voipbin.call.digits']).toBe('57');
  });

  it('joins a conference and leaves it when the flow is moved on by force', async () => {
    await env.flow('+15550503', [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'conference_join', option: { conference_id: 'room-1' } },
      { id: 'a3', type: 'talk', option: { text: 'you left the conference' } },
      { id: 'a4', type: 'hangup' },
    ]);
    const uuid = env.sim.placeCall({ from: '+15552102', to: '+15550503' });
    const call = await env.callUntil((await env.callOfChannel(uuid)).id, 'in the conference', (c) => c.action?.id === 'a2');
    await eventually('a member', () => env.simCall(uuid).applications.some((app) => app.name === 'conference' && app.arg === 'room-1@default'));
    await env.calls.call('actionNext', { params: { id: call.id }, body: { force: true } });
    const ended = await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    expect(ended.hangup_reason).toBe('normal');
    const apps = env.simCall(uuid).applications;
    expect(apps.find((app) => app.name === 'conference')?.response).not.toBeNull();
    expect(apps.map((app) => app.arg)).toContain('flite|slt|you left the conference');
    expect(env.simCall(uuid).events).toEqual(expect.arrayContaining(['CUSTOM conference::maintenance']));
  });

  it('publishes confbridge_joined and confbridge_leaved as a call comes into a conference confbridge and is moved on', async () => {
    const bridge = await env.calls.call('createConfbridge', { body: { account_id: 'acct-test', type: 'conference' } });
    await env.flow('+15550504', [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'confbridge_join', option: { confbridge_id: bridge.id } },
      { id: 'a3', type: 'hangup' },
    ]);
    const uuid = env.sim.placeCall({ from: '+15552103', to: '+15550504' });
    const call = await env.callUntil((await env.callOfChannel(uuid)).id, 'in the confbridge', (c) => c.action?.id === 'a2');
    await eventually('joined', () => env.eventsOf('confbridge_joined', (data) => data.call_id === call.id).length === 1);
    expect(env.eventsOf('confbridge_joined', (data) => data.call_id === call.id)).toEqual([
      expect.objectContaining({ id: bridge.id, type: 'conference', account_id: 'acct-test', call_ids: [call.id], call_id: call.id }),
    ]);
    await env.calls.call('actionNext', { params: { id: call.id }, body: { force: true } });
    await eventually('left', () => env.eventsOf('confbridge_leaved', (data) => data.call_id === call.id).length === 1);
    expect(env.eventsOf('confbridge_leaved', (data) => data.call_id === call.id)).toEqual([expect.objectContaining({ id: bridge.id, call_ids: [], call_id: call.id })]);
  });

  it('hangs up on a machine with reason amd, and goes on for a human', async () => {
    const actions = [
      { id: 'a1', type: 'amd', option: { machine_handle: 'hangup' } },
      { id: 'a2', type: 'talk', option: { text: 'hello human' } },
      { id: 'a3', type: 'hangup' },
    ];
    const machine = (await env.calls.call('createCalls', { body: { account_id: 'acct-test', destinations: [{ type: 'tel', target: '+15554000' }], actions } })).calls[0]!;
    const human = (await env.calls.call('createCalls', { body: { account_id: 'acct-test', destinations: [{ type: 'tel', target: '+15554001' }], actions } })).calls[0]!;
    const machineEnded = await env.callUntil(machine.id, 'hung up', (c) => c.status === 'hangup');
    expect(machineEnded).toMatchObject({ hangup_reason: 'amd', hangup_by: 'local' });
    expect(env.simCall(machine.channel_id).applications.map((app) => app.name)).not.toContain('speak');
    const humanEnded = await env.callUntil(human.id, 'hung up', (c) => c.status === 'hangup');
    expect(humanEnded.hangup_reason).toBe('normal');
    expect(env.simCall(human.channel_id).applications.map((app) => [app.name, app.arg])).toEqual(
      expect.arrayContaining([
        ['amd', ''],
        ['speak', 'flite|slt|hello human'],
      ]),
    );
  });
});
