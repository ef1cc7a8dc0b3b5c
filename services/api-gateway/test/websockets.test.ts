import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import WebSocket from 'ws';
import { Api, Frames, GatewayEnv, eventually, loginWithKey, send, sleep, type Started } from './harness.js';

const MASTER_KEY = 'websocket-master-key-0123456789abcdef';

function channelEvent(accountId: string, callId: string, extra: Record<string, unknown> = {}) {
  return {
    account_id: accountId,
    call_id: callId,
    call_direction: 'inbound',
    caller_id_name: 'Alice',
    caller_id_number: '+14155550123',
    callee_id_number: '+14155550100',
    to: '+14155550100@sip.example.com',
    custom_channel_vars: { account_id: accountId },
    // Not a public field: it must not reach the client.
    internal_leg_state: 'secret',
    ...extra,
  };
}

/**
 * Blackhole over real sockets: subscribe, unsubscribe, ping, event frames from events
 * published on RabbitMQ (as call-manager will publish them), scope, per-address limits,
 * and two gateway replicas each serving their own sockets.
 */
describe('websockets (blackhole)', () => {
  const env = new GatewayEnv();
  let started: Started;
  let master: Api;
  let parentId: string;
  let childId: string;
  let siblingId: string;
  let parent: Api;

  beforeAll(async () => {
    started = await env.start({ gatewayFlags: ['-master_api_key', MASTER_KEY, '-ws_max_connections_per_ip', '5'] });
    ({ api: master } = await loginWithKey(started.gateway.httpUrl, MASTER_KEY));
    parentId = ((await master.put('/v2/accounts', { name: 'WS Parent' })).body.data as { id: string }).id;
    childId = ((await master.put(`/v2/accounts/${parentId}`, { name: 'WS Child' })).body.data as { id: string }).id;
    siblingId = ((await master.put('/v2/accounts', { name: 'WS Sibling' })).body.data as { id: string }).id;
    const key = ((await master.put(`/v2/accounts/${parentId}/api_keys`, {})).body.data as { api_key: string }).api_key;
    ({ api: parent } = await loginWithKey(started.gateway.httpUrl, key));
  }, 60_000);

  afterAll(async () => {
    await env.cleanup();
  }, 60_000);

  async function connect(): Promise<{ socket: WebSocket; frames: Frames }> {
    const socket = await env.openSocket(started.gateway.wsUrl);
    return { socket, frames: new Frames(socket) };
  }

  it('answers ping with pong', async () => {
    const { socket, frames } = await connect();
    await send(socket, { action: 'ping', request_id: 'p1' });
    expect(await frames.next('pong', (frame) => frame.request_id === 'p1')).toEqual({ action: 'reply', request_id: 'p1', status: 'success', data: { response: 'pong' } });
    socket.close();
  });

  it('delivers call.CHANNEL_CREATE.* events for the account, and nothing after unsubscribe', async () => {
    const { socket, frames } = await connect();
    await send(socket, { action: 'subscribe', auth_token: parent.token, request_id: 's1', data: { account_id: parentId, binding: 'call.CHANNEL_CREATE.*' } });
    expect(await frames.next('subscribe reply', (frame) => frame.request_id === 's1')).toEqual({
      action: 'reply',
      request_id: 's1',
      status: 'success',
      data: { subscribed: ['call.CHANNEL_CREATE.*'] },
    });

    await env.publish('call-manager', 'channel_create', channelEvent(parentId, 'call-1'));
    const event = await frames.next('CHANNEL_CREATE event', (frame) => frame.action === 'event');
    expect(event).toMatchObject({
      action: 'event',
      subscribed_key: 'call.CHANNEL_CREATE.*',
      subscription_key: `${parentId}.call.CHANNEL_CREATE.*`,
      name: 'CHANNEL_CREATE',
      routing_key: 'call.CHANNEL_CREATE.call-1',
      data: { account_id: parentId, call_id: 'call-1', caller_id_number: '+14155550123', call_direction: 'inbound' },
    });
    expect(event.data).not.toHaveProperty('internal_leg_state');

    // Other accounts' calls and other events are not this binding's.
    await env.publish('call-manager', 'channel_create', channelEvent(siblingId, 'call-2'));
    await env.publish('call-manager', 'channel_answer', channelEvent(parentId, 'call-1'));
    await env.publish('call-manager', 'channel_create', channelEvent(parentId, 'call-3'));
    await frames.next('second CHANNEL_CREATE', (frame) => frame.routing_key === 'call.CHANNEL_CREATE.call-3');
    expect(frames.events().map((frame) => frame.routing_key)).toEqual(['call.CHANNEL_CREATE.call-1', 'call.CHANNEL_CREATE.call-3']);

    await send(socket, { action: 'unsubscribe', request_id: 'u1', data: { account_id: parentId, binding: 'call.CHANNEL_CREATE.*' } });
    expect(await frames.next('unsubscribe reply', (frame) => frame.request_id === 'u1')).toMatchObject({
      status: 'success',
      data: { unsubscribed: ['call.CHANNEL_CREATE.*'], subscribed: [] },
    });
    await env.publish('call-manager', 'channel_create', channelEvent(parentId, 'call-4'));
    // A control socket that still listens proves the event went out before we conclude.
    const control = await connect();
    await send(control.socket, { action: 'subscribe', auth_token: parent.token, request_id: 'c1', data: { account_id: parentId, binding: 'call.*.*' } });
    await control.frames.next('control subscribed', (frame) => frame.request_id === 'c1');
    await env.publish('call-manager', 'channel_create', channelEvent(parentId, 'call-5'));
    await control.frames.next('control got call-5', (frame) => frame.routing_key === 'call.CHANNEL_CREATE.call-5');
    await sleep(100);
    expect(frames.events()).toHaveLength(2);
    socket.close();
    control.socket.close();
  });

  it('answers a bad token with an error reply and sends it no events', async () => {
    const { socket, frames } = await connect();
    await send(socket, { action: 'subscribe', auth_token: 'forged-token', request_id: 'b1', data: { account_id: parentId, binding: 'call.CHANNEL_CREATE.*' } });
    expect(await frames.next('error reply', (frame) => frame.request_id === 'b1')).toEqual({
      action: 'reply',
      request_id: 'b1',
      status: 'error',
      data: { errors: ['invalid auth_token'] },
    });
    // No token at all on a socket that never authenticated is refused the same way.
    await send(socket, { action: 'subscribe', request_id: 'b2', data: { account_id: parentId, binding: 'call.*.*' } });
    expect(await frames.next('error reply', (frame) => frame.request_id === 'b2')).toMatchObject({ status: 'error' });
    await env.publish('call-manager', 'channel_create', channelEvent(parentId, 'call-bad'));
    await sleep(300);
    expect(frames.events()).toEqual([]);
    socket.close();
  });

  it('lets an account bind itself and its descendants, never a sibling or its parent; the master binds any account or *', async () => {
    const { socket, frames } = await connect();
    await send(socket, { action: 'subscribe', auth_token: parent.token, request_id: 'd1', data: { account_id: childId, binding: 'call.CHANNEL_DESTROY.*' } });
    expect(await frames.next('child ok', (frame) => frame.request_id === 'd1')).toMatchObject({ status: 'success' });
    await send(socket, { action: 'subscribe', request_id: 'd2', data: { account_id: siblingId, binding: 'call.*.*' } });
    expect(await frames.next('sibling refused', (frame) => frame.request_id === 'd2')).toMatchObject({ status: 'error' });
    await send(socket, { action: 'subscribe', request_id: 'd3', data: { account_id: '*', binding: 'call.*.*' } });
    expect(await frames.next('* refused', (frame) => frame.request_id === 'd3')).toMatchObject({ status: 'error' });

    const childKey = ((await master.put(`/v2/accounts/${childId}/api_keys`, {})).body.data as { api_key: string }).api_key;
    const { api: child } = await loginWithKey(started.gateway.httpUrl, childKey);
    const childSocket = await connect();
    await send(childSocket.socket, { action: 'subscribe', auth_token: child.token, request_id: 'c1', data: { account_id: parentId, binding: 'call.*.*' } });
    expect(await childSocket.frames.next('parent refused to child', (frame) => frame.request_id === 'c1')).toMatchObject({ status: 'error' });

    const masterSocket = await connect();
    await send(masterSocket.socket, { action: 'subscribe', auth_token: master.token, request_id: 'm1', data: { account_id: '*', binding: 'call.CHANNEL_DESTROY.*' } });
    expect(await masterSocket.frames.next('master *', (frame) => frame.request_id === 'm1')).toMatchObject({ status: 'success' });

    await env.publish('call-manager', 'channel_destroy', channelEvent(childId, 'call-child', { hangup_cause: 'NORMAL_CLEARING' }));
    expect(await frames.next('parent hears its child', (frame) => frame.action === 'event')).toMatchObject({ data: { account_id: childId, hangup_cause: 'NORMAL_CLEARING' } });
    await masterSocket.frames.next('master hears everyone', (frame) => frame.action === 'event');
    for (const each of [socket, childSocket.socket, masterSocket.socket]) each.close();
  });

  it('rejects unknown bindings and actions with the errors blackhole gives, and takes a bindings array', async () => {
    const { socket, frames } = await connect();
    await send(socket, { action: 'subscribe', auth_token: parent.token, request_id: 'x1', data: { account_id: parentId, binding: 'fax.status.*' } });
    expect(await frames.next('x1', (frame) => frame.request_id === 'x1')).toMatchObject({ status: 'error', data: { errors: ['no available subscriptions to requested binding'] } });
    await send(socket, { action: 'subscribe', request_id: 'x2', data: { account_id: parentId, binding: 'call.CHANNEL_EXPLODE.*' } });
    expect(await frames.next('x2', (frame) => frame.request_id === 'x2')).toMatchObject({ status: 'error', data: { errors: ['event CHANNEL_EXPLODE not supported'] } });
    await send(socket, { action: 'dance', request_id: 'x3' });
    expect(await frames.next('x3', (frame) => frame.request_id === 'x3')).toMatchObject({ status: 'error', data: { errors: ['action dance not supported'] } });
    socket.send('this is not json');
    expect(await frames.next('invalid json', (frame) => frame.status === 'error' && String((frame.data as { errors: string[] }).errors[0]).includes('JSON'))).toBeTruthy();
    await send(socket, { action: 'subscribe', request_id: 'x4', data: { account_id: parentId, bindings: ['object.doc_created.user', 'object.*.device'] } });
    expect(await frames.next('x4', (frame) => frame.request_id === 'x4')).toMatchObject({ status: 'success', data: { subscribed: ['object.doc_created.user', 'object.*.device'] } });

    // Document changes made through the API arrive as object events, with no document in them.
    const user = (await parent.put(`/v2/accounts/${parentId}/users`, { username: 'wsuser', password: 'ws-password' })).body.data as { id: string };
    expect(await frames.next('object event', (frame) => frame.action === 'event')).toEqual({
      action: 'event',
      subscribed_key: 'object.doc_created.user',
      subscription_key: `${parentId}.object.doc_created.user`,
      name: 'doc_created',
      routing_key: 'object.doc_created.user',
      data: { id: user.id, account_id: parentId, action: 'doc_created', type: 'user' },
    });
    socket.close();
  });

  it('stops a socket hearing events once its token is revoked', async () => {
    const { api } = await loginWithKey(started.gateway.httpUrl, ((await master.put(`/v2/accounts/${parentId}/api_keys`, {})).body.data as { api_key: string }).api_key);
    const { socket, frames } = await connect();
    await send(socket, { action: 'subscribe', auth_token: api.token, request_id: 'r1', data: { account_id: parentId, binding: 'call.CHANNEL_ANSWER.*' } });
    await frames.next('subscribed', (frame) => frame.request_id === 'r1');
    expect((await api.delete('/v2/token_auth')).status).toBe(200);
    await eventually('socket dropped from the account', async () => ((await parent.get(`/v2/accounts/${parentId}/websockets`)).body.data as string[]).length === 0);
    await env.publish('call-manager', 'channel_answer', channelEvent(parentId, 'call-held'));
    await sleep(300);
    expect(frames.events()).toEqual([]);
    socket.close();
  });

  it('refuses the upgrade past the per-address connection limit with 429, and a sub-protocol with 400', async () => {
    const open: WebSocket[] = [];
    for (let i = 0; i < 5; i++) open.push(await env.openSocket(started.gateway.wsUrl));
    await expect(env.openSocket(started.gateway.wsUrl)).rejects.toThrow('upgrade refused: 429');
    for (const socket of open) socket.close();
    await eventually('connections released', async () => {
      try {
        const socket = await env.openSocket(started.gateway.wsUrl);
        socket.close();
        return true;
      } catch {
        return false;
      }
    });
    await expect(
      new Promise((resolve, reject) => {
        const socket = new WebSocket(started.gateway.wsUrl, ['blackhole']);
        socket.once('open', () => resolve('open'));
        socket.once('unexpected-response', (_request, response) => reject(new Error(`refused ${response.statusCode}`)));
        socket.once('error', reject);
      }),
    ).rejects.toThrow('refused 400');
  });

  it('delivers to the sockets of every gateway replica: each replica has its own live feed', async () => {
    const second = await env.start({ services: [], gatewayFlags: ['-master_api_key', MASTER_KEY] });
    const one = await connect();
    const socket2 = await env.openSocket(second.gateway.wsUrl);
    const two = { socket: socket2, frames: new Frames(socket2) };
    for (const [name, each] of [['one', one], ['two', two]] as const) {
      await send(each.socket, { action: 'subscribe', auth_token: parent.token, request_id: name, data: { account_id: parentId, binding: 'call.CHANNEL_BRIDGE.*' } });
      expect(await each.frames.next(`${name} subscribed`, (frame) => frame.request_id === name)).toMatchObject({ status: 'success' });
    }
    await env.publish('call-manager', 'channel_bridge', channelEvent(parentId, 'call-bridged', { other_leg_call_id: 'leg-b' }));
    await one.frames.next('replica one', (frame) => frame.action === 'event');
    await two.frames.next('replica two', (frame) => frame.action === 'event');
    // Each replica lists its own sockets.
    const viaSecond = new Api(second.gateway.httpUrl, parent.token);
    expect((await viaSecond.get(`/v2/accounts/${parentId}/websockets`)).body.data).toEqual([expect.any(String)]);
    one.socket.close();
    two.socket.close();
    await env.stop(second);
  });
});
