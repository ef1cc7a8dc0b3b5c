import { createServer, type Server } from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { EslSimulator } from '@voxmesh/esl-sim';
import { MeshNames } from '@voxmesh/mesh';
import { customerManagerModule } from '@voxmesh/customer-manager';
import { flowManagerModule } from '@voxmesh/flow-manager';
import { callManagerModule, type CallManagerHandle } from '@voxmesh/call-manager';
import { Api, Frames, GatewayEnv, eventually, loginWithKey, send, sleep, type Started } from './harness.js';

const MASTER_KEY = 'websocket-call-master-key-0123456789abcdef';
/** Kazoo's timestamps are Gregorian seconds: Unix seconds plus this. */
const GREGORIAN_OFFSET_SECONDS = 62_167_219_200;
/** How long a socket must stay quiet after unsubscribing to count as hearing nothing. */
const QUIET_WINDOW_MS = 1500;

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

interface CallDoc {
  id: string;
  account_id: string;
  channel_id: string;
  direction: string;
  status: string;
}

/**
 * The websocket "Done when" of the gateway, end to end with every piece real: esl-sim
 * stands in for FreeSWITCH and places calls; call-manager takes them over its outbound
 * socket and routes them by number through flow-manager to a flow the account created
 * through the REST API; the CHANNEL_CREATE that call-manager publishes reaches the
 * gateway's live feed and the subscribed socket, and only that one.
 */
