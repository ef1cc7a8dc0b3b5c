import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FlowManagerEnv } from './harness.js';

const FINISH = '00000000-0000-0000-0000-000000000002';

/** Flows, the seed's examples, validation, routing, Kazoo callflows and the limits, on RabbitMQ + MySQL + Redis. */
describe('flow-manager flows, routes and limits', () => {
  const env = new FlowManagerEnv('servers');

  beforeAll(async () => {
    await env.start(['-max_flows_per_account', '3', '-max_iterations', '20', '-max_executions', '30', '-max_stack_depth', '3']);
  });

  afterAll(async () => {
    await env.close();
  });

  /** Flows go to an account of their own unless the test names one, so the per-account cap of 3 only bites where meant. */
  const withAccount = (body: unknown) => (typeof body === 'object' && body !== null && !('account_id' in body) ? { account_id: `acct-${Math.random()}`, ...body } : body);
  const createFlow = (body: unknown) => env.ok('POST', '/v1/flows', withAccount(body));
  const tryFlow = (body: unknown) => env.request('POST', '/v1/flows', withAccount(body));

  async function drive(id: string, prepare?: (action: { id: string; type: string }) => Promise<void>) {
    const ran: { id: string; type: string; option: Record<string, unknown> }[] = [];
    let current: string | undefined;
    for (let i = 0; i < 30; i++) {
      const action = await env.ok('GET', `/v1/activeflows/${id}/next`, current === undefined ? {} : { current_action_id: current });
      if (action.id === FINISH) return ran;
      ran.push(action);
      await prepare?.(action);
      current = action.id;
    }
    throw new Error('did not finish');
  }

  describe("the seed's examples", () => {
    it('creates a flow in the legacy spelling and answers /actions and /actions/<id> in the seed shape', async () => {
      const flow = await createFlow({
        name: 'seed',
        actions: [
          { id: '7e4ae910-880f-11ea-b08b-dbc017c70055', action: 'answer', next_action: '93835308-880f-11ea-97f7-f71252fc3528', data: { action_version: '0.1' } },
          { id: '93835308-880f-11ea-97f7-f71252fc3528', action: 'talk', data: { text: 'hello' } },
        ],
      });
      expect(flow.actions[0]).toEqual({ id: '7e4ae910-880f-11ea-b08b-dbc017c70055', type: 'answer', next_id: '93835308-880f-11ea-97f7-f71252fc3528', option: { action_version: '0.1' } });
      const one = await env.request('GET', `/v1/flows/${flow.id}/actions/7e4ae910-880f-11ea-b08b-dbc017c70055`, {});
      expect(one.status_code).toBe(200);
      expect(one.data).toMatchObject({
        id: '7e4ae910-880f-11ea-b08b-dbc017c70055',
        action: 'answer',
        next_action: '93835308-880f-11ea-97f7-f71252fc3528',
        flow_id: flow.id,
        data: { action_version: '0.1' },
      });
      const all = await env.ok('GET', `/v1/flows/${flow.id}/actions`, {});
      expect(all).toHaveLength(2);
      expect(all[1]).toMatchObject({ id: '93835308-880f-11ea-97f7-f71252fc3528', action: 'talk', next_action: FINISH, flow_id: flow.id, data: { text: 'hello' } });
      expect((await env.request('GET', `/v1/flows/${flow.id}/actions/nope`)).status_code).toBe(404);
    });

    it('creates an activeflow from {call_id, flow_id} and runs it', async () => {
      const flow = await createFlow({ actions: [{ type: 'answer' }] });
      const reply = await env.request('POST', '/v1/activeflows', { call_id: '1eb4ed62-05ef-11eb-9354-eb6fe8497be5', flow_id: flow.id });
      expect(reply.status_code).toBe(200);
      expect(reply.data).toMatchObject({
        call_id: '1eb4ed62-05ef-11eb-9354-eb6fe8497be5',
        flow_id: flow.id,
        reference_type: 'call',
        reference_id: '1eb4ed62-05ef-11eb-9354-eb6fe8497be5',
        status: 'running',
        execute_count: 0,
        current_action: { id: '00000000-0000-0000-0000-000000000001' },
        forward_action_id: '',
      });
      expect(reply.data.actions).toEqual(flow.actions);
      expect(typeof reply.data.tm_create).toBe('string');
      expect(reply.data.tm_delete).toBeNull();
      const variables = await env.ok('GET', `/v1/activeflows/${reply.data.id}/variables`);
      expect(variables.variables).toMatchObject({ 'voipbin.call.id': '1eb4ed62-05ef-11eb-9354-eb6fe8497be5', 'voipbin.activeflow.flow_id': flow.id });
    });

    it('accepts data as a string of JSON, as voipbin sends it', async () => {
      const reply = await tryFlow(JSON.stringify({ actions: [{ action: 'hangup' }] }));
      expect(reply.status_code).toBe(200);
      expect(reply.data.actions[0].type).toBe('hangup');
    });
  });

  describe('validation', () => {
    it('refuses an unknown type with a 400 naming the action', async () => {
      const reply = await tryFlow({ actions: [{ type: 'answer' }, { type: 'dance', option: {} }] });
      expect(reply.status_code).toBe(400);
      expect(reply.data.error).toMatchObject({ status: 'INVALID_ARGUMENT', field: 'data.actions.1.type' });
      expect(reply.data.error.message).toContain('dance');
    });

    it('refuses a bad option with a 400 naming the action and the field', async () => {
      const reply = await tryFlow({ actions: [{ id: 'greeting', type: 'talk', option: { text: 42 } }] });
      expect(reply.status_code).toBe(400);
      expect(reply.data.error.field).toBe('data.actions.0.option.text');
      expect(reply.data.error.message).toContain('talk action greeting');
    });

    it('checks that goto and branch targets exist, and that ids are unique', async () => {
      const gotoReply = await tryFlow({ actions: [{ type: 'answer' }, { type: 'goto', option: { target_id: 'nowhere' } }] });
      expect(gotoReply.status_code).toBe(400);
      expect(gotoReply.data.error.field).toBe('actions.1.option.target_id');
      const branchReply = await tryFlow({ actions: [{ type: 'branch', option: { target_ids: { '1': 'gone' } } }] });
      expect(branchReply.data.error.field).toBe('actions.0.option.target_ids.1');
      const twice = await tryFlow({ actions: [{ id: 'x', type: 'answer' }, { id: 'x', type: 'hangup' }] });
      expect(twice.data.error.field).toBe('actions.1.id');
    });

    it('accepts every action type of the seed, and the ones voipbin added', async () => {
      const actions = [
        { type: 'agent_call', option: { agent_id: 'a1' } },
        { type: 'amd', option: { machine_handle: 'hangup' } },
        { type: 'answer' },
        { type: 'confbridge_join', option: { confbridge_id: 'c1' } },
        { type: 'conference_join', option: { conference_id: 'c1' } },
        { type: 'connect', option: { destinations: [{ type: 'tel', target: '+1555' }] } },
        { type: 'dtmf_receive', option: { duration: 3000, length: 4, key: '#' } },
        { type: 'dtmf_send', option: { digits: '123#' } },
        { type: 'echo', option: { duration: 1000 } },
        { type: 'external_media_start', option: { external_host: 'media.example.com:10000' } },
        { type: 'external_media_stop' },
        { id: 'g', type: 'goto', option: { target_id: 'g', loop_count: 1 } },
        { type: 'hangup' },
        { type: 'patch', option: { event_url: 'https://example.com/next' } },
        { type: 'patch_flow', option: { flow_id: 'f1' } },
        { type: 'play', option: { stream_urls: ['https://example.com/a.wav'] } },
        { type: 'queue_join', option: { queue_id: 'q1' } },
        { type: 'recording_start', option: { format: 'wav' } },
        { type: 'recording_stop' },
        { type: 'stream_echo' },
        { type: 'talk', option: { text: 'hi' } },
        { type: 'transcribe_start', option: { language: 'en-US' } },
        { type: 'transcribe_stop' },
        { type: 'transcribe_recording' },
        { type: 'branch', option: { target_ids: { '1': 'g' } } },
        { type: 'condition_variable', option: { condition: '==', variable: 'x', value_string: 'y', false_target_id: 'g' } },
        { type: 'condition_datetime', option: { condition: '>=', hour: 9, false_target_id: 'g' } },
        { type: 'variable_set', option: { key: 'k', value: 'v' } },
        { type: 'sleep', option: { duration: 100 } },
        { type: 'stop' },
        { type: 'fetch', option: { event_url: 'https://example.com/next', event_method: 'GET' } },
        { type: 'fetch_flow', option: { flow_id: 'f1' } },
        { type: 'webhook_send', option: { uri: 'https://example.com/hook' } },
        { type: 'beep' },
        { type: 'digits_receive', option: { duration: 3000 } },
        { type: 'digits_send', option: { digits: '9' } },
      ];
      const flow = await createFlow({ account_id: 'every-type', actions });
      expect(flow.actions.map((action: { type: string }) => action.type)).toEqual(actions.map((action) => action.type));
      expect(new Set(flow.actions.map((action: { id: string }) => action.id)).size).toBe(actions.length);
    });
  });

  describe('flows', () => {
    it('lists page by page, leaving soft-deleted flows out, and updates', async () => {
      const account = `acct-${Date.now()}`;
      const ids = [];
      for (let i = 0; i < 3; i++) ids.push((await createFlow({ account_id: account, name: `f${i}`, actions: [] })).id);
      const first = await env.ok('GET', '/v1/flows?page_size=2', { account_id: account });
      expect(first.result.map((flow: { name: string }) => flow.name)).toEqual(['f2', 'f1']);
      const second = await env.ok('GET', `/v1/flows?page_size=2&page_token=${first.next_page_token}`, { account_id: account });
      expect(second.result.map((flow: { name: string }) => flow.name)).toEqual(['f0']);
      expect(second.next_page_token).toBe('');
      const updated = await env.ok('PUT', `/v1/flows/${ids[0]}`, { name: 'renamed', actions: [{ type: 'hangup' }] });
      expect(updated).toMatchObject({ name: 'renamed', actions: [{ type: 'hangup' }] });
      expect(updated.tm_update).not.toBeNull();
      const replaced = await env.ok('PUT', `/v1/flows/${ids[0]}/actions`, { actions: [{ type: 'answer' }, { type: 'hangup' }] });
      expect(replaced.actions.map((action: { type: string }) => action.type)).toEqual(['answer', 'hangup']);
      const deleted = await env.ok('DELETE', `/v1/flows/${ids[1]}`);
      expect(deleted.tm_delete).not.toBeNull();
      expect((await env.ok('GET', '/v1/flows', { account_id: account })).result).toHaveLength(2);
      expect((await env.ok('GET', '/v1/flows', { account_id: account, deleted: true })).result).toHaveLength(3);
      const run = await env.request('POST', '/v1/activeflows', { flow_id: ids[1], call_id: 'c' });
      expect(run.status_code).toBe(404);
    });

    it('answers 404 for an unknown uri or flow, and 405 for a wrong method', async () => {
      expect((await env.request('GET', '/v1/flows/missing')).status_code).toBe(404);
      expect((await env.request('GET', '/v1/nothing')).status_code).toBe(404);
      expect((await env.request('PATCH', '/v1/flows/x')).status_code).toBe(405);
    });
  });

  describe('routing', () => {
    it('routes a number to one flow platform-wide: a second flow claiming it gets 409', async () => {
      const number = `+1555${Date.now() % 10_000_000}`;
      const flow = await createFlow({ account_id: 'a1', numbers: [number], actions: [{ type: 'answer' }] });
      const clash = await tryFlow({ account_id: 'a2', numbers: [number], actions: [] });
      expect(clash.status_code).toBe(409);
      expect(clash.data.error.reason).toBe('NUMBER_IN_USE');
      const route = await env.ok('GET', `/v1/routes?number=${encodeURIComponent(number)}`);
      expect(route).toMatchObject({ flow_id: flow.id, match: 'number', captures: [] });
      await env.ok('DELETE', `/v1/flows/${flow.id}`);
      expect((await env.request('GET', `/v1/routes?number=${encodeURIComponent(number)}`)).status_code).toBe(404);
      // Once deleted, its number is free again.
      expect((await tryFlow({ account_id: 'a2', numbers: [number], actions: [] })).status_code).toBe(200);
    });

    it('routes a Kazoo callflow by exact number, then by the longest pattern, with captures as variables', async () => {
      const tag = String(Date.now() % 100000).padStart(5, '0');
      const short = await createFlow({ patterns: [`^9${tag}(1)`], flow: { module: 'hangup' } });
      const callflow = await createFlow({
        name: 'main line',
        numbers: [`8${tag}000`],
        patterns: [`^9${tag}(?<ext>\\d{3})$`],
        flow: {
          module: 'answer',
          children: { _: { module: 'tts', data: { text: 'you dialled ${capture_groups.ext}' }, children: { _: { module: 'hangup' } } } },
        },
      });
      expect(callflow.type).toBe('callflow');
      expect(callflow.flow.module).toBe('answer');
      const exact = await env.ok('GET', `/v1/routes?number=8${tag}000`);
      expect(exact).toMatchObject({ flow_id: callflow.id, match: 'number' });
      const byPattern = await env.ok('GET', `/v1/routes?number=9${tag}123`);
      expect(byPattern).toMatchObject({ flow_id: callflow.id, match: 'pattern', captures: ['123'], named_captures: { ext: '123' } });
      expect(byPattern.variables).toMatchObject({ capture_group: '123', 'capture_groups.ext': '123' });
      const shorter = await env.ok('GET', `/v1/routes?number=9${tag}12`);
      expect(shorter.flow_id).toBe(short.id);
      const activeflow = await env.ok('POST', '/v1/activeflows', { call_id: 'c1', flow_id: byPattern.flow_id, variables: byPattern.variables });
      const ran = await drive(activeflow.id);
      expect(ran.map((action) => action.option.text ?? action.type)).toEqual(['answer', 'you dialled 123', 'hangup']);
    });

    it('refuses a pattern that is not a regular expression, and an unknown module', async () => {
      const bad = await tryFlow({ patterns: ['^(unclosed'], actions: [] });
      expect(bad.status_code).toBe(400);
      expect(bad.data.error.field).toBe('patterns.0');
      const unknown = await tryFlow({ flow: { module: 'answer', children: { _: { module: 'teleport' } } } });
      expect(unknown.status_code).toBe(400);
      expect(unknown.data.error.field).toBe('flow.children._.module');
      expect(unknown.data.error.message).toContain('teleport');
    });

    it('runs a compiled Kazoo menu: the pressed digits choose the child', async () => {
      const callflow = await createFlow({
        flow: {
          module: 'menu',
          data: { retries: 2, media: { greeting: 'http://media/greeting.wav', invalid_media: 'http://media/invalid.wav' } },
          children: {
            '1': { module: 'tts', data: { text: 'sales' } },
            '2': { module: 'tts', data: { text: 'support' } },
            max_retries: { module: 'hangup' },
          },
        },
      });
      const activeflow = await env.ok('POST', '/v1/activeflows', { call_id: 'menu-call', flow_id: callflow.id });
      const pressed = ['9', '2'];
      const ran = await drive(activeflow.id, async (action) => {
        // The media layer puts the digits it collects in voipbin.call.digits.
        if (action.type === 'digits_receive') await env.ok('POST', `/v1/activeflows/${activeflow.id}/variables`, { variables: { 'voipbin.call.digits': pressed.shift() ?? '' } });
      });
      expect(ran.map((action) => (action.type === 'play' ? action.option.stream_urls : action.option.text ?? action.type))).toEqual([
        ['http://media/greeting.wav'],
        'digits_receive',
        ['http://media/invalid.wav'],
        ['http://media/greeting.wav'],
        'digits_receive',
        'support',
      ]);
    });
  });

  describe('fetch targets', () => {
    it('does not let a flow fetch from a private address unless the operator allows it', async () => {
      const flow = await createFlow({ actions: [{ type: 'fetch', option: { event_url: 'http://127.0.0.1:9/actions' } }, { type: 'fetch', option: { event_url: 'http://localhost:9/actions' } }, { type: 'talk', option: { text: 'after' } }] });
      const activeflow = await env.ok('POST', '/v1/activeflows', { call_id: 'c', flow_id: flow.id });
      expect((await env.ok('GET', `/v1/activeflows/${activeflow.id}/next`, {})).option.text).toBe('after');
      const variables = (await env.ok('GET', `/v1/activeflows/${activeflow.id}/variables`)).variables;
      expect(variables['voipbin.fetch.status']).toBe('refused');
      const errors = (await env.ok('GET', `/v1/activeflows/${activeflow.id}`)).errors;
      expect(errors.map((error: { reason: string }) => error.reason)).toEqual(['FETCH_REFUSED', 'FETCH_REFUSED']);
    });
  });

  describe('limits', () => {
    it('caps flows per account with a 429', async () => {
      for (let i = 0; i < 3; i++) await createFlow({ account_id: 'small', actions: [] });
      const reply = await tryFlow({ account_id: 'small', actions: [] });
      expect(reply.status_code).toBe(429);
      expect(reply.data.error).toMatchObject({ status: 'RESOURCE_EXHAUSTED', reason: 'FLOW_LIMIT' });
      expect(reply.data.error.message).toContain('-max_flows_per_account');
    });

    it('ends a flow that loops without reaching the call, naming the iteration limit', async () => {
      const flow = await createFlow({ actions: [{ id: 'loop', type: 'goto', option: { target_id: 'loop' } }] });
      const activeflow = await env.ok('POST', '/v1/activeflows', { call_id: 'c', flow_id: flow.id });
      const reply = await env.request('GET', `/v1/activeflows/${activeflow.id}/next`, {});
      expect(reply.status_code).toBe(429);
      expect(reply.data.error.reason).toBe('ITERATIONS_LIMIT');
      expect(reply.data.error.message).toContain('-max_iterations');
      const ended = await env.ok('GET', `/v1/activeflows/${activeflow.id}`);
      expect(ended).toMatchObject({ status: 'ended', end_reason: 'iterations_limit' });
      expect(ended.errors[0].reason).toBe('ITERATIONS_LIMIT');
    });

    it('ends an activeflow past its execution cap', async () => {
      const flow = await createFlow({ actions: [{ id: 't', type: 'talk', option: { text: 'again' } }, { type: 'goto', option: { target_id: 't' } }] });
      const activeflow = await env.ok('POST', '/v1/activeflows', { call_id: 'c', flow_id: flow.id });
      let current: string | undefined;
      let reply;
      for (let i = 0; i < 20; i++) {
        reply = await env.request('GET', `/v1/activeflows/${activeflow.id}/next`, current ? { current_action_id: current } : {});
        if (reply.status_code !== 200) break;
        current = reply.data.id;
      }
      expect(reply!.status_code).toBe(429);
      expect(reply!.data.error.reason).toBe('EXECUTIONS_LIMIT');
      expect((await env.ok('GET', `/v1/activeflows/${activeflow.id}`)).execute_count).toBe(30);
    });

    it('caps the stack depth of pushed actions with a 429, and a fetch_flow past it is skipped and recorded', async () => {
      const activeflow = await env.ok('POST', '/v1/activeflows', { actions: [{ type: 'answer' }] });
      await env.ok('POST', `/v1/activeflows/${activeflow.id}/push_actions`, { actions: [{ type: 'talk', option: { text: '1' } }] });
      await env.ok('GET', `/v1/activeflows/${activeflow.id}/next`, {});
      await env.ok('POST', `/v1/activeflows/${activeflow.id}/push_actions`, { actions: [{ type: 'talk', option: { text: '2' } }] });
      await env.ok('GET', `/v1/activeflows/${activeflow.id}/next`, {});
      const third = await env.request('POST', `/v1/activeflows/${activeflow.id}/push_actions`, { actions: [{ type: 'talk', option: { text: '3' } }] });
      expect(third.status_code).toBe(429);
      expect(third.data.error.reason).toBe('STACK_DEPTH_LIMIT');
      const recursive = await createFlow({ id: `self-${Date.now()}`, actions: [] });
      await env.ok('PUT', `/v1/flows/${recursive.id}/actions`, { actions: [{ type: 'talk', option: { text: 'again' } }, { type: 'fetch_flow', option: { flow_id: recursive.id } }] });
      const run = await env.ok('POST', '/v1/activeflows', { call_id: 'c', flow_id: recursive.id });
      let current: string | undefined;
      const texts = [];
      for (let i = 0; i < 10; i++) {
        const action = await env.ok('GET', `/v1/activeflows/${run.id}/next`, current ? { current_action_id: current } : {});
        if (action.id === FINISH) break;
        texts.push(action.option.text);
        current = action.id;
      }
      expect(texts).toEqual(['again', 'again', 'again']);
      const ended = await env.ok('GET', `/v1/activeflows/${run.id}`);
      expect(ended.errors.map((error: { reason: string }) => error.reason)).toContain('STACK_DEPTH_LIMIT');
    });
  });
});
