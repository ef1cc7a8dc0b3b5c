import { describe, expect, it } from '@jest/globals';
import type { customerManager } from '@voxmesh/contracts';
import type { RpcClient } from '@voxmesh/mesh';
import { silentLogger } from '@voxmesh/telemetry';
import { VoipError } from '@voxmesh/wire';
import { FORWARD_CONFIRM_PROMPT, EndpointDirectory, type RingRequest } from './endpoint-directory.js';

type Device = customerManager.Device;
type User = customerManager.User;

const device = (id: string, extra: Partial<Device> = {}): Device => ({
  id,
  account_id: 'acct',
  name: id,
  device_type: 'sip_device',
  enabled: true,
  owner_id: 'u1',
  sip: { username: id, password: 'secret', realm: 'acct.example' },
  created: '',
  updated: '',
  ...extra,
});
const user = (extra: Partial<User> = {}): User => ({
  id: 'u1',
  account_id: 'acct',
  username: 'ann',
  email: null,
  first_name: '',
  last_name: '',
  enabled: true,
  priv_level: 'user',
  created: '',
  updated: '',
  ...extra,
});

function directory(devices: Device[], owner: User, groups: customerManager.Group[] = []) {
  const client = {
    call: async (name: string, request: { params: { id?: string } }) => {
      const group = groups.find((each) => each.id === request.params.id);
      if (name === 'getGroup' && group) return group;
      if (name === 'listDevices') return { result: devices };
      if (name === 'getUser' && request.params.id === owner.id) return owner;
      const found = devices.find((each) => each.id === request.params.id);
      if (name === 'getDevice' && found) return found;
      throw VoipError.notFound('no such document');
    },
  } as unknown as RpcClient<customerManager.CustomerManagerRoutes>;
  return new EndpointDirectory(client, { gateway: 'pstn', voice: { engine: 'flite', voice: 'slt' } }, silentLogger());
}

const request = (endpoints: RingRequest['endpoints'], extra: Partial<RingRequest> = {}): RingRequest => ({
  accountId: 'acct',
  caller: null,
  endpoints,
  timeoutMs: 20_000,
  canCallSelf: false,
  ...extra,
});
const endpointsOf = async (found: Promise<{ endpoint: string }[]>) => (await found).map((leg) => leg.endpoint);

