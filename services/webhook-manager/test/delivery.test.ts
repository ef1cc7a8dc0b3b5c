import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { customerManager } from '@voxmesh/contracts';
import { MeshMetrics, RpcServer } from '@voxmesh/mesh';
import { createRegistry, silentLogger } from '@voxmesh/telemetry';
import { VoipError, defineContract } from '@voxmesh/wire';
import { GREGORIAN_OFFSET_SECONDS } from '../src/contract.js';
import { SIGNATURE_HEADER, verifySignature } from '../src/domain/signature.js';
import { Receiver, TestEnv, accountEvent, channelEvent, eventually, newId, sleep, type Received } from './harness.js';

/**
 * Each hook type delivers Kazoo's payload in each format and verb to a real receiver,
 * signed with the account's secret; voipbin's account-level, activeflow and
 * webhook_send destinations get `{type, data}` and their bodies.
 */
describe('delivery of each hook type, format and verb', () => {
  const env = new TestEnv();
  const receiver = new Receiver();
  const reseller = newId();
  const sub = newId();
  const resellerSecret = `secret-${reseller}`;
  const subSecret = `secret-${sub}`;
  /** What a stand-in customer-manager answers to getAccount; anything else is not found. */
  const lookups = new Map<string, customerManager.AccountDoc>();
  const customerManagerStandIn = async () =>
    new RpcServer({
      contract: defineContract('customer-manager', { getAccount: customerManager.customerManagerContract.routes.getAccount }),
      handlers: {
        getAccount: async ({ params }) => {
          const found = lookups.get(params.id);
          if (!found) throw VoipError.notFound(`no account ${params.id}`);
          return found;
        },
      },
      broker: await env.testBroker(),
      queue: env.names.requestQueue('customer-manager'),
      metrics: new MeshMetrics(createRegistry({ defaultMetrics: false })),
      logger: silentLogger(),
    });
  let standIn: RpcServer<{ getAccount: typeof customerManager.customerManagerContract.routes.getAccount }> | undefined;

  beforeAll(async () => {
    standIn = await customerManagerStandIn();
    await standIn.start();
    await receiver.start();
    await env.startReplica();
    await env.publish('customer-manager', 'account_created', accountEvent(reseller));
    await env.publish('customer-manager', 'account_created', accountEvent(sub, { parent_id: reseller }));
    await eventually('accounts known', async () => (await env.sql("SELECT id FROM webhook_accounts WHERE known = 1")).length === 2);
  }, 60_000);

  afterAll(async () => {
    await standIn?.stop();
    await receiver.close();
    await env.cleanup();
  }, 60_000);

  async function hook(accountId: string, body: Record<string, unknown>) {
    const client = await env.rpc();
    return client.call('createWebhook', { params: { account_id: accountId }, body: { name: 'test', ...body } as never });
  }

  const signed = (request: Received, secret: string) => {
    const content = request.method === 'GET' ? request.url.slice(request.url.indexOf('?') + 1) : request.body;
    return verifySignature(secret, request.headers[SIGNATURE_HEADER.toLowerCase()] as string, content);
  };

  it('channel_create, form-data POST: Kazoo fields form-encoded with a[b] nesting, X-Hook-ID, X-Account-ID, an event id and a valid signature', async () => {
    const created = await hook(reseller, { uri: receiver.url('/create'), hook: 'channel_create' });
    const callId = newId();
    await env.publish('call-manager', 'channel_create', channelEvent(reseller, callId, { secret_internal_field: 'must not leak' }));
    const [request] = await eventually('channel_create delivered', () => (receiver.on('/create').length > 0 ? receiver.on('/create') : undefined));
    expect(request!.method).toBe('POST');
    expect(request!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request!.headers['x-hook-id']).toBe(created.id);
    expect(request!.headers['x-account-id']).toBe(reseller);
    expect(request!.headers['x-event-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(signed(request!, resellerSecret)).toBe(true);
    expect(signed(request!, 'another secret')).toBe(false);
    const form = new URLSearchParams(request!.body);
    expect(form.get('hook_event')).toBe('channel_create');
    expect(form.get('call_id')).toBe(callId);
    expect(form.get('account_id')).toBe(reseller);
    expect(form.get('caller_id_number')).toBe('+14155550123');
    expect(form.get('call_direction')).toBe('inbound');
    expect(form.get('custom_channel_vars[account_id]')).toBe(reseller);
    expect(form.get('is_internal_leg')).toBe('false');
    expect(Number(form.get('timestamp'))).toBeGreaterThan(GREGORIAN_OFFSET_SECONDS);
    expect(form.has('secret_internal_field')).toBe(false);
  });

  it('channel_answer, json POST with custom_data merged over the event', async () => {
    await hook(reseller, { uri: receiver.url('/answer'), hook: 'channel_answer', format: 'json', custom_data: { caller_id_name: 'Overridden', crm: '42' } });
    const callId = newId();
    await env.publish('call-manager', 'channel_answer', channelEvent(reseller, callId));
    const [request] = await eventually('channel_answer delivered', () => (receiver.on('/answer').length > 0 ? receiver.on('/answer') : undefined));
    expect(request!.headers['content-type']).toBe('application/json');
    expect(signed(request!, resellerSecret)).toBe(true);
    expect(JSON.parse(request!.body)).toMatchObject({
      hook_event: 'channel_answer',
      call_id: callId,
      account_id: reseller,
      caller_id_name: 'Overridden',
      crm: '42',
      custom_channel_vars: { account_id: reseller },
    });
  });

  it('channel_bridge, GET: the payload in the query string, signed over it', async () => {
    await hook(reseller, { uri: `${receiver.url('/bridge')}?token=abc`, hook: 'channel_bridge', http_verb: 'get' });
    const callId = newId();
    await env.publish('call-manager', 'channel_bridge', channelEvent(reseller, callId, { other_leg_call_id: 'leg-b', original_number: '+14155550100', other_leg_destination_number: '1001' }));
    const [request] = await eventually('channel_bridge delivered', () => (receiver.on('/bridge').length > 0 ? receiver.on('/bridge') : undefined));
    expect(request!.method).toBe('GET');
    expect(request!.body).toBe('');
    expect(request!.query.get('token')).toBe('abc');
    expect(request!.query.get('hook_event')).toBe('channel_bridge');
    expect(request!.query.get('other_leg_call_id')).toBe('leg-b');
    expect(request!.query.get('other_leg_destination_number')).toBe('1001');
    expect(request!.query.get('custom_channel_vars[account_id]')).toBe(reseller);
    const content = request!.url.slice(request!.url.indexOf('?') + 1).replace(/^token=abc&/, '');
    expect(verifySignature(resellerSecret, request!.headers[SIGNATURE_HEADER.toLowerCase()] as string, content)).toBe(true);
  });

  it('channel_destroy, form-data PUT with hangup fields', async () => {
    await hook(reseller, { uri: receiver.url('/destroy'), hook: 'channel_destroy', http_verb: 'put' });
    await env.publish(
      'call-manager',
      'channel_destroy',
      channelEvent(reseller, newId(), { hangup_cause: 'NORMAL_CLEARING', hangup_code: 'sip:200', duration_seconds: 42, billing_seconds: 39, ringing_seconds: 3 }),
    );
    const [request] = await eventually('channel_destroy delivered', () => (receiver.on('/destroy').length > 0 ? receiver.on('/destroy') : undefined));
    expect(request!.method).toBe('PUT');
    const form = new URLSearchParams(request!.body);
    expect([form.get('hangup_cause'), form.get('duration_seconds'), form.get('billing_seconds')]).toEqual(['NORMAL_CLEARING', '42', '39']);
  });

  it('every hook type delivers in every format and verb: form-data POST and PUT, json POST and PUT, GET', async () => {
    const account = newId();
    const secret = `secret-${account}`;
    await env.publish('customer-manager', 'account_created', accountEvent(account));
    await eventually('account known', async () => (await env.sql('SELECT id FROM webhook_accounts WHERE id = ? AND known = 1', [account])).length === 1);
    const variants = [
      { name: 'form-post', format: 'form-data', http_verb: 'post' },
      { name: 'form-put', format: 'form-data', http_verb: 'put' },
      { name: 'json-post', format: 'json', http_verb: 'post' },
      { name: 'json-put', format: 'json', http_verb: 'put' },
      { name: 'get', format: 'json', http_verb: 'get' },
    ] as const;
    const types = ['channel_create', 'channel_answer', 'channel_bridge', 'channel_destroy', 'object', 'notifications', 'all'] as const;
    for (const type of types) {
      for (const variant of variants) {
        await hook(account, { uri: receiver.url(`/matrix/${type}/${variant.name}`), hook: type, format: variant.format, http_verb: variant.http_verb });
      }
    }
    const callId = newId();
    for (const type of ['channel_create', 'channel_answer', 'channel_bridge', 'channel_destroy']) await env.publish('call-manager', type, channelEvent(account, callId));
    await env.publish('customer-manager', 'user_created', { id: 'matrix-user', account_id: account });

    /** What each type must have received, as a key and the value it must carry. */
    const expected: Record<(typeof types)[number], [string, string]> = {
      channel_create: ['hook_event', 'channel_create'],
      channel_answer: ['hook_event', 'channel_answer'],
      channel_bridge: ['hook_event', 'channel_bridge'],
      channel_destroy: ['hook_event', 'channel_destroy'],
      object: ['id', 'matrix-user'],
      notifications: ['type', 'new_user'],
      all: ['hook_event', 'channel_destroy'],
    };
    for (const type of types) {
      for (const variant of variants) {
        const path = `/matrix/${type}/${variant.name}`;
        const [key, value] = expected[type];
        const read = (request: Received): Record<string, string> =>
          variant.http_verb === 'get'
            ? Object.fromEntries(request.query)
            : variant.format === 'json'
              ? (JSON.parse(request.body) as Record<string, string>)
              : Object.fromEntries(new URLSearchParams(request.body));
        const request = await eventually(`${path} got ${key}=${value}`, () => receiver.on(path).find((each) => String(read(each)[key]) === value));
        expect(request.method).toBe(variant.http_verb.toUpperCase());
        if (variant.http_verb !== 'get') {
          expect(request.headers['content-type']).toBe(variant.format === 'json' ? 'application/json' : 'application/x-www-form-urlencoded');
        }
        expect(signed(request, secret)).toBe(true);
        if (type.startsWith('channel_') || type === 'all') expect(String(read(request).call_id)).toBe(callId);
      }
    }
  }, 60_000);

  it('include_subaccounts: a reseller hook fires for its sub-account, signed with the reseller secret; one without it does not', async () => {
    await hook(reseller, { uri: receiver.url('/reseller-all'), hook: 'channel_create', format: 'json', include_subaccounts: true });
    await hook(reseller, { uri: receiver.url('/reseller-own'), hook: 'channel_create', format: 'json' });
    await hook(sub, { uri: receiver.url('/sub-own'), hook: 'channel_create', format: 'json' });
    const callId = newId();
    await env.publish('call-manager', 'channel_create', channelEvent(sub, callId));
    const [request] = await eventually('sub-account event reached the reseller', () => (receiver.on('/reseller-all').length > 0 ? receiver.on('/reseller-all') : undefined));
    expect(JSON.parse(request!.body)).toMatchObject({ account_id: sub, call_id: callId });
    expect(request!.headers['x-account-id']).toBe(reseller);
    expect(signed(request!, resellerSecret)).toBe(true);
    const [own] = await eventually('sub-account own hook', () => (receiver.on('/sub-own').length > 0 ? receiver.on('/sub-own') : undefined));
    expect(signed(own!, subSecret)).toBe(true);
    await sleep(500);
    expect(receiver.on('/reseller-own').filter((each) => JSON.parse(each.body).call_id === callId)).toHaveLength(0);
  });

  it('include_internal_legs: false drops loopback legs; modifiers filter by payload keys', async () => {
    await hook(reseller, { uri: receiver.url('/external'), hook: 'channel_answer', format: 'json', include_internal_legs: false });
    await hook(reseller, { uri: receiver.url('/outbound'), hook: 'channel_answer', format: 'json', modifiers: { call_direction: ['outbound'] } });
    const internal = newId();
    const outbound = newId();
    await env.publish('call-manager', 'channel_answer', channelEvent(reseller, internal, { is_internal_leg: true }));
    await env.publish('call-manager', 'channel_answer', channelEvent(reseller, outbound, { call_direction: 'outbound' }));
    await eventually('external leg delivered', () => receiver.on('/external').some((each) => JSON.parse(each.body).call_id === outbound));
    await eventually('outbound delivered', () => receiver.on('/outbound').some((each) => JSON.parse(each.body).call_id === outbound));
    await sleep(500);
    expect(receiver.on('/external').map((each) => JSON.parse(each.body).call_id)).not.toContain(internal);
    expect(receiver.on('/outbound').map((each) => JSON.parse(each.body).call_id)).toEqual([outbound]);
  });

  it('object: doc_created / doc_edited / doc_deleted with Kazoo’s {id, account_id, action, type}, filtered by custom_data', async () => {
    await hook(reseller, { uri: receiver.url('/objects'), hook: 'object', format: 'json', include_subaccounts: true });
    await hook(reseller, { uri: receiver.url('/devices'), hook: 'object', format: 'json', custom_data: { type: 'device', action: 'all' } });
    const user = newId();
    const device = newId();
    const flow = newId();
    await env.publish('customer-manager', 'user_created', { id: user, account_id: sub, first_name: 'Ann' });
    await env.publish('customer-manager', 'device_updated', { id: device, account_id: reseller, name: 'desk' });
    await env.publish('flow-manager', 'flow_deleted', { id: flow, customer_id: reseller, actions: [] });
    await env.publish('flow-manager', 'flow_created', { id: 'kazoo-cf', account_id: reseller, numbers: ['1000'], flow: { module: 'play', data: {}, children: {} } });
    const bodies = await eventually('object events', () => {
      const seen = receiver.on('/objects').map((each) => JSON.parse(each.body));
      return [user, device, flow, 'kazoo-cf'].every((id) => seen.some((body) => body.id === id)) ? seen : undefined;
    });
    expect(bodies).toEqual(
      expect.arrayContaining([
        { id: user, account_id: sub, action: 'doc_created', type: 'user' },
        { id: device, account_id: reseller, action: 'doc_edited', type: 'device' },
        { id: flow, account_id: reseller, action: 'doc_deleted', type: 'flow' },
        { id: 'kazoo-cf', account_id: reseller, action: 'doc_created', type: 'callflow' },
      ]),
    );
    const devices = await eventually('device filter', () => (receiver.on('/devices').length > 0 ? receiver.on('/devices') : undefined));
    await sleep(300);
    expect(receiver.on('/devices').map((each) => JSON.parse(each.body).type)).toEqual(['device']);
    expect(devices[0]!.headers['x-hook-event']).toBe('doc_edited');
  });

  it('object hooks see webhook documents change too', async () => {
    const watcher = newId();
    await env.publish('customer-manager', 'account_created', accountEvent(watcher));
    await hook(watcher, { uri: receiver.url('/webhook-docs'), hook: 'object', format: 'json', custom_data: { type: 'webhook' } });
    const other = await hook(watcher, { uri: 'http://127.0.0.1:9/none', hook: 'channel_destroy' });
    const bodies = await eventually('webhook doc events', () => {
      const seen = receiver.on('/webhook-docs').map((each) => JSON.parse(each.body));
      return seen.some((each) => each.id === other.id) ? seen : undefined;
    });
    expect(bodies).toContainEqual({ id: other.id, account_id: watcher, action: 'doc_created', type: 'webhook' });
  });

  it('notifications: new accounts and users, and saved recordings, filtered by custom_data.type', async () => {
    await hook(reseller, { uri: receiver.url('/notify-all'), hook: 'notifications', format: 'json', include_subaccounts: true, custom_data: { type: 'all' } });
    await hook(reseller, { uri: receiver.url('/notify-rec'), hook: 'notifications', format: 'json', custom_data: { type: 'recording_saved' } });
    const child = newId();
    await env.publish('customer-manager', 'account_created', accountEvent(child, { parent_id: reseller }));
    await env.publish('call-manager', 'recording_finished', { id: 'rec-1', customer_id: reseller, reference_type: 'call', reference_id: 'call-9' });
    await eventually('notifications', () => receiver.on('/notify-all').length >= 2);
    const all = receiver.on('/notify-all').map((each) => JSON.parse(each.body));
    expect(all).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'new_account', account_id: child, id: child }),
        expect.objectContaining({ type: 'recording_saved', account_id: reseller, recording_id: 'rec-1', call_id: 'call-9' }),
      ]),
    );
    const [recording] = await eventually('recording notification', () => (receiver.on('/notify-rec').length > 0 ? receiver.on('/notify-rec') : undefined));
    expect(JSON.parse(recording!.body)).toMatchObject({ type: 'recording_saved' });
    await sleep(300);
    expect(receiver.on('/notify-rec')).toHaveLength(1);
  });

  it('all: one hook receives channel, object and notification events', async () => {
    const account = newId();
    await env.publish('customer-manager', 'account_created', accountEvent(account));
    await hook(account, { uri: receiver.url('/everything'), hook: 'all', format: 'json' });
    await env.publish('call-manager', 'channel_create', channelEvent(account, newId()));
    await env.publish('customer-manager', 'user_created', { id: 'u-all', account_id: account });
    // The account's own events may reach the hook too (account_created can be matched after the hook exists): wait for the three asked for.
    const bodies = await eventually('all hook', () => {
      const seen = receiver.on('/everything').map((each) => JSON.parse(each.body) as Record<string, unknown>);
      const has = (predicate: (body: Record<string, unknown>) => boolean) => seen.some(predicate);
      return has((body) => body.hook_event === 'channel_create') && has((body) => body.id === 'u-all' && body.type === 'user') && has((body) => body.id === 'u-all' && body.type === 'new_user') && seen;
    });
    expect(bodies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ hook_event: 'channel_create' }),
        { id: 'u-all', account_id: account, action: 'doc_created', type: 'user' },
        expect.objectContaining({ type: 'new_user', id: 'u-all' }),
      ]),
    );
  });

  it("voipbin: the account's webhook_uri gets call_*, activeflow_* and recording_* as {type, data}, and an activeflow's own webhook_uri gets its events", async () => {
    const customer = newId();
    const secret = `secret-${customer}`;
    await env.publish('customer-manager', 'account_created', accountEvent(customer, { webhook_uri: receiver.url('/account-level'), webhook_method: 'POST' }));
    await eventually('account known', async () => (await env.sql('SELECT id FROM webhook_accounts WHERE id = ? AND known = 1', [customer])).length === 1);
    const flowId = newId();
    const activeflowId = newId();
    await env.publish('flow-manager', 'flow_created', { id: flowId, customer_id: customer, webhook_uri: receiver.url('/flow-level'), actions: [] });
    await eventually('flow destination known', async () => (await env.sql("SELECT id FROM webhook_flow_destinations WHERE kind = 'flow' AND id = ?", [flowId])).length === 1);
    await env.publish('flow-manager', 'activeflow_created', { id: activeflowId, customer_id: customer, flow_id: flowId, reference_type: 'call', reference_id: 'c-1', status: 'running' });
    await env.publish('call-manager', 'call_updated', { id: 'c-1', customer_id: customer, activeflow_id: activeflowId, status: 'progressing' });
    await env.publish('call-manager', 'recording_started', { id: 'r-1', customer_id: customer, reference_type: 'call', reference_id: 'c-1' });
    await eventually('account-level deliveries', () => receiver.on('/account-level').length >= 3);
    const types = receiver.on('/account-level').map((each) => JSON.parse(each.body).type);
    expect(types.sort()).toEqual(['activeflow_created', 'call_updated', 'recording_started']);
    const call = receiver.on('/account-level').find((each) => JSON.parse(each.body).type === 'call_updated')!;
    expect(JSON.parse(call.body)).toEqual({ type: 'call_updated', data: { id: 'c-1', customer_id: customer, activeflow_id: activeflowId, status: 'progressing' } });
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.headers['x-hook-id']).toBeUndefined();
    expect(signed(call, secret)).toBe(true);
    const [fromFlow] = await eventually('activeflow destination', () => {
      const seen = receiver.on('/flow-level').filter((each) => JSON.parse(each.body).type === 'call_updated');
      return seen.length > 0 ? seen : undefined;
    });
    expect(signed(fromFlow!, secret)).toBe(true);
  });

  it('webhook_send: POST /v1/webhook_destinations delivers the body with its data_type and method, signed', async () => {
    const customer = newId();
    const client = await env.rpc();
    const queued = await client.call('sendToDestination', {
      body: { account_id: customer, uri: receiver.url('/send-json'), method: 'post', data_type: 'application/json', data: { order: 7, items: ['a'] } },
    });
    expect(queued.state).toBe('queued');
    await client.call('sendToDestination', { body: { account_id: customer, uri: receiver.url('/send-text'), method: 'PUT', data_type: 'text/plain', data: 'hello there' } });
    await client.call('sendToDestination', { body: { account_id: customer, uri: receiver.url('/send-get'), method: 'GET', data_type: 'application/json', data: { q: 'x y' } } });
    const [json] = await eventually('json destination', () => (receiver.on('/send-json').length > 0 ? receiver.on('/send-json') : undefined));
    expect(JSON.parse(json!.body)).toEqual({ order: 7, items: ['a'] });
    expect(json!.headers['x-event-id']).toBe(queued.event_id);
    const settings = await client.call('getWebhookSettings', { params: { account_id: customer } });
    expect(signed(json!, settings.webhook_secret)).toBe(true);
    const [text] = await eventually('text destination', () => (receiver.on('/send-text').length > 0 ? receiver.on('/send-text') : undefined));
    expect([text!.method, text!.headers['content-type'], text!.body]).toEqual(['PUT', 'text/plain', 'hello there']);
    const [get] = await eventually('GET destination', () => (receiver.on('/send-get').length > 0 ? receiver.on('/send-get') : undefined));
    expect(get!.query.get('q')).toBe('x y');
  });

  it('parks a malformed event at once, naming the field, and goes on with the rest', async () => {
    await hook(reseller, { uri: receiver.url('/after-malformed'), hook: 'channel_create', format: 'json' });
    await env.publish('call-manager', 'channel_create', { account_id: reseller, caller_id_name: 'no call id' });
    const callId = newId();
    await env.publish('call-manager', 'channel_create', channelEvent(reseller, callId));
    await eventually('the valid event', () => receiver.on('/after-malformed').some((each) => JSON.parse(each.body).call_id === callId));
    const parked = await eventually('parked', async () => {
      const letters = await env.deadLetters();
      return letters.length > 0 ? letters : undefined;
    });
    expect(parked[0]!.body).toMatchObject({ type: 'channel_create', data: { caller_id_name: 'no call id' } });
    expect(String(parked[0]!.headers['x-last-error'])).toContain('data.call_id');
  });

  it('looks up at customer-manager an account it never heard of: its parent and its secret', async () => {
    const unknown = newId();
    const now = new Date().toISOString();
    lookups.set(unknown, {
      id: unknown,
      name: 'looked up',
      realm: 'lookedup.example.com',
      parent_id: reseller,
      tree: [reseller],
      reseller_id: reseller,
      is_reseller: false,
      enabled: true,
      timezone: 'UTC',
      language: 'en-us',
      webhook_uri: null,
      webhook_method: null,
      created: now,
      updated: now,
      webhook_secret: 'from-customer-manager',
    });
    await hook(reseller, { uri: receiver.url('/looked-up-parent'), hook: 'channel_destroy', format: 'json', include_subaccounts: true });
    await hook(unknown, { uri: receiver.url('/looked-up-own'), hook: 'channel_destroy', format: 'json' });
    const callId = newId();
    await env.publish('call-manager', 'channel_destroy', channelEvent(unknown, callId));
    const [parent] = await eventually('reseller hook fired for the looked-up account', () => {
      const seen = receiver.on('/looked-up-parent').filter((each) => JSON.parse(each.body).call_id === callId);
      return seen.length > 0 ? seen : undefined;
    });
    expect(signed(parent!, resellerSecret)).toBe(true);
    const [own] = await eventually('own hook', () => (receiver.on('/looked-up-own').length > 0 ? receiver.on('/looked-up-own') : undefined));
    expect(signed(own!, 'from-customer-manager')).toBe(true);
  });

  it('keeps successful attempts only for hooks that ask', async () => {
    const client = await env.rpc();
    const logging = await hook(reseller, { uri: receiver.url('/logged'), hook: 'channel_destroy', format: 'json', log_successful_attempts: true });
    const quiet = await hook(reseller, { uri: receiver.url('/quiet'), hook: 'channel_destroy', format: 'json' });
    await env.publish('call-manager', 'channel_destroy', channelEvent(reseller, newId()));
    await eventually('both delivered', () => receiver.on('/logged').length > 0 && receiver.on('/quiet').length > 0);
    const logged = await eventually('attempt logged', async () => {
      const page = await client.call('listWebhookAttempts', { params: { account_id: reseller, id: logging.id } });
      return page.result.length > 0 ? page.result : undefined;
    });
    expect(logged[0]).toMatchObject({ hook_id: logging.id, result: 'success', resp_status_code: 200, resp_body: 'ok', try: 1, retries_left: 0, final: true, method: 'POST' });
    expect(logged[0]!.req_headers['X-Hook-ID']).toBe(logging.id);
    expect((await client.call('listWebhookAttempts', { params: { account_id: reseller, id: quiet.id } })).result).toEqual([]);
  });
});