describe('websockets on real calls (esl-sim → call-manager → gateway)', () => {
  const env = new GatewayEnv();
  const instanceId = `test-${env.namespace}`;
  const number = '+14155550100';
  let sim: EslSimulator;
  let started: Started;
  let callManager: CallManagerHandle;
  let accountId: string;
  let account: Api;

  beforeAll(async () => {
    const socketPort = await freePort();
    sim = new EslSimulator({ eslListenAddr: '127.0.0.1:0', appAddrs: [`127.0.0.1:${socketPort}`], controlListenAddr: null, timeScale: 0.01 });
    const addresses = await sim.start();
    env.trackQueue(`${new MeshNames(env.namespace).requestQueue('call-manager')}.${instanceId}`);
    started = await env.start({
      services: [customerManagerModule, flowManagerModule, callManagerModule],
      gatewayFlags: [
        '-master_api_key',
        MASTER_KEY,
        '-esl_addr',
        `127.0.0.1:${addresses.esl.port}`,
        '-esl_listen_addr',
        `127.0.0.1:${socketPort}`,
        '-recording_dir',
        '/tmp/voxmesh-test-recordings',
        '-shutdown_grace_ms',
        '0',
        '-instance_id',
        instanceId,
        '-fetch_allow_private',
      ],
    });
    callManager = started.running.find((service) => 'pool' in service) as CallManagerHandle;
    await eventually('call-manager to reach esl-sim', () => callManager.pool.servers.every((server) => server.connected), 20_000);

    const { api: master } = await loginWithKey(started.gateway.httpUrl, MASTER_KEY);
    const created = await master.put('/v2/accounts', { name: 'Websocket Calls' });
    expect(created.status).toBe(201);
    accountId = (created.body.data as { id: string }).id;
    const key = await master.put(`/v2/accounts/${accountId}/api_keys`, {});
    expect(key.status).toBe(201);
    ({ api: account } = await loginWithKey(started.gateway.httpUrl, (key.body.data as { api_key: string }).api_key));
    const flow = await account.put(`/v2/accounts/${accountId}/flows`, {
      name: 'answer and hang up',
      numbers: [number],
      actions: [
        { id: 'a1', type: 'answer' },
        { id: 'a2', type: 'talk', option: { text: 'hello from the websocket test', language: 'en-US' } },
        { id: 'a3', type: 'hangup' },
      ],
    });
    expect(flow.status).toBe(201);
    expect(flow.body.data).toMatchObject({ account_id: accountId, numbers: [number] });
  }, 120_000);

  afterAll(async () => {
    await env.cleanup();
    await sim?.stop();
  }, 60_000);

  async function connect(): Promise<{ socket: WebSocket; frames: Frames }> {
    const socket = await env.openSocket(started.gateway.wsUrl);
    return { socket, frames: new Frames(socket) };
  }

  /** The account's call on an esl-sim channel, as call-manager lists it through the gateway. */
  async function callOfChannel(channelId: string, what: string, predicate: (call: CallDoc) => boolean = () => true): Promise<CallDoc> {
    return eventually(
      what,
      async () => {
        const reply = await account.get(`/v2/accounts/${accountId}/calls`);
        if (reply.status !== 200) return undefined;
        return (reply.body.data as CallDoc[]).find((call) => call.channel_id === channelId && predicate(call));
      },
      20_000,
      50,
    );
  }

  it('delivers CHANNEL_CREATE for a call esl-sim places to the account, nothing after unsubscribe, and nothing to a bad token', async () => {
    const subscriber = await connect();
    const forged = await connect();

    await send(forged.socket, { action: 'subscribe', auth_token: 'not-a-real-token', request_id: 'bad-1', data: { account_id: accountId, binding: 'call.CHANNEL_CREATE.*' } });
    expect(await forged.frames.next('the bad token refused', (frame) => frame.request_id === 'bad-1')).toEqual({
      action: 'reply',
      request_id: 'bad-1',
      status: 'error',
      data: { errors: ['invalid auth_token'] },
    });

    await send(subscriber.socket, { action: 'subscribe', auth_token: account.token, request_id: 'sub-1', data: { account_id: accountId, binding: 'call.CHANNEL_CREATE.*' } });
    expect(await subscriber.frames.next('subscribe reply', (frame) => frame.request_id === 'sub-1')).toEqual({
      action: 'reply',
      request_id: 'sub-1',
      status: 'success',
      data: { subscribed: ['call.CHANNEL_CREATE.*'] },
    });

    // The first call: esl-sim hands it to call-manager, which routes it to the account's flow.
    const firstChannel = sim.placeCall({ from: '+14155550123', to: number, caller_id_name: 'Alice' });
    const event = await subscriber.frames.next('the CHANNEL_CREATE event of the first call', (frame) => frame.action === 'event', 20_000);
    expect(event).toMatchObject({
      action: 'event',
      subscribed_key: 'call.CHANNEL_CREATE.*',
      subscription_key: `${accountId}.call.CHANNEL_CREATE.*`,
      name: 'CHANNEL_CREATE',
      routing_key: `call.CHANNEL_CREATE.${firstChannel}`,
      data: {
        account_id: accountId,
        call_id: firstChannel,
        call_direction: 'inbound',
        caller_id_name: 'Alice',
        caller_id_number: '+14155550123',
        callee_id_number: number,
        from: expect.stringMatching(/^\+14155550123@/),
        to: expect.stringMatching(/^\+14155550100@/),
        request: expect.stringMatching(/^\+14155550100@/),
        inception: 'offnet',
        is_internal_leg: false,
        call_forwarded: false,
        emergency_resource_used: false,
        local_resource_used: false,
        custom_channel_vars: { account_id: accountId, call_id: expect.any(String) },
      },
    });
    const data = event.data as { timestamp: number; custom_channel_vars: { call_id: string } };
    expect(data.timestamp).toBeGreaterThan(GREGORIAN_OFFSET_SECONDS + 1_700_000_000);
    expect(data.timestamp).toBeLessThanOrEqual(GREGORIAN_OFFSET_SECONDS + Math.ceil(Date.now() / 1000));
    // The top-level activeflow_id is internal to the mesh; the gateway keeps it from sockets.
    expect(event.data).not.toHaveProperty('activeflow_id');
    // The event is the call call-manager holds for the account, on the channel esl-sim made.
    const firstCall = await callOfChannel(firstChannel, 'the first call in the account');
    expect(firstCall).toMatchObject({ account_id: accountId, direction: 'incoming' });
    expect(data.custom_channel_vars.call_id).toBe(firstCall.id);
    // The socket heard the first call once, and nothing else.
    await callOfChannel(firstChannel, 'the first call hung up', (call) => call.status === 'hangup');
    expect(subscriber.frames.events()).toHaveLength(1);

    await send(subscriber.socket, { action: 'unsubscribe', request_id: 'unsub-1', data: { account_id: accountId, binding: 'call.CHANNEL_CREATE.*' } });
    expect(await subscriber.frames.next('unsubscribe reply', (frame) => frame.request_id === 'unsub-1')).toMatchObject({
      action: 'reply',
      status: 'success',
      data: { unsubscribed: ['call.CHANNEL_CREATE.*'], subscribed: [] },
    });

    // A second socket still bound proves the second call's CHANNEL_CREATE did reach the gateway.
    const witness = await connect();
    await send(witness.socket, { action: 'subscribe', auth_token: account.token, request_id: 'wit-1', data: { account_id: accountId, binding: 'call.CHANNEL_CREATE.*' } });
    expect(await witness.frames.next('witness subscribed', (frame) => frame.request_id === 'wit-1')).toMatchObject({ status: 'success' });

    const secondChannel = sim.placeCall({ from: '+14155550124', to: number });
    expect(secondChannel).not.toBe(firstChannel);
    const witnessed = await witness.frames.next('the witness hears the second call', (frame) => frame.action === 'event', 20_000);
    expect(witnessed).toMatchObject({ routing_key: `call.CHANNEL_CREATE.${secondChannel}`, data: { account_id: accountId, call_id: secondChannel } });
    // call-manager has the second call in the account: it did happen.
    const secondCall = await callOfChannel(secondChannel, 'the second call in the account');
    expect(secondCall).toMatchObject({ account_id: accountId, direction: 'incoming' });
    expect(secondCall.id).not.toBe(firstCall.id);

    await sleep(QUIET_WINDOW_MS);
    expect(subscriber.frames.events()).toHaveLength(1);
    expect(subscriber.frames.events()[0]!.routing_key).toBe(`call.CHANNEL_CREATE.${firstChannel}`);
    // The socket whose token was refused heard neither call: its one frame is the error.
    expect(forged.frames.all).toHaveLength(1);
    expect(forged.frames.events()).toEqual([]);

    await callOfChannel(secondChannel, 'the second call hung up', (call) => call.status === 'hangup');
    for (const each of [subscriber, forged, witness]) each.socket.close();
  }, 120_000);

  it('delivers the presence a Pivot reply sets (manual_presence) to a socket bound to presence.update', async () => {
    // The customer's Pivot server: its answer sets a lamp busy, then the call hangs up.
    const pivot: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({ module: 'manual_presence', data: { presence_id: 'lamp@example.com', status: 'busy' }, children: { _: { module: 'hangup' } } }),
      );
    });
    await new Promise<void>((resolve) => pivot.listen(0, '127.0.0.1', () => resolve()));
    try {
      const voiceUrl = `http://127.0.0.1:${(pivot.address() as net.AddressInfo).port}/presence.php`;
      const presenceNumber = '+14155550177';
      const callflow = await account.put(`/v2/accounts/${accountId}/callflows`, { numbers: [presenceNumber], flow: { module: 'pivot', data: { voice_url: voiceUrl } } });
      expect({ status: callflow.status, body: callflow.body }).toMatchObject({ status: 201 });

      const { socket, frames } = await connect();
      const other = await connect();
      await send(socket, { action: 'subscribe', auth_token: account.token, request_id: 'pres-1', data: { account_id: accountId, binding: 'presence.update.*' } });
      expect(await frames.next('presence subscribed', (frame) => frame.request_id === 'pres-1')).toMatchObject({ status: 'success', data: { subscribed: ['presence.update.*'] } });
      await send(other.socket, { action: 'subscribe', auth_token: account.token, request_id: 'pres-2', data: { account_id: accountId, binding: 'presence.update.someone@example.com' } });
      expect(await other.frames.next('narrow presence subscribed', (frame) => frame.request_id === 'pres-2')).toMatchObject({ status: 'success' });

      const channel = sim.placeCall({ from: '+14155550125', to: presenceNumber });
      const event = await frames.next('the presence update', (frame) => frame.action === 'event', 20_000);
      const call = await callOfChannel(channel, 'the presence call');
      expect(event).toMatchObject({
        action: 'event',
        subscribed_key: 'presence.update.*',
        name: 'update',
        routing_key: 'presence.update.lamp@example.com',
        data: { event: 'update', account_id: accountId, presence_id: 'lamp@example.com', state: 'busy', call_id: call.id },
      });
      await callOfChannel(channel, 'the presence call hung up', (each) => each.status === 'hangup');
      await sleep(QUIET_WINDOW_MS);
      expect(other.frames.events()).toEqual([]);
      socket.close();
      other.socket.close();
    } finally {
      pivot.closeAllConnections();
      await new Promise<void>((resolve) => pivot.close(() => resolve()));
    }
  }, 120_000);
});
