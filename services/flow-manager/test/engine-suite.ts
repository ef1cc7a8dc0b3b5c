import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { callManager, webhookManager } from '@voxmesh/contracts';
import { MeshMetrics, RpcServer } from '@voxmesh/mesh';
import { createRegistry, silentLogger } from '@voxmesh/telemetry';
import { defineContract } from '@voxmesh/wire';
import { callDoc, confbridgeDoc, eventually, FetchServer, FlowManagerEnv, sleep, type Mode } from './harness.js';

const FINISH = '00000000-0000-0000-0000-000000000002';

/**
 * The engine's behaviour through raw envelopes, the same on both set-ups: RabbitMQ +
 * MySQL + Redis, and the embedded stand-ins.
 */
export function engineSuite(mode: Mode): void {
  describe(`flow-manager engine (${mode})`, () => {
    const env = new FlowManagerEnv(mode);
    const customer = new FetchServer();
    const webhooks: unknown[] = [];
    const callRequests: { route: string; params?: unknown; body: unknown }[] = [];
    let fakeWebhookManager: RpcServer<Record<string, never>> | undefined;
    let fakeCallManager: RpcServer<Record<string, never>> | undefined;

    beforeAll(async () => {
      await customer.start();
      await env.start(['-fetch_timeout_ms', '700', '-fetch_allow_private']);
      env.usesDelay(200);
      // A stand-in for webhook-manager's webhook_send route, to see what flow-manager hands it.
      const { sendToDestination } = webhookManager.webhookManagerContract.routes;
      const server = new RpcServer({
        contract: defineContract('webhook-manager', { sendToDestination }),
        handlers: {
          sendToDestination: async ({ body }) => {
            webhooks.push(body);
            return { id: 'delivery-1', event_id: 'event-1', state: 'queued' as const };
          },
        },
        broker: env.resources.broker,
        queue: env.names.requestQueue('webhook-manager'),
        metrics: new MeshMetrics(createRegistry({ defaultMetrics: false })),
        logger: silentLogger(),
      });
      await server.start();
      env.ownsQueue(env.names.requestQueue('webhook-manager'));
      fakeWebhookManager = server as unknown as RpcServer<Record<string, never>>;
      // And one for call-manager's routes that connect and forward_now use.
      const { createConfbridge, createCalls, actionNext } = callManager.callManagerContract.routes;
      const calls = new RpcServer({
        contract: defineContract('call-manager', { createConfbridge, createCalls, actionNext }),
        handlers: {
          createConfbridge: async ({ body }) => {
            callRequests.push({ route: 'createConfbridge', body });
            return confbridgeDoc('confbridge-1', body);
          },
          createCalls: async ({ body }) => {
            callRequests.push({ route: 'createCalls', body });
            return { calls: body.destinations.map((destination, at) => callDoc(`leg-${at + 1}`, body, destination)), groupcalls: [] };
          },
          actionNext: async ({ params, body }) => {
            callRequests.push({ route: 'actionNext', params, body });
            return { id: params.id };
          },
        },
        broker: env.resources.broker,
        queue: env.names.requestQueue('call-manager'),
        metrics: new MeshMetrics(createRegistry({ defaultMetrics: false })),
        logger: silentLogger(),
      });
      await calls.start();
      env.ownsQueue(env.names.requestQueue('call-manager'));
      fakeCallManager = calls as unknown as RpcServer<Record<string, never>>;
    });

    afterAll(async () => {
      await fakeWebhookManager?.stop();
      await fakeCallManager?.stop();
      await customer.close();
      await env.close();
    });

    async function activeflowOf(actions: unknown[], extra: Record<string, unknown> = {}): Promise<string> {
      const flow = await env.ok('POST', '/v1/flows', { name: 'test', actions, ...extra });
      const activeflow = await env.ok('POST', '/v1/activeflows', { call_id: `call-${Math.random()}`, flow_id: flow.id });
      return activeflow.id as string;
    }

    /** Asks for next actions until the finish marker; returns what the call would have run. */
    async function drive(id: string, limit = 50): Promise<{ id: string; type: string; option: Record<string, unknown> }[]> {
      const ran = [];
      let current: string | undefined;
      for (let i = 0; i < limit; i++) {
        const action = await env.ok('GET', `/v1/activeflows/${id}/next`, current === undefined ? {} : { current_action_id: current });
        if (action.id === FINISH) return ran;
        ran.push(action);
        current = action.id;
      }
      throw new Error('the flow did not finish');
    }

    it('runs goto with loop_count: answer, talk, talk, talk, hangup, then the finish marker', async () => {
      const id = await activeflowOf([
        { type: 'answer' },
        { id: 'talk', type: 'talk', option: { text: 'hello' } },
        { type: 'goto', option: { target_id: 'talk', loop_count: 2 } },
        { type: 'hangup' },
      ]);
      const ran = await drive(id);
      expect(ran.map((action) => action.type)).toEqual(['answer', 'talk', 'talk', 'talk', 'hangup']);
      // Past the end it keeps answering the finish marker.
      const again = await env.ok('GET', `/v1/activeflows/${id}/next`, { current_action_id: ran[4]!.id });
      expect(again).toEqual({ id: FINISH, type: 'finish', option: {} });
      const activeflow = await env.ok('GET', `/v1/activeflows/${id}`);
      expect(activeflow).toMatchObject({ status: 'ended', end_reason: 'finished', execute_count: 8 });
    });

    it('branches on a variable and clears it after reading', async () => {
      const id = await activeflowOf([
        { type: 'answer' },
        { type: 'branch', option: { variable: 'choice', target_ids: { '1': 'one', '2': 'two' }, default_target_id: 'other' } },
        { id: 'one', type: 'talk', option: { text: 'one' }, next_id: 'end' },
        { id: 'two', type: 'talk', option: { text: 'two ${choice}' }, next_id: 'end' },
        { id: 'other', type: 'talk', option: { text: 'other' } },
        { id: 'end', type: 'hangup' },
      ]);
      const answer = await env.ok('GET', `/v1/activeflows/${id}/next`, {});
      expect(answer.type).toBe('answer');
      await env.ok('POST', `/v1/activeflows/${id}/variables`, { variables: { choice: '2' } });
      const talk = await env.ok('GET', `/v1/activeflows/${id}/next`, { current_action_id: answer.id });
      expect(talk).toMatchObject({ id: 'two', type: 'talk', option: { text: 'two ' } });
      const variables = await env.ok('GET', `/v1/activeflows/${id}/variables`);
      expect(variables.variables.choice).toBe('');
      expect((await env.ok('GET', `/v1/activeflows/${id}/next`, { current_action_id: 'two' })).type).toBe('hangup');
    });

    it('takes the default branch, and falls through when there is neither match nor default', async () => {
      const id = await activeflowOf([
        { type: 'branch', option: { variable: 'missing', target_ids: { x: 'x' } } },
        { type: 'talk', option: { text: 'fell through' } },
        { id: 'x', type: 'hangup' },
      ]);
      expect((await env.ok('GET', `/v1/activeflows/${id}/next`, {})).option.text).toBe('fell through');
      const activeflow = await env.ok('GET', `/v1/activeflows/${id}`);
      expect(activeflow.errors.map((error: { reason: string }) => error.reason)).toEqual(['NO_BRANCH_TARGET']);
    });

    it('decides condition_datetime on the current time, in UTC or a named zone', async () => {
      const today = new Date().getUTCDay();
      const flow = (option: Record<string, unknown>) => [
        { type: 'condition_datetime', option: { ...option, false_target_id: 'no' } },
        { type: 'talk', option: { text: 'yes' }, next_id: 'end' },
        { id: 'no', type: 'talk', option: { text: 'no' } },
        { id: 'end', type: 'hangup' },
      ];
      const first = async (option: Record<string, unknown>) => (await drive(await activeflowOf(flow(option))))[0]!.option.text;
      expect(await first({ condition: '==', weekdays: [today] })).toBe('yes');
      expect(await first({ condition: '==', weekdays: [(today + 1) % 7] })).toBe('no');
      expect(await first({ condition: '>=', hour: 0, minute: 0 })).toBe('yes');
      expect(await first({ condition: '>', month: 12, day: 31, hour: 23, minute: 59 })).toBe('no');
      expect(await first({ condition: '>=', hour: 0, timezone: 'Asia/Tokyo' })).toBe('yes');
    });

    it('compares variables with condition_variable', async () => {
      const id = await activeflowOf([
        { type: 'variable_set', option: { key: 'count', value: 7 } },
        { type: 'condition_variable', option: { condition: '>=', variable: 'count', value_type: 'number', value_number: 5, false_target_id: 'small' } },
        { type: 'talk', option: { text: 'big ${count}' }, next_id: 'end' },
        { id: 'small', type: 'talk', option: { text: 'small' } },
        { id: 'end', type: 'hangup' },
      ]);
      expect((await drive(id)).map((action) => action.option.text ?? action.type)).toEqual(['big 7', 'hangup']);
    });

    it('fetches actions, runs them with ids and variables, then continues after the fetch', async () => {
      customer.answer = () => ({ status: 200, body: JSON.stringify([{ type: 'talk', option: { text: 'fetched for ${voipbin.activeflow.id}' } }, { type: 'variable_set', option: { key: 'seen', value: 'yes' } }]) });
      const before = customer.seen.length;
      const id = await activeflowOf([{ type: 'answer' }, { type: 'fetch', option: { event_url: customer.url() } }, { type: 'talk', option: { text: 'after ${seen}' } }]);
      const ran = await drive(id);
      expect(ran.map((action) => action.option.text ?? action.type)).toEqual(['answer', `fetched for ${id}`, 'after yes']);
      expect(ran[1]!.id).toMatch(/^[0-9a-f-]{36}$/);
      const request = JSON.parse(customer.seen[before]!.body);
      expect(request).toMatchObject({ activeflow_id: id, reference_type: 'call' });
      expect(request.variables['voipbin.activeflow.id']).toBe(id);
      const variables = (await env.ok('GET', `/v1/activeflows/${id}/variables`)).variables;
      expect(variables['voipbin.fetch.status']).toBe('ok');
    });

    const fallbacks: [string, () => ReturnType<FetchServer['answer']>, string][] = [
      ['a timeout', () => ({ status: 200, body: '[]', delayMs: 2500 }), 'timeout'],
      ['bad JSON', () => ({ status: 200, body: 'this is not json' }), 'bad_json'],
      ['a 500', () => ({ status: 500, body: 'oops' }), 'http_error'],
      ['invalid actions', () => ({ status: 200, body: JSON.stringify([{ type: 'talk', option: {} }]) }), 'invalid_actions'],
      ['a __proto__ key', () => ({ status: 200, body: '[{"type":"talk","option":{"text":"x","__proto__":{"polluted":"yes"}}}]' }), 'bad_json'],
      ['a constructor.prototype key', () => ({ status: 200, body: '[{"type":"talk","option":{"constructor":{"prototype":{"polluted":"yes"}}}}]' }), 'bad_json'],
    ];
    it.each(fallbacks)('on %s, a fetch falls back to the next action and records why', async (_label, answer, status) => {
      customer.answer = answer;
      const id = await activeflowOf([{ type: 'fetch', option: { event_url: customer.url() } }, { type: 'talk', option: { text: 'fallback' } }]);
      const started = Date.now();
      const action = await env.ok('GET', `/v1/activeflows/${id}/next`, {});
      expect(action.option.text).toBe('fallback');
      expect(Date.now() - started).toBeLessThan(2000);
      const variables = (await env.ok('GET', `/v1/activeflows/${id}/variables`)).variables;
      expect(variables['voipbin.fetch.status']).toBe(status);
      expect(variables['voipbin.fetch.error']).not.toBe('');
      const activeflow = await env.ok('GET', `/v1/activeflows/${id}`);
      expect(activeflow.status).toBe('running');
      expect(activeflow.errors[0]).toMatchObject({ action_type: 'fetch', reason: `FETCH_${status.toUpperCase()}` });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('runs another flow with fetch_flow (and its seed name patch_flow), then comes back', async () => {
      const other = await env.ok('POST', '/v1/flows', { actions: [{ type: 'talk', option: { text: 'from the other flow' } }] });
      const id = await activeflowOf([{ type: 'answer' }, { type: 'fetch_flow', option: { flow_id: other.id } }, { type: 'patch_flow', option: { flow_id: other.id } }, { type: 'hangup' }]);
      expect((await drive(id)).map((action) => action.option.text ?? action.type)).toEqual(['answer', 'from the other flow', 'from the other flow', 'hangup']);
    });

    it('ends at a stop action, and POST /stop ends a running activeflow', async () => {
      const id = await activeflowOf([{ type: 'answer' }, { type: 'stop' }, { type: 'talk', option: { text: 'never' } }]);
      expect((await drive(id)).map((action) => action.type)).toEqual(['answer']);
      expect(await env.ok('GET', `/v1/activeflows/${id}`)).toMatchObject({ status: 'ended', end_reason: 'stopped' });
      const other = await activeflowOf([{ type: 'answer' }, { type: 'hangup' }]);
      const answer = await env.ok('GET', `/v1/activeflows/${other}/next`, {});
      expect(await env.ok('POST', `/v1/activeflows/${other}/stop`)).toMatchObject({ status: 'ended', end_reason: 'stopped' });
      expect((await env.ok('GET', `/v1/activeflows/${other}/next`, { current_action_id: answer.id })).id).toBe(FINISH);
    });

    it('answers a stale current_action_id with 409, changes nothing, and still advances from the right action', async () => {
      const id = await activeflowOf([{ id: 'a', type: 'answer' }, { id: 't', type: 'talk', option: { text: 'hi' } }, { id: 'h', type: 'hangup' }]);
      expect((await env.ok('GET', `/v1/activeflows/${id}/next`, {})).id).toBe('a');
      expect((await env.ok('GET', `/v1/activeflows/${id}/next`, { current_action_id: 'a' })).id).toBe('t');
      const before = await env.ok('GET', `/v1/activeflows/${id}`);
      const stale = await env.request('GET', `/v1/activeflows/${id}/next`, { current_action_id: 'a' });
      expect(stale.status_code).toBe(409);
      expect(stale.data.error).toMatchObject({ status: 'FAILED_PRECONDITION', reason: 'STALE_ACTION', details: { current_action_id: 't' } });
      const after = await env.ok('GET', `/v1/activeflows/${id}`);
      expect(after).toEqual(before);
      expect((await env.ok('GET', `/v1/activeflows/${id}/next`, { current_action_id: 't' })).id).toBe('h');
    });

    it('advances exactly once when 50 next calls for one activeflow arrive together', async () => {
      const id = await activeflowOf([{ id: 'a', type: 'answer' }, { id: 't', type: 'talk', option: { text: 'hi' } }, { id: 'h', type: 'hangup' }]);
      await env.ok('GET', `/v1/activeflows/${id}/next`, {});
      const replies = await Promise.all(Array.from({ length: 50 }, () => env.request('GET', `/v1/activeflows/${id}/next`, { current_action_id: 'a' })));
      const ok = replies.filter((reply) => reply.status_code === 200);
      expect(ok).toHaveLength(1);
      expect(ok[0]!.data.id).toBe('t');
      expect(replies.filter((reply) => reply.status_code === 409)).toHaveLength(49);
      expect(await env.ok('GET', `/v1/activeflows/${id}`)).toMatchObject({ execute_count: 2, current_action: { id: 't' } });
      expect((await env.ok('GET', `/v1/activeflows/${id}/next`, { current_action_id: 't' })).id).toBe('h');
    });

    it('pushes actions and jumps with forward_action_id', async () => {
      const id = await activeflowOf([{ id: 'a', type: 'answer' }, { id: 't', type: 'talk', option: { text: 'main' } }, { id: 'h', type: 'hangup' }]);
      await env.ok('GET', `/v1/activeflows/${id}/next`, {});
      const pushed = await env.ok('POST', `/v1/activeflows/${id}/push_actions`, { actions: [{ type: 'play', option: { stream_urls: ['http://x/1.wav'] } }] });
      expect(Object.keys(pushed.stack_map)).toHaveLength(2);
      expect((await env.ok('GET', `/v1/activeflows/${id}/next`, { current_action_id: 'a' })).type).toBe('play');
      const forwarded = await env.ok('PUT', `/v1/activeflows/${id}/forward_action_id`, { forward_action_id: 'h', forward_now: false });
      expect(forwarded.forward_action_id).toBe('h');
      expect((await env.ok('GET', `/v1/activeflows/${id}/next`, {})).id).toBe('h');
      const missing = await env.request('PUT', `/v1/activeflows/${id}/forward_action_id`, { forward_action_id: 'nope' });
      expect(missing.status_code).toBe(400);
      expect(missing.data.error.field).toBe('forward_action_id');
    });

    it('keeps variables: get, merge, delete, and substitutes them into options', async () => {
      const id = await activeflowOf([{ type: 'talk', option: { text: 'hello ${name}', language: '${lang}' } }], {});
      expect((await env.ok('POST', `/v1/activeflows/${id}/variables`, { variables: { name: 'Ada', lang: 'en-GB', n: 3 } })).variables).toMatchObject({ name: 'Ada', n: '3' });
      const deleted = await env.ok('DELETE', `/v1/activeflows/${id}/variables/n`);
      expect(deleted.variables.n).toBeUndefined();
      expect((await env.ok('GET', `/v1/activeflows/${id}/next`, {})).option).toEqual({ text: 'hello Ada', language: 'en-GB' });
    });

    it('hands webhook_send to webhook-manager and goes on', async () => {
      // webhook-manager signs with the account's secret, so it takes no send without an account.
      const id = await activeflowOf([
        { type: 'variable_set', option: { key: 'who', value: 'Ada' } },
        { type: 'webhook_send', option: { sync: true, uri: 'https://example.com/hook', data: { hello: '${who}' } } },
        { type: 'webhook_send', option: { sync: true, uri: 'https://example.com/all' } },
        { type: 'talk', option: { text: 'done' } },
      ], { account_id: 'acc-webhooks' });
      expect((await env.ok('GET', `/v1/activeflows/${id}/next`, {})).option.text).toBe('done');
      expect(webhooks[webhooks.length - 2]).toMatchObject({ uri: 'https://example.com/hook', method: 'POST', data: { hello: 'Ada' } });
      const full = webhooks[webhooks.length - 1] as { data: { activeflow: { id: string; stack_map?: unknown }; variables: Record<string, string> } };
      expect(full.data.activeflow.id).toBe(id);
      expect(full.data.activeflow.stack_map).toBeUndefined();
      expect(full.data.variables.who).toBe('Ada');
    });

    it('connects a call through call-manager: a confbridge, a short flow for the legs, then the call joins', async () => {
      const before = callRequests.length;
      const created = await env.ok('POST', '/v1/activeflows', {
        call_id: 'master-call',
        account_id: 'acc-connect',
        actions: [{ type: 'answer' }, { type: 'connect', option: { source: { type: 'tel', target: '+15550000' }, destinations: [{ type: 'tel', target: '+15550001' }] } }, { type: 'hangup' }],
      });
      const ran = await drive(created.id);
      expect(ran.map((action) => action.type)).toEqual(['answer', 'confbridge_join', 'hangup']);
      expect(ran[1]!.option).toEqual({ confbridge_id: 'confbridge-1' });
      const seen = callRequests.slice(before);
      expect(seen.map((request) => request.route)).toEqual(['createConfbridge', 'createCalls']);
      expect(seen[0]!.body).toMatchObject({ account_id: 'acc-connect', activeflow_id: created.id, reference_id: 'master-call', type: 'connect' });
      const legs = seen[1]!.body as { flow_id: string; master_call_id: string; destinations: unknown[]; source: unknown };
      expect(legs).toMatchObject({ master_call_id: 'master-call', destinations: [{ type: 'tel', target: '+15550001' }], source: { type: 'tel', target: '+15550000' } });
      const legFlow = await env.ok('GET', `/v1/flows/${legs.flow_id}`);
      expect(legFlow).toMatchObject({ persist: false, actions: [{ type: 'confbridge_join', option: { confbridge_id: 'confbridge-1' } }, { type: 'hangup' }] });
    });

    it("relays the outgoing leg's hangup reason to the caller when relay_reason is set", async () => {
      const created = await env.ok('POST', '/v1/activeflows', {
        call_id: 'relay-call',
        account_id: 'acc-connect',
        actions: [{ type: 'connect', option: { destinations: [{ type: 'tel', target: '+15550001' }], relay_reason: true } }, { type: 'talk', option: { text: 'after' } }],
      });
      const ran = await drive(created.id);
      expect(ran.map((action) => action.type)).toEqual(['confbridge_join', 'hangup', 'talk']);
      expect(ran[1]!.option).toEqual({ reference_id: 'leg-1' });
      // With two legs there is no one reason to relay.
      const two = await env.ok('POST', '/v1/activeflows', {
        call_id: 'relay-call-2',
        account_id: 'acc-connect',
        actions: [{ type: 'connect', option: { destinations: [{ type: 'tel', target: '+15550001' }, { type: 'tel', target: '+15550002' }], relay_reason: true } }],
      });
      expect((await drive(two.id)).map((action) => action.type)).toEqual(['confbridge_join']);
    });

    it('goes on after a connect that fails, recording the failure', async () => {
      // Without a call there is nobody to connect.
      const created = await env.ok('POST', '/v1/activeflows', {
        reference_type: 'api',
        actions: [{ type: 'connect', option: { destinations: [{ type: 'tel', target: '+15550001' }] } }, { type: 'variable_set', option: { key: 'after', value: 'yes' } }],
      });
      await env.ok('POST', `/v1/activeflows/${created.id}/execute`, {});
      const ended = await eventually('the run to end', async () => {
        const activeflow = await env.ok('GET', `/v1/activeflows/${created.id}`);
        return activeflow.status === 'ended' ? activeflow : undefined;
      });
      expect(ended.errors[0]).toMatchObject({ action_type: 'connect', reason: 'NEEDS_CALL' });
      expect((await env.ok('GET', `/v1/activeflows/${created.id}/variables`)).variables.after).toBe('yes');
    });

    it('asks call-manager to interrupt the call for forward_now', async () => {
      const id = await activeflowOf([{ id: 'a', type: 'answer' }, { id: 't', type: 'talk', option: { text: 'long' } }, { id: 'h', type: 'hangup' }]);
      await env.ok('GET', `/v1/activeflows/${id}/next`, {});
      const activeflow = await env.ok('PUT', `/v1/activeflows/${id}/forward_action_id`, { forward_action_id: 'h', forward_now: true });
      await eventually('action-next to reach call-manager', () => callRequests.some((request) => request.route === 'actionNext' && (request.params as { id: string }).id === activeflow.call_id));
      expect(callRequests.find((request) => request.route === 'actionNext' && (request.params as { id: string }).id === activeflow.call_id)!.body).toEqual({ force: true });
      expect((await env.ok('GET', `/v1/activeflows/${id}/next`, { current_action_id: 'a' })).id).toBe('h');
    });

    it('executes an activeflow without a call, resuming after a sleep, and starts its follow-up flow', async () => {
      const followUp = await env.ok('POST', '/v1/flows', { actions: [{ type: 'variable_set', option: { key: 'followed', value: 'after ${first}' } }] });
      const created = await env.ok('POST', '/v1/activeflows', {
        reference_type: 'api',
        on_complete_flow_id: followUp.id,
        actions: [
          { type: 'variable_set', option: { key: 'first', value: '1' } },
          { type: 'sleep', option: { duration: 200 } },
          { type: 'talk', option: { text: 'nobody hears this' } },
          { type: 'variable_set', option: { key: 'second', value: '2' } },
        ],
      });
      const started = await env.ok('POST', `/v1/activeflows/${created.id}/execute`, {});
      expect(started.id).toBe(created.id);
      const ended = await eventually('the run to end', async () => {
        const activeflow = await env.ok('GET', `/v1/activeflows/${created.id}`);
        return activeflow.status === 'ended' ? activeflow : undefined;
      });
      expect(ended.errors.map((error: { reason: string }) => error.reason)).toEqual(['NEEDS_CALL']);
      expect((await env.ok('GET', `/v1/activeflows/${created.id}/variables`)).variables).toMatchObject({ first: '1', second: '2' });
      const next = await eventually('the follow-up to end', async () => {
        const page = await env.ok('GET', '/v1/activeflows?page_size=5', { flow_id: followUp.id });
        return page.result[0]?.status === 'ended' ? page.result[0] : undefined;
      });
      expect(next).toMatchObject({ reference_activeflow_id: created.id, complete_count: 1 });
      expect((await env.ok('GET', `/v1/activeflows/${next.id}/variables`)).variables).toMatchObject({ first: '1', followed: 'after 1' });
    });

    it('publishes lean activeflow events and flow events', async () => {
      const id = await activeflowOf([{ type: 'answer' }]);
      await drive(id);
      await eventually('events', () => env.events.some((event) => event.type === 'activeflow_updated' && (event.data as { id: string }).id === id && (event.data as { status: string }).status === 'ended'));
      const mine = env.events.filter((event) => (event.data as { id?: string }).id === id);
      expect(mine.map((event) => event.type)).toEqual(['activeflow_created', 'activeflow_updated', 'activeflow_updated']);
      expect(mine[1]!.publisher).toBe('flow-manager');
      expect(mine[1]!.data).not.toHaveProperty('stack_map');
      expect(mine[1]!.data).not.toHaveProperty('variables');
      expect(env.events.some((event) => event.type === 'flow_created')).toBe(true);
    });

    it('soft-deletes an activeflow', async () => {
      const id = await activeflowOf([{ type: 'answer' }]);
      expect(await env.ok('DELETE', `/v1/activeflows/${id}`)).toMatchObject({ status: 'ended', end_reason: 'deleted' });
      expect((await env.request('GET', `/v1/activeflows/${id}/next`, {})).status_code).toBe(404);
      expect((await env.ok('GET', `/v1/activeflows/${id}`)).tm_delete).not.toBeNull();
      await sleep(0);
    });
  });
}
