import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { callManager } from '@voxmesh/contracts';
import { VoipError, defineContract } from '@voxmesh/wire';
import { customerManagerModule } from '@voxmesh/customer-manager';
import { webhookManagerModule } from '@voxmesh/webhook-manager';
import { Api, Frames, GatewayEnv, eventually, loginWithKey, send, type Started } from './harness.js';

const MASTER_KEY = 'kazoo-docs-master-key-0123456789abcdef';
const GREGORIAN_2020 = 63745056000;

/**
 * Kazoo's documentation, request by request (repository 2600hz/kazoo):
 * applications/crossbar/doc/webhooks.md, applications/webhooks/doc/events/*.md,
 * applications/crossbar/doc/websockets.md, applications/blackhole/doc/{README,bindings,ping}.md
 * and applications/crossbar/doc/channels.md. Each curl command is sent as written (server,
 * account, ids and token filled in) and the reply is held to the fields the doc shows.
 * What stays different is listed in README's "Differences from Kazoo".
 */

// webhooks.md, "Fetch available webhooks on the system": ids and names as the doc lists them.
const DOC_HOOK_NAMES: Record<string, string> = {
  sms: 'SMS',
  object: 'Object',
  notifications: 'Notifications Webhook',
  channel_destroy: 'Channel Destroy',
  channel_create: 'Channel Create',
  channel_bridge: 'Channel Bridge',
  channel_answer: 'Channel Answer',
  parking: 'Call Parking',
};
const DOC_OBJECT_ACTIONS = ['all', 'doc_created', 'doc_edited', 'doc_deleted'];
const DOC_OBJECT_TYPES = ['account', 'all', 'callflow', 'device', 'faxbox', 'media', 'user', 'vmbox', 'fax', 'mailbox_message', 'call_recording'];
const DOC_NOTIFICATION_TYPES = [
  'account_zone_change', 'all', 'bill_reminder', 'cf_notification', 'cnam_request', 'customer_update', 'denied_emergency_bridge', 'deregister',
  'first_occurrence', 'inbound_fax', 'inbound_fax_error', 'low_balance', 'missed_call', 'new_account', 'new_user', 'outbound_fax', 'outbound_fax_error',
  'outbound_smtp_fax_error', 'password_recovery', 'port_cancel', 'port_comment', 'port_pending', 'port_rejected', 'port_request', 'port_scheduled',
  'port_unconfirmed', 'ported', 'register', 'service_added', 'topup', 'transaction', 'voicemail_full', 'voicemail_new', 'voicemail_saved', 'webhook',
];
const DOC_SAMPLE_NAMES = [
  'webhooks_channel_answer', 'webhooks_channel_bridge', 'webhooks_channel_create', 'webhooks_channel_destroy', 'webhooks_notifications', 'webhooks_object', 'webhooks_parking',
];
// webhooks/doc/events/channels.md, "Base Channel event sample", and each hook's own fields.
const DOC_CHANNEL_FIELDS = [
  'account_id', 'authorizing_id', 'authorizing_type', 'call_direction', 'call_forwarded', 'call_id', 'callee_id_name', 'callee_id_number', 'caller_id_name',
  'caller_id_number', 'custom_application_vars', 'custom_channel_vars', 'emergency_resource_used', 'from', 'inception', 'is_internal_leg', 'local_resource_id',
  'local_resource_used', 'other_leg_call_id', 'owner_id', 'request', 'reseller_id', 'timestamp', 'to',
];
const DOC_CHANNEL_EXTRA: Record<string, string[]> = {
  channel_answer: ['hook_event'],
  channel_bridge: ['hook_event', 'original_number', 'other_leg_destination_number'],
  channel_create: ['hook_event'],
  channel_destroy: ['hook_event', 'hangup_cause', 'hangup_code', 'duration_seconds', 'ringing_seconds', 'billing_seconds'],
};
// webhooks/doc/events/notifications.md: the fields every notification has, and some types' own.
const DOC_NOTIFICATION_BASE = ['app_name', 'app_version', 'event_category', 'event_name', 'msg_id', 'node', 'server_id', 'system_log_id'];
const DOC_NOTIFICATION_FIELDS: Record<string, string[]> = {
  // Kazoo's new_user also names `password` and new_account `account_api_key`: secrets this platform never sends.
  new_user: ['account_id', 'event_name', 'user_id'],
  new_account: ['account_db', 'account_id', 'account_name', 'account_realm', 'event_name'],
  webhook_disabled: ['account_id', 'event_name', 'hook_id'],
  missed_call: ['account_id', 'call_bridged', 'call_id', 'caller_id_name', 'caller_id_number', 'event_name', 'from_realm', 'from_user', 'message_left', 'notify', 'timestamp', 'to_realm', 'to_user', 'to'],
  voicemail_new: ['account_id', 'call_id', 'caller_id_name', 'caller_id_number', 'event_name', 'voicemail_box', 'voicemail_id', 'voicemail_length', 'voicemail_timestamp'],
};
// websockets.md, "Available Websocket Bindings" ({CALL_ID} asked for as *).
const DOC_CALL_EVENTS = ['CHANNEL_CREATE', 'CHANNEL_ANSWER', 'CHANNEL_DESTROY', 'CHANNEL_HOLD', 'CHANNEL_UNHOLD', 'CHANNEL_BRIDGE', 'PARK_PARKED', 'PARK_RETRIEVED', 'PARK_ABANDONED'];
const DOC_WS_OBJECT_TYPES = ['account', 'callflow', 'device', 'faxbox', 'media', 'user', 'vmbox', 'fax', 'mailbox_message', 'call_recording'];

