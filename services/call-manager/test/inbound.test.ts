import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { callManager } from '@voxmesh/contracts';
import { CallEnv, eventually } from './harness.js';

/** Inbound calls end to end: esl-sim places them, call-manager runs their flows from flow-manager. */
describe('inbound calls', () => {
  const env = new CallEnv();

  beforeAll(async () => {
    await env.start();
    env.usesDelay(5000);
    env.usesDelay(300);
  }, 60_000);

  afterAll(async () => {
    await env.close();
  }, 60_000);

  it('runs answer, talk, digits_receive, branch, play and hangup, each on its FreeSWITCH completion', async () => {
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
    expect(ended).toMatchObject({ direction: 'incoming', hangup_by: 'local', hangup_reason: 'normal', hangup_cause: 'NORMAL_CLEARING', account_id: 'acct-test', errors: [] });
    expect(ended.source).toMatchObject({ type: 'tel', target: '+15551234' });
    expect(ended.tm_progressing).not.toBeNull();
    const view = await eventually('the channel to be down', () => (env.simCall(uuid).hangup_cause ? env.simCall(uuid) : undefined));
    expect(view.applications.map((app) => [app.name, app.arg])).toEqual([
      ['socket', expect.any(String)],
      ['answer', ''],
      ['speak', 'flite|slt|press one for sales'],
      ['playback', 'https://example.com/sales.wav'],
      ['hangup', 'NORMAL_CLEARING'],
    ]);
    expect(view.hangup_cause).toBe('NORMAL_CLEARING');

    // The activeflow is stopped after the call's hangup is saved, not before: wait for it.
    const activeflow = await eventually('the activeflow to end', async () => {
      const read = await env.flows.call('getActiveflow', { params: { id: ended.activeflow_id } });
      return read.status === 'ended' ? read : undefined;
    });
    expect(activeflow).toMatchObject({ status: 'ended', reference_type: 'call', reference_id: call.id });
    const variables = await env.flows.call('getVariables', { params: { id: ended.activeflow_id } });
    expect(variables.variables).toMatchObject({ 'voipbin.call.id': call.id, 'voipbin.call.direction': 'incoming', 'voipbin.call.source.target': '+15551234' });

    await eventually('the hangup events', () => env.eventsOf('call_hangup', (data) => data.id === call.id).length === 1 && env.eventsOf('channel_destroy', (data) => data.call_id === uuid).length === 1);
    const types = env.events.filter((event) => (event.data as { id?: string }).id === call.id).map((event) => event.type);
    expect(types[0]).toBe('call_created');
    expect(types).toEqual(expect.arrayContaining(['call_progressing', 'call_updated', 'call_terminating', 'call_hangup']));
    expect(types.indexOf('call_progressing')).toBeLessThan(types.indexOf('call_hangup'));
    expect(env.eventsOf('dtmf_received', (data) => data.call_id === call.id)).toEqual([expect.objectContaining({ digit: '1', account_id: 'acct-test' })]);
    const channelEvents = env.events.filter((event) => (event.data as { call_id?: string }).call_id === uuid && event.type.startsWith('channel_'));
    expect(channelEvents.map((event) => event.type)).toEqual(['channel_create', 'channel_answer', 'channel_destroy']);
    expect(channelEvents[2]!.data).toMatchObject({
      account_id: 'acct-test',
      call_id: uuid,
      call_direction: 'inbound',
      caller_id_number: '+15551234',
      callee_id_number: '+15550001',
      inception: 'offnet',
      hangup_cause: 'NORMAL_CLEARING',
      hangup_code: 'sip:200',
      duration_seconds: expect.any(Number),
      billing_seconds: expect.any(Number),
      ringing_seconds: expect.any(Number),
      custom_channel_vars: expect.objectContaining({ call_id: call.id, activeflow_id: ended.activeflow_id }),
    });
    const destroy = channelEvents[2]!.data as { duration_seconds: number; billing_seconds: number };
    expect(destroy.duration_seconds).toBeGreaterThanOrEqual(destroy.billing_seconds);
    expect(destroy.billing_seconds).toBeGreaterThan(0);
  });

  it('rejects a number no flow answers with NO_ROUTE_DESTINATION (SIP 404)', async () => {
    const uuid = env.sim.placeCall({ from: '+15551234', to: '+15550999' });
    const view = await eventually('the call rejected', () => (env.simCall(uuid).hangup_cause ? env.simCall(uuid) : undefined));
    expect(view).toMatchObject({ hangup_cause: 'NO_ROUTE_DESTINATION', answered: false });
    expect(view.variables.sip_term_status).toBe('404');
    const call = await env.callUntil((await env.callOfChannel(uuid)).id, 'hung up', (c) => c.status === 'hangup');
    expect(call).toMatchObject({ hangup_reason: 'failed', hangup_by: 'local', hangup_cause: 'NO_ROUTE_DESTINATION', account_id: '' });
  });

  it('ends the call as a remote hangup when the caller hangs up during a prompt, and stops its activeflow', async () => {
    await env.flow('+15550002', [
      { id: 'a1', type: 'answer' },
      // About 150 simulated seconds: long enough for the test to hang up during it on a busy machine.
      { id: 'a2', type: 'talk', option: { text: `this is a very long prompt that the caller will not wait for ${'and on '.repeat(200)}` } },
      { id: 'a3', type: 'play', option: { stream_urls: ['https://example.com/never.wav'] } },
    ]);
    env.sim.setPromptLength('https://example.com/never.wav', 1000);
    const uuid = env.sim.placeCall({ from: '+15551235', to: '+15550002' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'talking', (c) => c.action?.type === 'talk');
    await eventually('speak running', () => env.simCall(uuid).applications.some((app) => app.name === 'speak' && app.response === null));
    env.sim.hangup(uuid);
    const ended = await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    expect(ended).toMatchObject({ hangup_by: 'remote', hangup_reason: 'normal', hangup_cause: 'NORMAL_CLEARING' });
    expect(ended.action?.id).toBe('a2');
    const activeflow = await eventually('the activeflow stopped', async () => {
      const found = await env.flows.call('getActiveflow', { params: { id: ended.activeflow_id } });
      return found.status === 'ended' ? found : undefined;
    });
    expect(activeflow.end_reason).toBe('stopped');
    expect(env.simCall(uuid).applications.map((app) => app.name)).not.toContain('playback');
  });

  it('moves on from digits_receive when its duration passes without digits (a delayed message to itself)', async () => {
    await env.flow('+15550003', [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'digits_receive', option: { duration: 300, length: 3 } },
      { id: 'a3', type: 'branch', option: { variable: 'voipbin.call.digits', target_ids: { '123': 'ok' }, default_target_id: 'none' } },
      { id: 'none', type: 'play', option: { stream_urls: ['https://example.com/nothing.wav'] } },
      { id: 'bye', type: 'hangup' },
      { id: 'ok', type: 'play', option: { stream_urls: ['https://example.com/ok.wav'] } },
    ]);
    const uuid = env.sim.placeCall({ from: '+15551236', to: '+15550003' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    expect(env.simCall(uuid).applications.map((app) => app.arg)).toContain('https://example.com/nothing.wav');
  });

  it('keeps digits pressed during a prompt for the gather after it, and acts on a timeout only for the run it names', async () => {
    await env.flow('+15550004', [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'talk', option: { text: `enter your pin, followed by pound, ${'now '.repeat(100)}please` } },
      { id: 'a3', type: 'digits_receive', option: { duration: 5000, key: '#' } },
      { id: 'a4', type: 'sleep', option: { duration: 100000 } },
    ]);
    const uuid = env.sim.placeCall({ from: '+15551237', to: '+15550004' });
    const call = await env.callOfChannel(uuid);
    await env.callUntil(call.id, 'talking', (c) => c.action?.type === 'talk');
    await eventually('speak running', () => env.simCall(uuid).applications.some((app) => app.name === 'speak' && app.response === null));
    // A key pressed during the prompt is kept (voipbin: it replaces what was there), and carries over.
    await env.sim.sendDtmf(uuid, { digits: '9' });
    const gathering = await env.callUntil(call.id, 'gathering', (c) => c.action?.type === 'digits_receive');
    await env.sim.sendDtmf(uuid, { digits: '42#', interval_ms: 50 });
    const sleeping = await env.callUntil(call.id, 'sleeping', (c) => c.action?.type === 'sleep');
    const variables = await env.flows.call('getVariables', { params: { id: sleeping.activeflow_id } });
    expect(variables.variables['voipbin.call.digits']).toBe('942#');
    // The gather's own timeout, arriving late, finds another run and does nothing.
    const stale = await env.calls.call('actionTimeout', { params: { id: call.id }, body: { action_id: 'a3', tm_execute: gathering.action!.tm_execute } });
    expect(stale.handled).toBe(false);
    const wrongTime = await env.calls.call('actionTimeout', { params: { id: call.id }, body: { action_id: 'a4', tm_execute: '2000-01-01T00:00:00.000Z' } });
    expect(wrongTime.handled).toBe(false);
    // One naming the running sleep, exactly, stops it and the flow (now finished) hangs up.
    const current = await env.calls.call('actionTimeout', { params: { id: call.id }, body: { action_id: 'a4', tm_execute: sleeping.action!.tm_execute } });
    expect(current.handled).toBe(true);
    const ended = await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    expect(ended.hangup_reason).toBe('normal');
  });

  it('records a refused action with its reason and goes on with the flow', async () => {
    await env.flow('+15550005', [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'queue_join', option: { queue_id: 'q1' } },
      { id: 'a3', type: 'transcribe_start', option: { language: 'en-US' } },
      { id: 'a4', type: 'agent_call', option: { agent_id: 'agent-1' } },
      { id: 'a5', type: 'hangup', option: { reason: 'busy' } },
    ]);
    const uuid = env.sim.placeCall({ from: '+15551238', to: '+15550005' });
    const call = await env.callOfChannel(uuid);
    const ended = await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    expect(ended.errors.map((error) => [error.action_id, error.action_type, error.reason])).toEqual([
      ['a2', 'queue_join', 'SERVICE_UNAVAILABLE'],
      ['a3', 'transcribe_start', 'SERVICE_UNAVAILABLE'],
      ['a4', 'agent_call', 'SERVICE_UNAVAILABLE'],
    ]);
    expect(ended.errors[0]!.message).toContain('queue-manager');
    expect(ended).toMatchObject({ hangup_reason: 'busy', hangup_by: 'local', hangup_cause: 'USER_BUSY' });
    expect(env.simCall(uuid).hangup_cause).toBe('USER_BUSY');
  });

  it('records a call: a recording resource with its file and length, and its events', async () => {
    await env.flow('+15550006', [
      { id: 'a1', type: 'answer' },
      { id: 'a2', type: 'recording_start', option: { format: 'wav', beep_start: true } },
      { id: 'a3', type: 'talk', option: { text: 'say something after the beep and we will keep it' } },
      { id: 'a4', type: 'recording_stop' },
      { id: 'a5', type: 'hangup' },
    ]);
    const uuid = env.sim.placeCall({ from: '+15551239', to: '+15550006' });
    const call = await env.callOfChannel(uuid);
    const ended = await env.callUntil(call.id, 'hung up', (c) => c.status === 'hangup');
    expect(ended.recording_ids).toHaveLength(1);
    expect(ended.recording_id).toBe('');
    const recording = await env.calls.call('getRecording', { params: { id: ended.recording_ids[0]! } });
    expect(recording).toMatchObject({
      status: 'ended',
      call_id: call.id,
      reference_type: 'call',
      account_id: 'acct-test',
      format: 'wav',
      file_path: `/tmp/voxmesh-test-recordings/${recording.id}.wav`,
    });
    expect(recording.duration_ms).toBeGreaterThan(1000);
    expect(recording.tm_start).not.toBeNull();
    expect(recording.tm_end).not.toBeNull();
    const listed = await env.calls.call('listRecordings', { query: {}, body: { call_id: call.id } });
    expect(listed.result.map((r) => r.id)).toEqual([recording.id]);
    const simRecordings = env.simCall(uuid).recordings;
    expect(simRecordings).toEqual([expect.objectContaining({ path: recording.file_path, ms: recording.duration_ms })]);
    expect(env.simCall(uuid).applications.map((app) => app.name)).toEqual(['socket', 'answer', 'playback', 'record_session', 'speak', 'stop_record_session', 'hangup']);
    await eventually('the recording events', () => env.eventsOf('recording_finished', (data) => data.id === recording.id).length === 1);
    expect(env.eventsOf('recording_started', (data) => data.id === recording.id)).toHaveLength(1);
  });

  it('published every event in the shape its schema gives (the one webhook-manager reads)', () => {
    expect(env.events.length).toBeGreaterThan(50);
    const specs = callManager.callManagerEvents.events as Record<string, { data: { safeParse(data: unknown): { success: boolean; error?: unknown } } }>;
    for (const event of env.events) {
      expect(event.publisher).toBe('call-manager');
      const schema = specs[event.type]?.data;
      expect(schema).toBeDefined();
      const parsed = schema!.safeParse(event.data);
      if (!parsed.success) throw new Error(`${event.type}: ${String(parsed.error)}`);
    }
    const types = new Set(env.events.map((event) => event.type));
    for (const type of ['call_created', 'call_updated', 'call_progressing', 'call_terminating', 'call_hangup', 'recording_started', 'recording_finished', 'dtmf_received', 'channel_create', 'channel_answer', 'channel_destroy']) {
      expect(types).toContain(type);
    }
  });
});
