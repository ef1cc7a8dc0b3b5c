import { createServer, type Server } from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EslSimulator } from '@voxmesh/esl-sim';
import { MeshNames } from '@voxmesh/mesh';
import { customerManagerModule } from '@voxmesh/customer-manager';
import { flowManagerModule } from '@voxmesh/flow-manager';
import { callManagerModule, type CallManagerHandle } from '@voxmesh/call-manager';
import { webhookManagerModule } from '@voxmesh/webhook-manager';
import { parseJson } from '@voxmesh/wire';
import { Api, GatewayEnv, eventually, loginWithKey, type Started } from './harness.js';

const MASTER_KEY = 'kazoo-caller-id-master-key-0123456789abcdef';
/** Where the connect of every test dials; esl-sim answers it. */
const CALLEE = '+14155550199';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Kazoo's caller-id modules and menu end to end: esl-sim places a call, call-manager
 * routes it through flow-manager to an account's callflow created over REST, the
 * callflow sets the caller id, and its `callflow` child jumps to a flow that connects to
 * a number esl-sim answers. The outgoing leg esl-sim sees carries the caller id the
 * callflow chose, which is also how a test tells which branch the call took.
 */
describe('Kazoo callflow modules on real calls (esl-sim → call-manager → flow-manager)', () => {
  const env = new GatewayEnv();
  const instanceId = `test-${env.namespace}`;
  let sim: EslSimulator;
  let started: Started;
  let accountId: string;
  let account: Api;
  let connectFlowId: string;
  let numbers = 0;
  /** Where callflow webhooks land: each request's method, path and body. */
  const received: { method: string; url: string; body: string }[] = [];
  let receiver: Server;
  let receiverUrl = '';

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ method: request.method ?? '', url: request.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as net.AddressInfo).port}`;
    const socketPort = await freePort();
    sim = new EslSimulator({ eslListenAddr: '127.0.0.1:0', appAddrs: [`127.0.0.1:${socketPort}`], controlListenAddr: null, timeScale: 0.01 });
    const addresses = await sim.start();
    sim.setDestination(CALLEE, { answer: 'answer', after_ms: 100 });
    env.trackQueue(`${new MeshNames(env.namespace).requestQueue('call-manager')}.${instanceId}`);
    started = await env.start({
      services: [customerManagerModule, flowManagerModule, callManagerModule, webhookManagerModule],
      gatewayFlags: [
        '-master_api_key', MASTER_KEY,
        '-esl_addr', `127.0.0.1:${addresses.esl.port}`,
        '-esl_listen_addr', `127.0.0.1:${socketPort}`,
        '-recording_dir', '/tmp/voxmesh-test-recordings',
        '-shutdown_grace_ms', '0',
        '-instance_id', instanceId,
        '-webhook_allow_private', 'true',
      ],
    });
    const callManager = started.running.find((service) => 'pool' in service) as CallManagerHandle;
    await eventually('call-manager to reach esl-sim', () => callManager.pool.servers.every((server) => server.connected), 20_000);

    const { api: master } = await loginWithKey(started.gateway.httpUrl, MASTER_KEY);
    const created = await master.put('/v2/accounts', { name: 'Kazoo Caller ID' });
    expect(created.status).toBe(201);
    accountId = (created.body.data as { id: string }).id;
    const key = await master.put(`/v2/accounts/${accountId}/api_keys`, {});
    ({ api: account } = await loginWithKey(started.gateway.httpUrl, (key.body.data as { api_key: string }).api_key));
    const flow = await account.put(`/v2/accounts/${accountId}/flows`, {
      name: 'connect to the callee',
      actions: [{ id: 'c1', type: 'connect', option: { destinations: [{ type: 'tel', target: CALLEE }] } }],
    });
    expect(flow.status).toBe(201);
    connectFlowId = (flow.body.data as { id: string }).id;
  }, 120_000);

  afterAll(async () => {
    // Calls left up would hold call-manager's shutdown: hang every leg up first.
    for (const call of sim?.listCalls() ?? []) if (!call.destroyed && call.hangup_at === null) sim.hangup(call.uuid);
    await eventually('every leg gone', () => (sim?.listCalls() ?? []).every((call) => call.destroyed || call.hangup_at !== null), 20_000);
    await env.cleanup();
    await sim?.stop();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  }, 60_000);

  /** A callflow on a number of its own, its tree given. */
  async function callflowOn(flow: Record<string, unknown>): Promise<string> {
    const number = `+1415556${String(++numbers).padStart(4, '0')}`;
    const created = await account.put(`/v2/accounts/${accountId}/callflows`, { numbers: [number], flow });
    expect(created.status).toBe(201);
    return number;
  }

  const toConnect = () => ({ module: 'callflow', data: { id: connectFlowId } });

  /**
   * Ends a test's call unless the platform already did (a loaded run may get there first);
   * the switch runs in this process, so nothing ends between the look and the hangup.
   */
  function hangUpIfUp(inbound: string) {
    if (sim.getCall(inbound).hangup_at === null) sim.hangup(inbound);
  }

  /** The leg esl-sim sees dialled to the callee for the call placed on `inbound`. */
  async function outgoingLegOf(inbound: string) {
    return eventually(
      'the outgoing leg to the callee',
      () => sim.listCalls().find((call) => call.direction === 'outbound' && call.to === CALLEE && call.created_at >= sim.getCall(inbound).created_at && !seenLegs.has(call.uuid)),
      20_000,
      50,
    ).then((call) => {
      seenLegs.add(call.uuid);
      return call;
    });
  }
  const seenLegs = new Set<string>();

  it('dynamic_cid: the caller keys in a number and the outgoing leg presents it', async () => {
    const number = await callflowOn({
      module: 'answer',
      children: { _: { module: 'dynamic_cid', data: { action: 'manual', max_digits: 4, min_digits: 4, whitelist_regex: '^5' }, children: { _: toConnect() } } },
    });
    const inbound = sim.placeCall({ from: '+14155550123', to: number, caller_id_name: 'Alice' });
    await sim.waitForCall(inbound, (call) => call.answered, 20_000);
    await sim.sendDtmf(inbound, { digits: '5551' });
    const leg = await outgoingLegOf(inbound);
    expect(leg.from).toBe('5551');
    expect(leg.caller_id_name).toBe('Alice');
    hangUpIfUp(inbound);
  }, 60_000);

  it('dynamic_cid: a number off the whitelist leaves the caller id as it came', async () => {
    const number = await callflowOn({
      module: 'answer',
      children: { _: { module: 'dynamic_cid', data: { max_digits: 4, min_digits: 4, whitelist_regex: '^5' }, children: { _: toConnect() } } },
    });
    const inbound = sim.placeCall({ from: '+14155550124', to: number, caller_id_name: 'Bob' });
    await sim.waitForCall(inbound, (call) => call.answered, 20_000);
    await sim.sendDtmf(inbound, { digits: '1234' });
    const leg = await outgoingLegOf(inbound);
    expect(leg.from).toBe('+14155550124');
    hangUpIfUp(inbound);
  }, 60_000);

  it('check_cid: a caller matching the regex goes to match and presents caller_id.external; another goes to nomatch', async () => {
    const number = await callflowOn({
      module: 'check_cid',
      data: { regex: '^\\+1415555', caller_id: { external: { name: 'Matched', number: '+15550007777' } } },
      children: {
        match: toConnect(),
        nomatch: { module: 'set_cid', data: { caller_id_name: 'Other', caller_id_number: '+15550008888' }, children: { _: toConnect() } },
      },
    });
    const matching = sim.placeCall({ from: '+14155551000', to: number, caller_id_name: 'Carol' });
    const matched = await outgoingLegOf(matching);
    expect({ from: matched.from, name: matched.caller_id_name }).toEqual({ from: '+15550007777', name: 'Matched' });
    sim.hangup(matching);

    const other = sim.placeCall({ from: '+12125550000', to: number, caller_id_name: 'Dave' });
    const unmatched = await outgoingLegOf(other);
    expect({ from: unmatched.from, name: unmatched.caller_id_name }).toEqual({ from: '+15550008888', name: 'Other' });
    sim.hangup(other);
  }, 60_000);

  it('prepend_cid puts its prefix on the caller id of the outgoing leg', async () => {
    const number = await callflowOn({ module: 'prepend_cid', data: { caller_id_name_prefix: 'VIP ', caller_id_number_prefix: '00' }, children: { _: toConnect() } });
    const inbound = sim.placeCall({ from: '+14155550125', to: number, caller_id_name: 'Erin' });
    const leg = await outgoingLegOf(inbound);
    expect({ from: leg.from, name: leg.caller_id_name }).toEqual({ from: '00+14155550125', name: 'VIP Erin' });
    hangUpIfUp(inbound);
  }, 60_000);

  it('menu: a TTS greeting, a wrong choice, then the right one reaches its child', async () => {
    const number = await callflowOn({
      module: 'answer',
      children: {
        _: {
          module: 'menu',
          data: { retries: 3, timeout: 3000, max_extension_length: 1, media: { greeting: { tts: { text: 'Press one.' } }, invalid_media: true } },
          children: {
            '1': { module: 'set_cid', data: { caller_id_number: '+15550001001' }, children: { _: toConnect() } },
            max_retries: { module: 'set_cid', data: { caller_id_number: '+15550001999' }, children: { _: toConnect() } },
          },
        },
      },
    });
    const inbound = sim.placeCall({ from: '+14155550126', to: number });
    await sim.waitForCall(inbound, (call) => call.answered, 20_000);
    await sim.sendDtmf(inbound, { digits: '7' });
    // The invalid prompt is spoken before the menu asks again; then the right key.
    await eventually('the invalid prompt', () => sim.getCall(inbound).applications.filter((app) => JSON.stringify(app).includes('That is not a valid choice')).length > 0, 20_000, 50);
    await sim.sendDtmf(inbound, { digits: '1' });
    const leg = await outgoingLegOf(inbound);
    expect(leg.from).toBe('+15550001001');
    hangUpIfUp(inbound);
  }, 60_000);

  it('menu: a caller who never chooses hears exit_media and goes to max_retries', async () => {
    const number = await callflowOn({
      module: 'answer',
      children: {
        _: {
          module: 'menu',
          data: { retries: 2, timeout: 1000, max_extension_length: 1, media: { exit_media: true } },
          children: {
            '1': { module: 'hangup' },
            max_retries: { module: 'set_cid', data: { caller_id_number: '+15550001999' }, children: { _: toConnect() } },
          },
        },
      },
    });
    const inbound = sim.placeCall({ from: '+14155550127', to: number });
    const leg = await outgoingLegOf(inbound);
    expect(leg.from).toBe('+15550001999');
    expect(JSON.stringify(sim.getCall(inbound).applications)).toContain('Goodbye.');
    hangUpIfUp(inbound);
  }, 60_000);

  it('cidlistmatch: callers on a list kept over REST go to match, others to nomatch, and a removed entry stops matching', async () => {
    const created = await account.put(`/v2/accounts/${accountId}/lists`, { name: 'VIP callers', description: 'priority' });
    expect(created.status).toBe(201);
    const listId = (created.body.data as { id: string }).id;
    const byPrefix = await account.put(`/v2/accounts/${accountId}/lists/${listId}/entries`, { number: '1415555', displayname: 'Bay area' });
    expect(byPrefix.status).toBe(201);
    const entryId = (byPrefix.body.data as { id: string }).id;
    expect((await account.put(`/v2/accounts/${accountId}/lists/${listId}/entries`, { pattern: '^\\+1212' })).status).toBe(201);
    const entries = await account.get(`/v2/accounts/${accountId}/lists/${listId}/entries`);
    expect(entries.body.data).toEqual([
      expect.objectContaining({ id: entryId, list_id: listId, number: '1415555', displayname: 'Bay area' }),
      expect.objectContaining({ list_id: listId, pattern: '^\\+1212' }),
    ]);

    const number = await callflowOn({
      module: 'cidlistmatch',
      data: { id: listId },
      children: {
        match: { module: 'set_cid', data: { caller_id_number: '+15550002001' }, children: { _: toConnect() } },
        nomatch: { module: 'set_cid', data: { caller_id_number: '+15550002002' }, children: { _: toConnect() } },
      },
    });
    const branchOf = async (from: string) => {
      const inbound = sim.placeCall({ from, to: number });
      const leg = await outgoingLegOf(inbound);
      hangUpIfUp(inbound);
      return leg.from === '+15550002001' ? 'match' : leg.from === '+15550002002' ? 'nomatch' : leg.from;
    };
    expect(await branchOf('+14155551234')).toBe('match');
    expect(await branchOf('+12125550000')).toBe('match');
    expect(await branchOf('+13125550000')).toBe('nomatch');

    expect((await account.delete(`/v2/accounts/${accountId}/lists/${listId}/entries/${entryId}`)).status).toBe(200);
    expect(await branchOf('+14155551234')).toBe('nomatch');
  }, 90_000);

  it('lists: PATCH merges, bad entries are a 400 naming the field, a deleted list is a 404', async () => {
    const created = await account.put(`/v2/accounts/${accountId}/lists`, { name: 'patch me' });
    const listId = (created.body.data as { id: string }).id;
    const patched = await account.patch(`/v2/accounts/${accountId}/lists/${listId}`, { description: 'desc' });
    expect(patched.status).toBe(200);
    expect(patched.body.data).toMatchObject({ id: listId, name: 'patch me', description: 'desc' });
    const noName = await account.put(`/v2/accounts/${accountId}/lists`, { description: 'nameless' });
    expect(noName.status).toBe(400);
    expect(JSON.stringify(noName.body)).toContain('name');
    const badNumber = await account.put(`/v2/accounts/${accountId}/lists/${listId}/entries`, { number: 'abc' });
    expect(badNumber.status).toBe(400);
    expect(JSON.stringify(badNumber.body)).toContain('number');
    const badPattern = await account.put(`/v2/accounts/${accountId}/lists/${listId}/entries`, { pattern: '([' });
    expect(badPattern.status).toBe(400);
    expect(JSON.stringify(badPattern.body)).toContain('pattern');
    expect((await account.delete(`/v2/accounts/${accountId}/lists/${listId}`)).status).toBe(200);
    expect((await account.get(`/v2/accounts/${accountId}/lists/${listId}`)).status).toBe(404);
  }, 30_000);

  it('temporal_route: a holiday in a rule set routes after hours; feature codes force rules off, back, and on', async () => {
    const now = new Date();
    const hour = now.getUTCHours();
    // Business hours are an hour that is not now; the holiday is today.
    const open = await account.put(`/v2/accounts/${accountId}/temporal_rules`, {
      name: 'business hours',
      cycle: 'weekly',
      wdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
      time_window_start: ((hour + 12) % 24) * 3600,
      time_window_stop: ((hour + 12) % 24) * 3600 + 3599,
    });
    expect(open.status).toBe(201);
    const openId = (open.body.data as { id: string }).id;
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) / 1000 + 62_167_219_200;
    const holiday = await account.put(`/v2/accounts/${accountId}/temporal_rules`, { name: 'company day', cycle: 'date', start_date: midnight });
    const holidayId = (holiday.body.data as { id: string }).id;
    const set = await account.put(`/v2/accounts/${accountId}/temporal_rules_sets`, { name: 'holidays', temporal_rules: [holidayId] });
    expect(set.status).toBe(201);
    const setId = (set.body.data as { id: string }).id;
    expect((await account.get(`/v2/accounts/${accountId}/temporal_rules_sets/${setId}`)).body.data).toEqual({ id: setId, name: 'holidays', temporal_rules: [holidayId] });

    const number = await callflowOn({
      module: 'temporal_route',
      data: { rules: [openId], rule_set: setId },
      children: {
        [openId]: { module: 'set_cid', data: { caller_id_number: '+15550003001' }, children: { _: toConnect() } },
        rule_set: { module: 'set_cid', data: { caller_id_number: '+15550003002' }, children: { _: toConnect() } },
        _: { module: 'set_cid', data: { caller_id_number: '+15550003003' }, children: { _: toConnect() } },
      },
    });
    const routed = async () => {
      const inbound = sim.placeCall({ from: '+14155550128', to: number });
      const leg = await outgoingLegOf(inbound);
      hangUpIfUp(inbound);
      return ({ '+15550003001': 'open', '+15550003002': 'holiday', '+15550003003': 'after hours' } as Record<string, string>)[leg.from] ?? leg.from;
    };
    expect(await routed()).toBe('holiday');

    // Kazoo-style feature codes: callflows on patterns that run temporal_route's actions.
    for (const [code, action, rules] of [
      ['^\\*71$', 'disable', { rule_set: setId }],
      ['^\\*72$', 'reset', { rule_set: setId }],
      ['^\\*73$', 'enable', { rules: [openId] }],
    ] as const) {
      const created = await account.put(`/v2/accounts/${accountId}/callflows`, { patterns: [code], flow: { module: 'answer', children: { _: { module: 'temporal_route', data: { action, ...rules } } } } });
      expect(created.status).toBe(201);
    }
    const dial = async (code: string) => {
      const inbound = sim.placeCall({ from: '+14155550129', to: code });
      await sim.waitForCall(inbound, (call) => call.hangup_at !== null, 20_000);
      return JSON.stringify(sim.getCall(inbound).applications);
    };
    expect(await dial('*71')).toContain('forced off');
    expect((await account.get(`/v2/accounts/${accountId}/temporal_rules/${holidayId}`)).body.data).toMatchObject({ enabled: false });
    expect(await routed()).toBe('after hours');
    await dial('*72');
    expect((await account.get(`/v2/accounts/${accountId}/temporal_rules/${holidayId}`)).body.data).not.toHaveProperty('enabled');
    expect(await routed()).toBe('holiday');
    await dial('*73');
    expect(await routed()).toBe('open');
  }, 90_000);

  it('temporal rules: Kazoo examples are accepted, bad data is a 400 naming the field, PATCH merges', async () => {
    const example = await account.put(`/v2/accounts/${accountId}/temporal_rules`, { name: 'July 4th', cycle: 'yearly', days: [4], month: 7, interval: 1, start_date: 62586115200, time_window_start: 0, time_window_stop: 86400 });
    expect(example.status).toBe(201);
    const id = (example.body.data as { id: string }).id;
    const patched = await account.patch(`/v2/accounts/${accountId}/temporal_rules/${id}`, { ordinal: 'first', wdays: ['monday'], days: [] });
    expect(patched.body.data).toMatchObject({ id, name: 'July 4th', ordinal: 'first', wdays: ['monday'] });
    for (const [body, field] of [
      [{ name: 'x', cycle: 'hourly' }, 'cycle'],
      [{ name: 'x', cycle: 'weekly', wdays: ['funday'] }, 'wdays'],
      [{ name: 'x', cycle: 'yearly', month: 13 }, 'month'],
      [{ cycle: 'daily' }, 'name'],
    ] as const) {
      const reply = await account.put(`/v2/accounts/${accountId}/temporal_rules`, body);
      expect([field, reply.status]).toEqual([field, 400]);
      expect(JSON.stringify(reply.body)).toContain(field);
    }
    expect((await account.put(`/v2/accounts/${accountId}/temporal_rules_sets`, { name: 'bad', temporal_rules: 'not a list' })).status).toBe(400);
    expect((await account.delete(`/v2/accounts/${accountId}/temporal_rules/${id}`)).status).toBe(200);
    expect((await account.get(`/v2/accounts/${accountId}/temporal_rules/${id}`)).status).toBe(404);
  }, 30_000);

  it("webhook: a callflow node sends the call's details and custom_data to the hook's uri and goes on", async () => {
    const number = await callflowOn({
      module: 'webhook',
      data: { uri: `${receiverUrl}/frontdesk/missed`, http_verb: 'post', custom_data: { some_id: '123abc', app: 'my_cool_app' } },
      children: { _: toConnect() },
    });
    const inbound = sim.placeCall({ from: '+14155550130', to: number, caller_id_name: 'Frank' });
    // The call goes on without waiting for the hook.
    await outgoingLegOf(inbound);
    const hit = await eventually('the webhook request', () => received.find((request) => request.url === '/frontdesk/missed'), 20_000, 50);
    expect(hit.method).toBe('POST');
    const body = parseJson(hit.body) as Record<string, unknown>;
    expect(body).toMatchObject({ hook: 'callflow', some_id: '123abc', app: 'my_cool_app', account_id: accountId, caller_id_number: '+14155550130', caller_id_name: 'Frank', to: number, direction: 'incoming' });
    expect(typeof body.call_id).toBe('string');
    hangUpIfUp(inbound);
  }, 60_000);

  it("refuses a callflow whose check_cid regex does not compile, naming the field", async () => {
    const reply = await account.put(`/v2/accounts/${accountId}/callflows`, { numbers: ['+14155569999'], flow: { module: 'check_cid', data: { regex: '([' } } });
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('flow.data.regex');
  }, 30_000);
});