const recorded: { route: string; id: string; body: unknown }[] = [];
const { listChannels, getChannel, channelMetaflow, channelCommand } = callManager.callManagerContract.routes;
const callManagerStandIn = defineContract('call-manager', { listChannels, getChannel, channelMetaflow, channelCommand });

function channelDoc(id: string, accountId: string): callManager.Channel {
  return {
    id,
    call_id: `call-of-${id}`,
    account_id: accountId,
    media_server: 'fs-1',
    direction: 'outbound',
    state: 'answered',
    caller_id_name: '',
    caller_id_number: '2000',
    destination_number: 'user_zu0bf7',
    username: 'user_zu0bf7',
    bridged_to: 'd220c187-e18edc42',
    hangup_cause: '',
    tm_create: '2020-01-01T00:00:00.000Z',
    tm_answer: '2020-01-01T00:00:02.000Z',
    tm_hangup: null,
  };
}

/** A webhook receiver: what each path was sent, and the status it answers. */
class Receiver {
  readonly seen = new Map<string, string[]>();
  private server: Server | undefined;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = request.url ?? '/';
        this.seen.set(path, [...(this.seen.get(path) ?? []), Buffer.concat(chunks).toString('utf8')]);
        const failing = path.startsWith('/fail');
        response.writeHead(failing ? 500 : 200, { 'content-type': 'text/plain' });
        response.end(failing ? 'receiver says no' : 'ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe("Kazoo's webhooks, websockets and channels documentation, example by example", () => {
  const env = new GatewayEnv();
  const receiver = new Receiver();
  let started: Started;
  let base: string;
  let api: Api;
  let accountId: string;
  let token: string;

  beforeAll(async () => {
    await receiver.start();
    started = await env.start({
      services: [customerManagerModule, webhookManagerModule],
      gatewayFlags: ['-master_api_key', MASTER_KEY, '-webhook_allow_private', 'true', '-webhook_retry_base_ms', '50', '-webhook_connect_timeout_ms', '1000'],
    });
    base = started.gateway.httpUrl;
    const { api: master } = await loginWithKey(base, MASTER_KEY);
    accountId = ((await master.put('/v2/accounts', { name: 'Docs Customer' })).body.data as { id: string }).id;
    const key = ((await master.put(`/v2/accounts/${accountId}/api_keys`, {})).body.data as { api_key: string }).api_key;
    ({ api } = await loginWithKey(base, key));
    token = api.token!;
    await env.serveStandIn(callManagerStandIn, {
      listChannels: async ({ body }) => ({ result: [channelDoc('dab25c76-7479-4ed2-ba92-6b725d68e351', body?.account_id ?? '')] }),
      getChannel: async ({ params }) => {
        if (params.id === 'ghost') throw VoipError.notFound('no channel');
        return channelDoc(params.id, accountId);
      },
      channelMetaflow: async ({ params, body }) => {
        recorded.push({ route: 'channelMetaflow', id: params.id, body });
        return channelDoc(params.id, accountId);
      },
      channelCommand: async ({ params, body }) => {
        recorded.push({ route: 'channelCommand', id: params.id, body });
        return channelDoc(params.id, accountId);
      },
    });
  }, 90_000);

  afterAll(async () => {
    await env.cleanup();
    await receiver.stop();
  }, 60_000);

  /** A doc's curl command: method, URL as written, headers, body as written. */
  async function curl(method: string, url: string, options: { body?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; json: Record<string, unknown> }> {
    const target = url
      .replace(/^http:\/\/\{SERVER\}:8000/, base)
      .replaceAll('{ACCOUNT_ID}', accountId);
    const response = await fetch(target, { method, headers: { 'X-Auth-Token': token, ...options.headers }, ...(options.body !== undefined ? { body: options.body } : {}) });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  describe('crossbar/doc/webhooks.md', () => {
    it('GET /v2/webhooks lists every hook the doc lists, by its name, with the object and notifications modifiers as the doc gives them', async () => {
      const { status, json } = await curl('GET', 'http://{SERVER}:8000/v2/webhooks', { headers: { 'Content-Type': 'application/json' } });
      expect(status).toBe(200);
      // The doc's reply echoes auth_token; this route is public and does not read the token, so it is not echoed.
      expect(json).toMatchObject({ status: 'success', request_id: expect.any(String) });
      const hooks = json.data as { id: string; name: string; description: string; modifiers?: Record<string, { type: string; items: unknown; description?: string }> }[];
      expect(json.page_size).toBe(hooks.length);
      for (const [id, name] of Object.entries(DOC_HOOK_NAMES)) expect(hooks.find((hook) => hook.id === id)).toMatchObject({ id, name, description: expect.any(String) });
      // No parking or SMS events here: the catalogue says so rather than pretend.
      for (const id of ['parking', 'sms']) expect(hooks.find((hook) => hook.id === id)!.description).toMatch(/never fire/);

      const object = hooks.find((hook) => hook.id === 'object')!;
      expect(object.modifiers!.action).toMatchObject({ type: 'array', description: expect.any(String) });
      expect(object.modifiers!.action!.items).toEqual(expect.arrayContaining(DOC_OBJECT_ACTIONS));
      expect(object.modifiers!.type).toMatchObject({ type: 'array', description: expect.any(String) });
      expect(object.modifiers!.type!.items).toEqual(expect.arrayContaining(DOC_OBJECT_TYPES));

      const notifications = hooks.find((hook) => hook.id === 'notifications')!;
      expect(notifications.modifiers!.type!.type).toBe('object');
      const types = notifications.modifiers!.type!.items as Record<string, { description: string; friendly_name: string }>;
      for (const type of DOC_NOTIFICATION_TYPES) expect(types[type]).toEqual({ description: expect.any(String), friendly_name: expect.any(String) });
      expect(types.new_user!.friendly_name).toBe('New User');
      expect(types.webhook!.friendly_name).toBe('Callflow Webhook Triggered');
      expect(types.voicemail_new!.description).toMatch(/Not raised by this platform yet/);
    });

    it('GET /v2/webhooks/samples lists the sample names the doc lists', async () => {
      const written = await curl('GET', 'http://{SERVER}:8000/v2/webhooks/samples');
      expect(written.status).toBe(200);
      expect(written.json.data).toEqual(DOC_SAMPLE_NAMES);
      // The doc's example request, without a token.
      const response = await fetch(`${base}/v2/webhooks/samples`, { headers: { 'Content-Type': 'application/json' } });
      expect(((await response.json()) as { data: string[] }).data).toEqual(DOC_SAMPLE_NAMES);
    });

    it('GET /v2/webhooks/samples/webhooks_parking answers the one sample the doc shows, with its fields', async () => {
      const response = await fetch(`${base}/v2/webhooks/samples/webhooks_parking`, { headers: { 'Content-Type': 'application/json' } });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { page_size: number; data: Record<string, unknown>[]; status: string; request_id: string };
      expect(body).toMatchObject({ page_size: 1, status: 'success', request_id: expect.any(String) });
      // The doc's sample spells one key caller_id_Number; the payload's key is caller_id_number.
      const fields = ['account_id', 'call_id', 'callee_id_name', 'callee_id_number', 'caller_id_number', 'caller_id_name', 'event_name', 'parking_slot'];
      expect(Object.keys(body.data[0]!).sort()).toEqual(fields.sort());
      expect(body.data[0]).toMatchObject({ event_name: 'PARK_PARKED', parking_slot: 1 });
      // Our own name for the same samples.
      expect(((await (await fetch(`${base}/v2/webhooks/samples/parking`)).json()) as { data: unknown[] }).data).toEqual(body.data);
    });

    it('narrows samples with crossbar query string filters, as the doc\'s two examples (their webhook_ spelling included)', async () => {
      const missed = (await (await fetch(`${base}/v2/webhooks/samples/webhook_notifications?filter_event_name=missed_call`, { headers: { 'Content-Type': 'application/json' } })).json()) as {
        data: Record<string, unknown>[];
      };
      expect(missed.data.length).toBeGreaterThan(0);
      expect(missed.data.every((sample) => sample.event_name === 'missed_call')).toBe(true);
      const created = (await (await fetch(`${base}/v2/webhooks/samples/webhook_object?filter_action=doc_created`, { headers: { 'Content-Type': 'application/json' } })).json()) as {
        data: Record<string, unknown>[];
      };
      expect(created.data.length).toBeGreaterThan(0);
      expect(created.data.every((sample) => sample.action === 'doc_created')).toBe(true);
      expect((await fetch(`${base}/v2/webhooks/samples/webhooks_fax`)).status).toBe(404);
    });

    it('serves samples with the fields webhooks/doc/events/{channels,object,notifications}.md name', async () => {
      for (const [hook, extra] of Object.entries(DOC_CHANNEL_EXTRA)) {
        const { json } = await curl('GET', `http://{SERVER}:8000/v2/webhooks/samples/webhooks_${hook}`);
        const [sample] = json.data as Record<string, unknown>[];
        expect(Object.keys(sample!)).toEqual(expect.arrayContaining([...DOC_CHANNEL_FIELDS, ...extra]));
        expect(sample!.hook_event).toBe(hook);
      }
      const objects = (await curl('GET', 'http://{SERVER}:8000/v2/webhooks/samples/webhooks_object')).json.data as Record<string, unknown>[];
      for (const sample of objects) expect(Object.keys(sample).sort()).toEqual(['account_id', 'action', 'id', 'type']);
      const notifications = (await curl('GET', 'http://{SERVER}:8000/v2/webhooks/samples/webhooks_notifications')).json.data as Record<string, unknown>[];
      for (const type of DOC_NOTIFICATION_TYPES.filter((each) => each !== 'all')) {
        const sample = notifications.find((each) => each.event_name === type);
        expect(sample).toBeDefined();
        expect(Object.keys(sample!)).toEqual(expect.arrayContaining([...DOC_NOTIFICATION_BASE, 'account_id']));
        expect(sample!.event_category).toBe('notification');
      }
      for (const [type, fields] of Object.entries(DOC_NOTIFICATION_FIELDS)) {
        expect(Object.keys(notifications.find((each) => each.event_name === type)!)).toEqual(expect.arrayContaining(fields));
      }
    });

    let webhookId = '';

    it('creates, reads, edits, patches and lists a webhook with the curl commands as written', async () => {
      const create = `{"data": {
        "name": "New Calls",
        "uri": "http://my.{SERVER}/calls/new.php",
        "http_verb": "post",
        "hook": "channel_create",
        "retries":3
    }}`.replace('{SERVER}', 'hooks.example.com');
      const created = await curl('PUT', 'http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/webhooks', { body: create, headers: { 'Content-Type': 'application/json' } });
      expect(created.status).toBe(201);
      expect(created.json.data).toMatchObject({ name: 'New Calls', uri: 'http://my.hooks.example.com/calls/new.php', http_verb: 'post', hook: 'channel_create', retries: 3, enabled: true, format: 'form-data', include_internal_legs: true });
      webhookId = (created.json.data as { id: string }).id;

      const read = await curl('GET', `http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/webhooks/${webhookId}`);
      expect(read).toMatchObject({ status: 200, json: { data: { id: webhookId, name: 'New Calls' } } });

      const edit = `{"data": {
        "name": "New Calls",
        "uri": "http://my.{SERVER}/calls/new_calls.php",
        "http_verb": "post",
        "hook": "channel_create",
        "retries": 3
    }}`.replace('{SERVER}', 'hooks.example.com');
      const edited = await curl('POST', `http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/webhooks/${webhookId}`, { body: edit, headers: { 'Content-Type': 'application/json' } });
      expect(edited).toMatchObject({ status: 200, json: { data: { uri: 'http://my.hooks.example.com/calls/new_calls.php' } } });

      const patched = await curl('PATCH', `http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/webhooks/${webhookId}`, { body: '{"data":{"enabled":true}}', headers: { 'Content-Type': 'application/json' } });
      expect(patched).toMatchObject({ status: 200, json: { data: { enabled: true } } });

      const listed = await curl('GET', 'http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/webhooks');
      expect((listed.json.data as { id: string }[]).map((hook) => hook.id)).toContain(webhookId);

      // Every hook of the catalogue can be subscribed to, parking and sms included (they never fire here).
      for (const hook of ['parking', 'sms']) {
        const made = await api.put(`/v2/accounts/${accountId}/webhooks`, { name: `${hook} hook`, uri: 'http://hooks.example.com/x', hook });
        expect(made).toMatchObject({ status: 201, body: { data: { hook } } });
        expect((await api.delete(`/v2/accounts/${accountId}/webhooks/${(made.body.data as { id: string }).id}`)).status).toBe(200);
      }
    });

    it('takes the "Hook Specific Custom Data" example: an object hook for edited users gets only those', async () => {
      const body = `{"name":"User edited webhook"
 ,"hook":"object"
 ,"custom_data":{
    "type": "user",
    "action": "doc_edited"
 }
 ,"uri":"${receiver.url('/users-edited')}"
}`;
      const created = await curl('PUT', 'http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/webhooks', { body: `{"data": ${body}}`, headers: { 'Content-Type': 'application/json' } });
      expect(created.status).toBe(201);
      await env.publish('customer-manager', 'device_updated', { id: 'device-1', account_id: accountId });
      await env.publish('customer-manager', 'user_created', { id: 'user-1', account_id: accountId });
      await env.publish('customer-manager', 'user_updated', { id: 'user-1', account_id: accountId });
      const [sent] = await eventually('the edited user', () => receiver.seen.get('/users-edited'));
      expect(Object.fromEntries(new URLSearchParams(sent!))).toEqual({ id: 'user-1', account_id: accountId, action: 'doc_edited', type: 'user' });
    });

    it('logs attempts with the fields the doc shows (timestamp in Gregorian seconds, result, reason, client_error, retries left)', async () => {
      const failing = await api.put(`/v2/accounts/${accountId}/webhooks`, { name: 'Failing', uri: receiver.url('/fail'), hook: 'channel_create', retries: 1 });
      const unreachable = await api.put(`/v2/accounts/${accountId}/webhooks`, { name: 'Unreachable', uri: 'http://127.0.0.1:1/calls', hook: 'channel_create', retries: 1 });
      const failingId = (failing.body.data as { id: string }).id;
      const unreachableId = (unreachable.body.data as { id: string }).id;
      await env.publish('call-manager', 'channel_create', { account_id: accountId, call_id: 'doc-call-1', call_direction: 'inbound' });

      const attempts = await eventually('both attempts logged', async () => {
        const { json } = await curl('GET', 'http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/webhooks/attempts');
        const data = json.data as Record<string, unknown>[];
        return data.some((each) => each.hook_id === failingId) && data.some((each) => each.hook_id === unreachableId) ? json : undefined;
      });
      expect(attempts).toMatchObject({ status: 'success', request_id: expect.any(String), page_size: expect.any(Number) });
      const data = attempts.data as Record<string, unknown>[];
      const refused = data.find((each) => each.hook_id === unreachableId)!;
      expect(refused).toMatchObject({ hook_id: unreachableId, result: 'failure', reason: expect.any(String), client_error: expect.any(String), 'retries left': 0, retries_left: 0 });
      expect(refused.timestamp).toBeGreaterThan(GREGORIAN_2020);
      const rejected = data.find((each) => each.hook_id === failingId)!;
      expect(rejected).toMatchObject({ hook_id: failingId, result: 'failure', reason: 'bad response code', response_code: '500', response_body: 'receiver says no', retries_left: 0 });
      expect(Math.abs((rejected.timestamp as number) - (Math.floor(Date.parse(rejected.created_at as string) / 1000) + 62167219200))).toBe(0);

      const one = await curl('GET', `http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/webhooks/${failingId}/attempts`);
      expect((one.json.data as Record<string, unknown>[]).map((each) => each.hook_id)).toEqual([failingId]);
    });

    it('re-enables auto-disabled hooks with the PATCH commands as written (no Content-Type)', async () => {
      const account = await curl('PATCH', 'http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/webhooks', { body: '{"data":{"re-enable":true}}' });
      expect(account.status).toBe(200);
      const descendants = await curl('PATCH', 'http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/descendants/webhooks', { body: '{"data":{"re-enable":true}}' });
      expect(descendants.status).toBe(200);
    });

    it('deletes the webhook with the DELETE as written', async () => {
      const deleted = await curl('DELETE', `http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/webhooks/${webhookId}`);
      expect(deleted.status).toBe(200);
      expect((await curl('GET', `http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/webhooks/${webhookId}`)).status).toBe(404);
    });
  });

  describe('crossbar/doc/websockets.md and blackhole/doc', () => {
    it('GET /v2/websockets offers every binding the doc lists, in the seed\'s {binding, event} entries', async () => {
      const response = await fetch(`${base}/v2/websockets`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data: Record<string, { binding: string; event: string }[]>; status: string; node: string; request_id: string; timestamp: string };
      expect(body).toMatchObject({ status: 'success', node: expect.any(String), request_id: expect.any(String), timestamp: expect.any(String) });
      const offered = (category: string) => body.data[category]!.map((entry) => entry.binding);
      expect(offered('call')).toEqual(expect.arrayContaining(DOC_CALL_EVENTS.map((event) => `call.${event}.*`)));
      expect(body.data.call!.find((entry) => entry.binding === 'call.PARK_PARKED.*')).toEqual({ binding: 'call.PARK_PARKED.*', event: 'PARK_PARKED' });
      expect(offered('conference')).toContain('conference.event.*.*');
      const objects = ['doc_created', 'doc_edited', 'doc_deleted'].flatMap((action) => DOC_WS_OBJECT_TYPES.map((type) => `object.${action}.${type}`));
      expect(offered('object')).toEqual(expect.arrayContaining(objects));
    });

    it("runs the README's example client: its three subscriptions, events for them, binding and bindings, name and metadata, both unsubscribes", async () => {
      const socket = await env.openSocket(started.gateway.wsUrl);
      const frames = new Frames(socket);
      const subscriptions = ['call.CHANNEL_CREATE.*', 'conference.event.{CONFERENCE_ID}.*'.replace('{CONFERENCE_ID}', 'conf-7'), 'doc_created.*.user.*'];
      for (const binding of subscriptions) {
        await send(socket, { action: 'subscribe', auth_token: token, request_id: accountId, data: { account_id: accountId, binding } });
      }
      await eventually('three replies', () => (frames.all.filter((frame) => frame.action === 'reply').length === 3 ? true : undefined));
      for (const reply of frames.all) expect(reply).toMatchObject({ action: 'reply', request_id: accountId, status: 'success' });

      await env.publish('call-manager', 'confbridge_joined', {
        id: 'conf-7', account_id: accountId, type: 'conference', status: 'progressing', activeflow_id: '', reference_id: '', call_ids: ['leg-1'], tm_create: new Date().toISOString(), tm_update: null, tm_delete: null, call_id: 'leg-1',
      });
      expect(await frames.next('conference event', (frame) => frame.action === 'event' && frame.subscribed_key === 'conference.event.conf-7.*')).toMatchObject({
        name: 'add-member',
        routing_key: 'conference.event.conf-7.leg-1',
        data: { conference_id: 'conf-7', call_id: 'leg-1', account_id: accountId, participants: ['leg-1'] },
      });
      // Subscribers check an event's data against its publisher's schema: a whole user, as customer-manager sends it.
      const now = new Date().toISOString();
      await env.publish('customer-manager', 'user_created', {
        id: 'user-ws', account_id: accountId, username: 'ws', email: null, first_name: 'W', last_name: 'S', enabled: true, priv_level: 'user', created: now, updated: now,
      });
      expect(await frames.next('user created', (frame) => frame.action === 'event' && frame.subscribed_key === 'doc_created.*.user.*')).toMatchObject({
        name: 'doc_created',
        data: { id: 'user-ws', account_id: accountId, action: 'doc_created', type: 'user' },
      });
      await env.publish('call-manager', 'channel_create', { account_id: accountId, call_id: 'ws-call', call_direction: 'inbound' });
      await frames.next('channel event', (frame) => frame.action === 'event' && frame.routing_key === 'call.CHANNEL_CREATE.ws-call');

      // "For multiple use: bindings", and a friendly name with metadata.
      await send(socket, { action: 'subscribe', auth_token: token, request_id: 'many', data: { account_id: accountId, bindings: ['doc_edited.*.user.*', 'doc_deleted.*.user.*'] } });
      expect(await frames.next('bindings reply', (frame) => frame.request_id === 'many')).toMatchObject({ status: 'success' });
      await send(socket, { action: 'subscribe', auth_token: token, request_id: 'named', data: { account_id: accountId, name: 'My new socket', metadata: { test: 'test' }, binding: 'doc_edited.*.user.*' } });
      expect(await frames.next('named reply', (frame) => frame.request_id === 'named')).toMatchObject({ status: 'success' });

      // websockets.md's socket listing, in the seed's shape, and one socket with the fields the doc shows.
      const listed = await curl('GET', 'http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/websockets');
      const socketId = (listed.json.data as string[])[0]!;
      const one = await curl('GET', `http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/websockets/${socketId}`);
      expect(one.json.status).toBe('success');
      expect((one.json.data as Record<string, unknown>[])[0]).toMatchObject({
        bindings: expect.arrayContaining([...subscriptions, 'doc_edited.*.user.*', 'doc_deleted.*.user.*']),
        timestamp: expect.any(Number),
        destination: expect.any(String),
        source: expect.any(String),
        websocket_session_id: socketId,
        name: 'My new socket',
        metadata: { test: 'test' },
      });

      // "For particular subscription".
      await send(socket, { action: 'unsubscribe', auth_token: token, request_id: 'one-off', data: { account_id: accountId, binding: 'call.CHANNEL_CREATE.*' } });
      expect(await frames.next('unsubscribe one', (frame) => frame.request_id === 'one-off')).toMatchObject({ status: 'success', data: { unsubscribed: ['call.CHANNEL_CREATE.*'] } });
      // "For all previous subscriptions": no data, no request id.
      const before = frames.all.length;
      await send(socket, { action: 'unsubscribe', auth_token: token });
      const all = await frames.next('unsubscribe all', (frame) => frames.all.indexOf(frame) >= before && frame.action === 'reply');
      expect(all).toMatchObject({ action: 'reply', status: 'success', request_id: expect.any(String), data: { subscribed: [] } });
      expect((all.data as { unsubscribed: string[] }).unsubscribed.sort()).toEqual(['conference.event.conf-7.*', 'doc_created.*.user.*', 'doc_deleted.*.user.*', 'doc_edited.*.user.*']);
      expect((await curl('GET', `http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/websockets/${socketId}`)).status).toBe(404);
      socket.close();
    });

    it("takes bindings.md's bindings this platform publishes, and answers the others with an error reply", async () => {
      const socket = await env.openSocket(started.gateway.wsUrl);
      const frames = new Frames(socket);
      const bindings = { 'call.CHANNEL_CREATE.*': 'success', 'call.CHANNEL_ANSWER.*': 'success', 'call.CHANNEL_DESTROY.*': 'success', 'call.CHANNEL_BRIDGE.*': 'success', 'conference.event.*.*': 'success', 'conference.command.*': 'error', 'fax.status.*': 'error' };
      for (const [i, binding] of Object.keys(bindings).entries()) await send(socket, { action: 'subscribe', auth_token: token, request_id: `b${i}`, data: { account_id: accountId, binding } });
      for (const [i, status] of Object.values(bindings).entries()) expect(await frames.next(`reply b${i}`, (frame) => frame.request_id === `b${i}`)).toMatchObject({ status });
      socket.close();
    });

    it("answers ping.md's ping with a reply carrying its request_id and pong", async () => {
      const socket = await env.openSocket(started.gateway.wsUrl);
      const frames = new Frames(socket);
      await send(socket, { request_id: '0d5e3c1a-4b2f-4c6d-8e9f-0a1b2c3d4e5f', action: 'ping' });
      const reply = await frames.next('pong', (frame) => frame.request_id === '0d5e3c1a-4b2f-4c6d-8e9f-0a1b2c3d4e5f');
      expect(reply).toMatchObject({ action: 'reply', status: 'success', data: { response: 'pong' } });
      socket.close();
    });
  });

  describe('crossbar/doc/channels.md', () => {
    it("lists and reads channels with the fields of the doc's listing", async () => {
      const { status, json } = await curl('GET', 'http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/channels', { headers: { 'Content-Type': 'application/json' } });
      expect(status).toBe(200);
      expect((json.data as Record<string, unknown>[])[0]).toMatchObject({
        answered: true,
        destination: 'user_zu0bf7',
        direction: 'outbound',
        other_leg: 'd220c187-e18edc42',
        timestamp: 63745056000,
        username: 'user_zu0bf7',
        uuid: 'dab25c76-7479-4ed2-ba92-6b725d68e351',
      });
      const one = await curl('GET', 'http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/channels/{UUID}'.replace('{UUID}', 'chan-1'), { headers: { 'Content-Type': 'application/json' } });
      expect(one).toMatchObject({ status: 200, json: { data: { uuid: 'chan-1', answered: true } } });
    });

    it("answers the doc's other listings: system wide (master only), a user's and a device's channels", async () => {
      const { api: master } = await loginWithKey(base, MASTER_KEY);
      const all = await fetch(`${base}/v2/channels`, { headers: { 'Content-Type': 'application/json', 'X-Auth-Token': master.token! } });
      expect(all.status).toBe(200);
      expect(((await all.json()) as { data: { uuid: string }[] }).data.map((channel) => channel.uuid)).toEqual(['dab25c76-7479-4ed2-ba92-6b725d68e351']);
      expect((await curl('GET', 'http://{SERVER}:8000/v2/channels', { headers: { 'Content-Type': 'application/json' } })).status).toBe(403);

      const user = (await api.put(`/v2/accounts/${accountId}/users`, { username: 'zu0bf7-owner', password: 'owner-password' })).body.data as { id: string };
      const other = (await api.put(`/v2/accounts/${accountId}/users`, { username: 'nobody-here', password: 'nobody-password' })).body.data as { id: string };
      const device = (await api.put(`/v2/accounts/${accountId}/devices`, { name: 'Desk', owner_id: user.id, sip: { username: 'user_zu0bf7' } })).body.data as { id: string };
      const spare = (await api.put(`/v2/accounts/${accountId}/devices`, { name: 'Spare', sip: { username: 'spare-desk' } })).body.data as { id: string };
      const uuids = async (url: string) => {
        const { status, json } = await curl('GET', url, { headers: { 'Content-Type': 'application/json' } });
        if (status !== 200) throw new Error(`${url}: ${status} ${JSON.stringify(json)}`);
        return (json.data as { uuid: string }[]).map((channel) => channel.uuid);
      };
      expect(await uuids(`http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/users/${user.id}/channels`)).toEqual(['dab25c76-7479-4ed2-ba92-6b725d68e351']);
      expect(await uuids(`http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/devices/${device.id}/channels`)).toEqual(['dab25c76-7479-4ed2-ba92-6b725d68e351']);
      expect(await uuids(`http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/users/${other.id}/channels`)).toEqual([]);
      expect(await uuids(`http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/devices/${spare.id}/channels`)).toEqual([]);
      expect((await curl('GET', `http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/devices/${'f'.repeat(32)}/channels`)).status).toBe(404);
    });

    it('takes the POST with the action at the top of data, as written', async () => {
      const body = '{"data": {"action": "transfer", "target": "2600", "takeback_dtmf": "*1", "moh": "media_id" }}';
      const sent = await curl('POST', 'http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/channels/{UUID}'.replace('{UUID}', 'chan-post'), { body, headers: { 'Content-Type': 'application/json' } });
      expect(sent.status).toBe(202);
      expect(recorded).toContainEqual({ route: 'channelCommand', id: 'chan-post', body: { account_id: accountId, action: 'transfer', target: '2600', takeback_dtmf: '*1', moh: 'media_id' } });
    });

    it('takes the nested transfer POST, the action beside data, as written: a metaflow node', async () => {
      const body = '{"data":{"module":"transfer","data":{"target":"2600","Transfer-Type":"blind","leg":"bleg"}},"action":"metaflow"}';
      const sent = await curl('POST', 'http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/channels/{UUID}'.replace('{UUID}', 'chan-nested'), { body, headers: { 'Content-Type': 'application/json' } });
      expect(sent.status).toBe(202);
      expect(recorded).toContainEqual({
        route: 'channelMetaflow',
        id: 'chan-nested',
        body: { account_id: accountId, action: 'metaflow', data: { module: 'transfer', data: { target: '2600', 'Transfer-Type': 'blind', leg: 'bleg' } } },
      });
    });

    it('takes the metaflow PUT, the action beside data and the node wrapped once more, as written', async () => {
      const body = '{"action":"metaflow", "data": {"data": { "module": "hangup" }}}';
      const sent = await curl('PUT', 'http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/channels/{UUID}'.replace('{UUID}', 'chan-put'), { body, headers: { 'Content-Type': 'application/json' } });
      expect(sent.status).toBe(202);
      expect(recorded).toContainEqual({ route: 'channelMetaflow', id: 'chan-put', body: { account_id: accountId, action: 'metaflow', data: { module: 'hangup' } } });
      // Only the channel routes read an action beside data; elsewhere it is an unknown envelope field.
      const elsewhere = await curl('PUT', 'http://{SERVER}:8000/v2/accounts/{ACCOUNT_ID}/users', { body: '{"action":"metaflow","data":{"first_name":"A"}}', headers: { 'Content-Type': 'application/json' } });
      expect(elsewhere.status).toBe(400);
    });
  });
});
