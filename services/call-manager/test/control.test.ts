import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import { CallEnv, eventually } from './harness.js';

async function failure(promise: Promise<unknown>): Promise<VoipError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VoipError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

/** Devices, outgoing calls by RPC, live control and the call list, with customer-manager running. */
describe('calls over RPC', () => {
  const env = new CallEnv();
  let accountId = '';

  beforeAll(async () => {
    await env.start({ customers: true });
    accountId = (await env.customers.call('bootstrap', { body: {} })).account_id;
    env.sim.setDestination('+15558000', { answer: 'answer', after_ms: 500 });
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  it("identifies the calling device by its SIP username and records its user and account on the call", async () => {
    const user = await env.customers.call('createUser', { params: { account_id: accountId }, body: { username: 'alice', first_name: 'Alice', password: 'alice-secret-1' } });
    const device = await env.customers.call('createDevice', { params: { account_id: accountId }, body: { name: 'desk phone', owner_id: user.id, sip: { username: 'alice-desk' } } });
    await env.flow('2001', [{ id: 'a1', type: 'answer' }, { id: 'a2', type: 'hangup' }], accountId);
    const uuid = env.sim.placeCall({ from: '1001', to: '2001', variables: { sip_auth_username: 'alice-desk' } });
    const call = await env.callUntil((await env.callOfChannel(uuid)).id, 'hung up', (c) => c.status === 'hangup');
    expect(call.device).toEqual({ id: device.id, account_id: accountId, user_id: user.id, sip_username: 'alice-desk', name: 'desk phone' });
    expect(call.owner_id).toBe(user.id);
    expect(call.source.type).toBe('sip');
    await eventually('channel_create', () => env.eventsOf('channel_create', (data) => data.call_id === uuid).length === 1);
    expect(env.eventsOf('channel_create', (data) => data.call_id === uuid)[0]).toMatchObject({
      account_id: accountId,
      authorizing_id: device.id,
      authorizing_type: 'device',
      owner_id: user.id,
      inception: 'onnet',
    });
    const variables = await env.flows.call('getVariables', { params: { id: call.activeflow_id } });
    expect(variables.variables).toMatchObject({ 'voipbin.call.device_id': device.id, 'voipbin.call.owner_id': user.id });

    // Without sip_auth_username the SIP From user is tried; a caller who is no device has none.
    const other = env.sim.placeCall({ from: 'alice-desk', to: '2001' });
    expect((await env.callUntil((await env.callOfChannel(other)).id, 'hung up', (c) => c.status === 'hangup')).device?.id).toBe(device.id);
    const stranger = env.sim.placeCall({ from: '+15550123', to: '2001' });
    expect((await env.callUntil((await env.callOfChannel(stranger)).id, 'hung up', (c) => c.status === 'hangup')).device).toBeNull();
  });

  it('places outgoing calls by RPC and runs their flow once answered', async () => {
    const flow = await env.flows.call('createFlow', { body: { name: 'outbound', account_id: accountId, actions: [{ type: 'talk', option: { text: 'this is a reminder' } }, { type: 'hangup' }] } });
    const reply = await env.calls.call('createCalls', {
      body: { account_id: accountId, source: { type: 'tel', target: '+15550200', target_name: 'Reminders' }, destinations: [{ type: 'tel', target: '+15558000' }], flow_id: flow.id },
    });
    expect(reply.groupcalls).toEqual([]);
    expect(reply.calls).toEqual([expect.objectContaining({ direction: 'outgoing', status: 'dialing', flow_id: flow.id, account_id: accountId })]);
    const call = await env.callUntil(reply.calls[0]!.id, 'hung up', (c) => c.status === 'hangup');
    expect(call).toMatchObject({ hangup_by: 'local', hangup_reason: 'normal' });
    expect(call.tm_ringing).not.toBeNull();
    expect(call.tm_progressing).not.toBeNull();
    const leg = env.simCall(call.channel_id);
    expect(leg).toMatchObject({ direction: 'outbound', to: '+15558000', from: '+15550200', answered: true });
    expect(leg.apis.map((api) => api.command)).toContain('originate');
    expect(leg.applications.map((app) => [app.name, app.arg])).toEqual([
      ['park', ''],
      ['speak', 'flite|slt|this is a reminder'],
      ['hangup', 'NORMAL_CLEARING'],
    ]);
    const types = env.events.filter((event) => (event.data as { id?: string }).id === call.id).map((event) => event.type);
    expect(types.slice(0, 3)).toEqual(['call_created', 'call_ringing', 'call_progressing']);

    const refused = await failure(env.calls.call('createCalls', { body: { account_id: accountId, destinations: [{ type: 'agent', target: 'a1' }], flow_id: flow.id } }));
    expect(refused).toMatchObject({ status: 'INVALID_ARGUMENT', field: 'destinations.0.type' });
    expect((await failure(env.calls.call('createCalls', { body: { account_id: accountId, destinations: [{ type: 'tel', target: '1' }] } }))).field).toBe('flow_id');
  });

  it('controls a live call: talk, play, digits, recording, media stop, forced next and hangup', async () => {
    await env.flow('2002', [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'sleep', option: { duration: 600000 } },
      { id: 'a3', type: 'talk', option: { text: 'moved on' } },
      { id: 'a4', type: 'sleep', option: { duration: 600000 } },
      { id: 'a5', type: 'sleep', option: { duration: 600000 } },
    ], accountId);
    const uuid = env.sim.placeCall({ from: '1002', to: '2002' });
    const call = await env.callUntil((await env.callOfChannel(uuid)).id, 'sleeping', (c) => c.action?.id === 'a2');
    const other = await failure(env.calls.call('talk', { params: { id: call.id }, body: { account_id: 'someone-else', text: 'hi' } }));
    expect(other.status).toBe('NOT_FOUND');

    await env.calls.call('talk', { params: { id: call.id }, body: { account_id: accountId, text: 'an announcement', gender: 'male' } });
    await env.calls.call('play', { params: { id: call.id }, body: { media_urls: ['https://example.com/notice.wav'] } });
    await env.calls.call('sendDigits', { params: { id: call.id }, body: { digits: '123' } });
    const recording = await env.calls.call('recordingStart', { params: { id: call.id }, body: { format: 'mp3' } });
    expect(recording.recording_id).not.toBe('');
    expect((await failure(env.calls.call('recordingStart', { params: { id: call.id }, body: {} }))).reason).toBe('ALREADY_RECORDING');
    await eventually('recording', async () => (await env.calls.call('getRecording', { params: { id: recording.recording_id } })).status === 'recording');
    await env.calls.call('recordingStop', { params: { id: call.id }, body: {} });
    const stopped = await eventually('recording ended', async () => {
      const found = await env.calls.call('getRecording', { params: { id: recording.recording_id } });
      return found.status === 'ended' ? found : undefined;
    });
    expect(stopped.file_path).toMatch(/\.mp3$/);
    const apis = env.simCall(uuid).apis.map((api) => `${api.command} ${api.arg}`);
    expect(apis).toEqual(
      expect.arrayContaining([
        `uuid_broadcast ${uuid} 'speak::flite|kal|an announcement' aleg`,
        `uuid_broadcast ${uuid} 'https://example.com/notice.wav' aleg`,
        `uuid_send_dtmf ${uuid} 123`,
        `uuid_record ${uuid} start ${stopped.file_path}`,
        `uuid_record ${uuid} stop ${stopped.file_path}`,
      ]),
    );
    await eventually('the digits sent', () => env.simCall(uuid).dtmf_sent === '123');

    const held = await env.calls.call('hold', { params: { id: call.id }, body: {} });
    expect(held.hold).toBe(true);
    expect((await env.calls.call('unhold', { params: { id: call.id }, body: {} })).hold).toBe(false);
    expect((await env.calls.call('mute', { params: { id: call.id }, body: { direction: 'in' } })).mute_direction).toBe('in');
    expect(env.simCall(uuid).variables.audio_read).toBe('mute');
    expect(env.simCall(uuid).variables.audio_write).toBeUndefined();
    expect((await env.calls.call('unmute', { params: { id: call.id }, body: {} })).mute_direction).toBe('');
    expect(env.simCall(uuid).variables.audio_read).toBeUndefined();
    expect(env.simCall(uuid).apis.map((api) => `${api.command} ${api.arg}`)).toEqual(expect.arrayContaining([`uuid_hold ${uuid}`, `uuid_hold off ${uuid}`]));

    // action-next with force stops the sleep and moves the flow on.
    await env.calls.call('actionNext', { params: { id: call.id }, body: { force: true } });
    await env.callUntil(call.id, 'on the next sleep', (c) => c.action?.id === 'a4');
    expect(env.simCall(uuid).applications.map((app) => app.arg)).toContain('flite|slt|moved on');
    // Stopping the media ends the application the action waits for: the flow moves on.
    await env.calls.call('mediaStop', { params: { id: call.id }, body: {} });
    await env.callUntil(call.id, 'on the last sleep', (c) => c.action?.id === 'a5');

    const hungUp = await env.calls.call('hangupCall', { params: { id: call.id }, body: { reason: 'normal' } });
    expect(['terminating', 'hangup']).toContain(hungUp.status);
    const ended = await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    expect(ended).toMatchObject({ hangup_by: 'local', hangup_reason: 'normal' });
    expect((await failure(env.calls.call('hangupCall', { params: { id: call.id }, body: {} }))).reason).toBe('CALL_ENDED');
    expect((await failure(env.calls.call('getCall', { params: { id: 'no-such-call' } }))).status).toBe('NOT_FOUND');
  });

  it('lists calls a page at a time, newest first, for an account', async () => {
    await env.flow('2003', [{ id: 'a1', type: 'hangup' }], 'acct-paging');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const uuid = env.sim.placeCall({ from: `30${i}`, to: '2003' });
      ids.push((await env.callUntil((await env.callOfChannel(uuid)).id, 'hung up', (c) => c.status === 'hangup')).id);
    }
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await env.calls.call('listCalls', { query: { page_size: 2, ...(token ? { page_token: token } : {}) }, body: { account_id: 'acct-paging' } });
      expect(page.result.length).toBeLessThanOrEqual(2);
      seen.push(...page.result.map((call) => call.id));
      token = page.next_page_token === '' ? undefined : page.next_page_token;
    } while (token !== undefined);
    expect(seen).toEqual([...ids].reverse());
    const deleted = await env.calls.call('deleteCall', { params: { id: ids[0]! } });
    expect(deleted.tm_delete).not.toBeNull();
    const after = await env.calls.call('listCalls', { query: {}, body: { account_id: 'acct-paging' } });
    expect(after.result.map((call) => call.id)).not.toContain(ids[0]);
    const channels = await env.calls.call('listChannels', { body: { account_id: 'acct-paging' } });
    expect(channels.result).toEqual([]);
  });
});