describe('EndpointDirectory', () => {
  it("rings a user's enabled devices with the module's timing, each device once, and skips unknown documents", async () => {
    const found = await directory([device('d1'), device('d2', { enabled: false }), device('d3', { owner_id: 'u2' }), device('d4')], user()).resolve(
      request([{ type: 'user', id: 'u1', delay: 2500 }, { type: 'device', id: 'd1' }, { type: 'device', id: 'gone' }, { type: 'user', id: 'nobody' }]),
    );
    expect(found).toEqual([
      { endpoint: 'user/d1@acct.example', address: { type: 'endpoint', target: 'd1@acct.example' }, deviceId: 'd1', forwarded: false, delaySeconds: 3, timeoutSeconds: 20 },
      { endpoint: 'user/d4@acct.example', address: { type: 'endpoint', target: 'd4@acct.example' }, deviceId: 'd4', forwarded: false, delaySeconds: 3, timeoutSeconds: 20 },
    ]);
  });

  it("honours do-not-disturb on the device or its owner, and a disabled owner", async () => {
    expect(await endpointsOf(directory([device('d1', { do_not_disturb: { enabled: true } }), device('d2')], user()).resolve(request([{ type: 'user', id: 'u1' }])))).toEqual(['user/d2@acct.example']);
    expect(await endpointsOf(directory([device('d1')], user({ do_not_disturb: { enabled: true } })).resolve(request([{ type: 'device', id: 'd1' }])))).toEqual([]);
    expect(await endpointsOf(directory([device('d1')], user({ enabled: false })).resolve(request([{ type: 'device', id: 'd1' }])))).toEqual([]);
  });

  it("does not ring the caller's own device or its owner's other devices unless can_call_self", async () => {
    const caller = { id: 'd1', account_id: 'acct', user_id: 'u1', sip_username: 'd1', name: 'd1' };
    const devices = [device('d1'), device('d2'), device('d3', { owner_id: null })];
    expect(await endpointsOf(directory(devices, user()).resolve(request([{ type: 'user', id: 'u1' }, { type: 'device', id: 'd3' }], { caller })))).toEqual(['user/d3@acct.example']);
    expect(await endpointsOf(directory(devices, user()).resolve(request([{ type: 'user', id: 'u1' }], { caller, canCallSelf: true })))).toEqual(['user/d1@acct.example', 'user/d2@acct.example']);
  });

  it("forwards as call_forward says: the device's, else its owner's; beside the device without substitute; not for failover, or for a user's call when direct_calls_only", async () => {
    const forward = { enabled: true, number: '+15550100' };
    const resolve = (devices: Device[], owner: User, endpoints: RingRequest['endpoints'], extra: Partial<RingRequest> = {}) => endpointsOf(directory(devices, owner).resolve(request(endpoints, extra)));
    expect(await resolve([device('d1', { call_forward: forward })], user(), [{ type: 'device', id: 'd1' }])).toEqual(['sofia/gateway/pstn/+15550100']);
    expect((await directory([device('d1', { call_forward: forward })], user()).resolve(request([{ type: 'device', id: 'd1' }])))[0]!.address).toEqual({ type: 'tel', target: '+15550100' });
    expect(await resolve([device('d1'), device('d2')], user({ call_forward: { ...forward, number: '+15550111' } }), [{ type: 'user', id: 'u1' }])).toEqual(['sofia/gateway/pstn/+15550111']);
    expect(await resolve([device('d1', { call_forward: { ...forward, substitute: false } })], user(), [{ type: 'device', id: 'd1' }])).toEqual(['user/d1@acct.example', 'sofia/gateway/pstn/+15550100']);
    expect(await resolve([device('d1', { call_forward: { ...forward, failover: true } })], user(), [{ type: 'device', id: 'd1' }])).toEqual(['user/d1@acct.example']);
    expect(await resolve([device('d1', { call_forward: { ...forward, direct_calls_only: true } })], user(), [{ type: 'user', id: 'u1' }])).toEqual(['user/d1@acct.example']);
    expect(await resolve([device('d1', { call_forward: { ...forward, direct_calls_only: true } })], user(), [{ type: 'device', id: 'd1' }])).toEqual(['sofia/gateway/pstn/+15550100']);
    expect(await resolve([device('d1', { call_forward: { enabled: false, number: '+15550100' } })], user(), [{ type: 'device', id: 'd1' }])).toEqual(['user/d1@acct.example']);
  });

  it("rings a group's members, users through their devices, with the group's timing", async () => {
    const group = { id: 'g1', account_id: 'acct', name: 'Sales', endpoints: { u1: { type: 'user' as const }, d9: { type: 'device' as const } }, created: '', updated: '' };
    const found = await directory([device('d1'), device('d9', { owner_id: null })], user(), [group]).resolve(request([{ type: 'group', id: 'g1', timeout: 9000 }, { type: 'group', id: 'missing' }]));
    expect(found.map((leg) => [leg.endpoint, leg.timeoutSeconds])).toEqual([
      ['user/d1@acct.example', 9],
      ['user/d9@acct.example', 9],
    ]);
  });

  it("dials TwiML's nouns: a number through the gateway, a SIP address as written, a client by its device's SIP username", async () => {
    const found = directory([device('d1', { sip: { username: 'Bob', password: 'x', realm: 'acct.example' } })], user());
    const legs = await found.resolve(request([{ type: 'number', id: '+15550001' }, { type: 'sip', id: 'sip:carol@example.com' }, { type: 'client', id: 'bob' }, { type: 'client', id: 'nobody' }], { timeoutMs: 7_000 }));
    expect(legs.map((leg) => [leg.endpoint, leg.timeoutSeconds])).toEqual([
      ['sofia/gateway/pstn/+15550001', 7],
      ['sofia/external/carol@example.com', 7],
      ['user/Bob@acct.example', 7],
    ]);
  });

  it("asks the forwarded callee to press 1 unless require_keypress is false, and shows the forwarding device when keep_caller_id is false", async () => {
    const legOf = async (callForward: customerManager.CallForward, owner = user()) =>
      (await directory([device('d1', { call_forward: callForward })], owner).resolve(request([{ type: 'device', id: 'd1' }])))[0]!;
    const confirm = { group_confirm_key: '1', group_confirm_file: FORWARD_CONFIRM_PROMPT, tts_engine: 'flite', tts_voice: 'slt' };
    expect((await legOf({ enabled: true, number: '+15550100' })).variables).toEqual(confirm);
    expect((await legOf({ enabled: true, number: '+15550100', require_keypress: false, keep_caller_id: true })).variables).toEqual({});
    expect((await legOf({ enabled: true, number: '+15550100', require_keypress: false, keep_caller_id: false }, user({ presence_id: '2001' }))).variables).toEqual({
      origination_caller_id_number: '2001',
      origination_caller_id_name: 'd1',
    });
    expect((await legOf({ enabled: true, number: '+15550100', keep_caller_id: false })).variables).toEqual({ ...confirm, origination_caller_id_number: 'd1', origination_caller_id_name: 'd1' });
  });
});
