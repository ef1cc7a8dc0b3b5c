import type { customerManager } from '@voxmesh/contracts';
import type { RpcClient } from '@voxmesh/mesh';
import type { Logger } from '@voxmesh/telemetry';
import { VoipError } from '@voxmesh/wire';
import type { CallDevice } from '../contract.js';
import * as fs from '../esl/commands.js';

type Device = customerManager.Device;
type User = customerManager.User;
type Group = customerManager.Group;

/** One leg to ring: a device's SIP user, or the number its call forwarding names. */
export interface RingLeg {
  endpoint: string;
  /** The same leg as an outgoing call's destination (`endpoint` for a device, `tel` for a forward). */
  address: { type: 'endpoint' | 'tel' | 'sip'; target: string };
  /** The device rung, or whose forwarding this is. */
  deviceId: string;
  forwarded: boolean;
  delaySeconds: number;
  timeoutSeconds: number;
  /** Channel variables of this leg alone: a forward's keypress and caller ID. */
  variables?: Record<string, string>;
}

export interface RingRequest {
  accountId: string;
  /** The device the call comes from, for `can_call_self`. */
  caller: CallDevice | null;
  endpoints: readonly { type: 'device' | 'user' | 'group' | 'number' | 'sip' | 'client' | 'hotdesk'; id: string; delay?: number | undefined; timeout?: number | undefined }[];
  /** ms each endpoint rings unless it says otherwise. */
  timeoutMs: number;
  canCallSelf: boolean;
}

/** What a forwarded callee hears before pressing 1 (Kazoo's ivr-group_confirm prompt). */
export const FORWARD_CONFIRM_PROMPT = 'say:You have a forwarded call. Press 1 to take it.';

export interface EndpointDirectoryOptions {
  /** The carrier gateway forwarded numbers are dialled through. */
  gateway: string;
  /** The TTS voice the forward's confirmation prompt is spoken with. */
  voice: { engine: string; voice: string };
}

const PAGE_SIZE = 500;
const LOOKUP_TIMEOUT_MS = 2000;
const seconds = (ms: number) => Math.max(0, Math.ceil(ms / 1000));

/**
 * Turns the devices and users a `bridge` names into legs, as Kazoo's endpoint builder
 * (kz_endpoint) does: a disabled device or user, or one with do-not-disturb on, is not
 * rung; without `can_call_self` neither is the caller's own device nor another device
 * of its owner; a device's call forwarding (else its owner's), when enabled with a
 * number, rings that number through the carrier instead of the device, or beside it
 * when `substitute` is false. `direct_calls_only` forwards only calls to the device
 * itself, not to its user. `failover` forwards only when the device is offline, which
 * this platform does not track, so such a forward is not used. As kz_endpoint builds a
 * forward's leg: with `require_keypress` (the default) the forwarded callee must press 1
 * before the call is theirs (FreeSWITCH's group_confirm_key), so a mobile's voicemail
 * cannot take it; without `keep_caller_id` (default on) the leg shows the forwarding
 * device instead of the caller: its owner's presence id, else its SIP user, and its name. A user's devices include
 * those the user is logged in on by hotdesk (Kazoo's `hotdesk.users` of a device).
 */
export class EndpointDirectory {
  constructor(
    private readonly client: RpcClient<customerManager.CustomerManagerRoutes>,
    private readonly options: EndpointDirectoryOptions,
    private readonly logger: Logger,
  ) {}

  async resolve(request: RingRequest): Promise<RingLeg[]> {
    const legs: RingLeg[] = [];
    for (const endpoint of request.endpoints) {
      const timing = { delaySeconds: seconds(endpoint.delay ?? 0), timeoutSeconds: seconds(endpoint.timeout ?? request.timeoutMs) };
      if (endpoint.type === 'number' || endpoint.type === 'sip') {
        // What TwiML's <Number> and <Sip> name is dialled as written: no document stands behind it.
        const type = endpoint.type === 'number' ? 'tel' : 'sip';
        legs.push({ endpoint: fs.endpoint(type, endpoint.id, this.options.gateway)!, address: { type, target: endpoint.id }, deviceId: '', forwarded: false, ...timing });
      } else if (endpoint.type === 'client') {
        const device = await this.deviceNamed(request.accountId, endpoint.id);
        if (device) legs.push(...(await this.legsOfMember(request, 'device', device.id, { ...timing, direct: true })));
      } else if (endpoint.type === 'hotdesk') {
        const user = await this.user(request.accountId, endpoint.id);
        // cf_hotdesk rings nobody for a user whose hotdesk is not enabled; each device as its own owner has it.
        const logged = user?.hotdesk?.enabled === true ? await this.devicesWhere(request.accountId, (device) => device.hotdesk?.users !== undefined && Object.hasOwn(device.hotdesk.users, endpoint.id)) : [];
        for (const device of logged) legs.push(...(await this.legsOfMember(request, 'device', device.id, { ...timing, direct: false })));
      } else if (endpoint.type === 'group') {
        const group = await this.group(request.accountId, endpoint.id);
        // Every member rings with the timing the group has in this bridge.
        for (const [id, member] of Object.entries(group?.endpoints ?? {})) legs.push(...(await this.legsOfMember(request, member.type, id, { ...timing, direct: false })));
      } else {
        legs.push(...(await this.legsOfMember(request, endpoint.type, endpoint.id, { ...timing, direct: endpoint.type === 'device' })));
      }
    }
    // A device named twice (itself and through its user), or one forward number, rings once, as first named.
    const unique = new Map<string, RingLeg>();
    for (const leg of legs) if (!unique.has(leg.endpoint)) unique.set(leg.endpoint, leg);
    return [...unique.values()];
  }

  /**
   * The devices of targets as Kazoo's feature modules find them (cf_util's find_user_endpoints,
   * find_group_endpoints): a device itself, a user's devices, a group's member devices and
   * its member users' devices. Disabled devices are left out; do-not-disturb and call
   * forwarding do not matter here, for nothing rings them.
   */
  async devices(accountId: string, targets: readonly { type: 'device' | 'user' | 'group'; id: string }[]): Promise<Device[]> {
    const found = new Map<string, Device>();
    const add = (device: Device | undefined) => {
      if (device && device.enabled && !found.has(device.id)) found.set(device.id, device);
    };
    for (const target of targets) {
      if (target.type === 'device') add(await this.device(accountId, target.id));
      else if (target.type === 'user') for (const device of await this.devicesOf(accountId, target.id)) add(device);
      else {
        const group = await this.group(accountId, target.id);
        for (const [id, member] of Object.entries(group?.endpoints ?? {})) {
          if (member.type === 'device') add(await this.device(accountId, id));
          else for (const device of await this.devicesOf(accountId, id)) add(device);
        }
      }
    }
    return [...found.values()];
  }

  private async legsOfMember(request: RingRequest, type: 'device' | 'user', id: string, how: { direct: boolean; delaySeconds: number; timeoutSeconds: number }): Promise<RingLeg[]> {
    if (type === 'device') {
      const device = await this.device(request.accountId, id);
      if (!device) return [];
      const owner = device.owner_id ? await this.user(request.accountId, device.owner_id) : undefined;
      return this.legsOf(device, owner, request, how);
    }
    const user = await this.user(request.accountId, id);
    if (!user) return [];
    return (await this.devicesOf(request.accountId, user.id)).flatMap((device) => this.legsOf(device, user, request, how));
  }

  private legsOf(device: Device, owner: User | undefined, request: RingRequest, how: { direct: boolean; delaySeconds: number; timeoutSeconds: number }): RingLeg[] {
    if (!device.enabled || owner?.enabled === false) return [];
    if (device.do_not_disturb?.enabled === true || owner?.do_not_disturb?.enabled === true) return [];
    const caller = request.caller;
    if (!request.canCallSelf && caller && (caller.id === device.id || (caller.user_id !== '' && caller.user_id === device.owner_id))) return [];
    const timing = { deviceId: device.id, delaySeconds: how.delaySeconds, timeoutSeconds: how.timeoutSeconds };
    const user = fs.userEndpoint(device.sip.username, device.sip.realm);
    const own: RingLeg = { endpoint: user, address: { type: 'endpoint', target: user.slice('user/'.length) }, forwarded: false, ...timing };
    const forward = device.call_forward?.enabled === true ? device.call_forward : owner?.call_forward?.enabled === true ? owner.call_forward : undefined;
    const number = forward?.number ?? '';
    const forwards = forward !== undefined && number !== '' && !(forward.direct_calls_only === true && !how.direct) && forward.failover !== true;
    if (!forwards) return [own];
    const forwarded: RingLeg = { endpoint: fs.endpoint('tel', number, this.options.gateway)!, address: { type: 'tel', target: number }, forwarded: true, ...timing, variables: this.forwardVariables(forward, device, owner) };
    return forward.substitute === false ? [own, forwarded] : [forwarded];
  }

  private forwardVariables(forward: customerManager.CallForward, device: Device, owner: User | undefined): Record<string, string> {
    const variables: Record<string, string> = {};
    if (forward.require_keypress !== false) {
      variables.group_confirm_key = '1';
      variables.group_confirm_file = FORWARD_CONFIRM_PROMPT;
      variables.tts_engine = this.options.voice.engine;
      variables.tts_voice = this.options.voice.voice;
    }
    if (forward.keep_caller_id === false) {
      variables.origination_caller_id_number = owner?.presence_id ?? device.sip.username;
      variables.origination_caller_id_name = device.name;
    }
    return variables;
  }

  private async device(accountId: string, id: string): Promise<Device | undefined> {
    return this.found(() => this.client.call('getDevice', { params: { account_id: accountId, id } }, { timeoutMs: LOOKUP_TIMEOUT_MS }), `device ${id}`);
  }

  private async user(accountId: string, id: string): Promise<User | undefined> {
    return this.found(() => this.client.call('getUser', { params: { account_id: accountId, id } }, { timeoutMs: LOOKUP_TIMEOUT_MS }), `user ${id}`);
  }

  private async group(accountId: string, id: string): Promise<Group | undefined> {
    return this.found(() => this.client.call('getGroup', { params: { account_id: accountId, id } }, { timeoutMs: LOOKUP_TIMEOUT_MS }), `group ${id}`);
  }

  /** The user's devices and those the user is logged in on by hotdesk, in the order customer-manager lists them. */
  private async devicesOf(accountId: string, userId: string): Promise<Device[]> {
    return this.devicesWhere(accountId, (device) => device.owner_id === userId || (device.hotdesk?.users !== undefined && Object.hasOwn(device.hotdesk.users, userId)));
  }

  /** A Twilio client identity is the account's device of that SIP username (unique in the account). */
  private async deviceNamed(accountId: string, username: string): Promise<Device | undefined> {
    const wanted = username.toLowerCase();
    return (await this.devicesWhere(accountId, (device) => device.sip.username.toLowerCase() === wanted))[0];
  }

  private async devicesWhere(accountId: string, keep: (device: Device) => boolean): Promise<Device[]> {
    const owned: Device[] = [];
    let startKey: string | undefined;
    do {
      const page = await this.client.call(
        'listDevices',
        { params: { account_id: accountId }, query: { page_size: PAGE_SIZE, ...(startKey ? { start_key: startKey } : {}) } },
        { timeoutMs: LOOKUP_TIMEOUT_MS },
      );
      owned.push(...page.result.filter(keep));
      startKey = page.next_start_key;
    } while (startKey !== undefined);
    return owned;
  }

  /** A document that is not there is not rung; any other failure fails the bridge. */
  private async found<T>(read: () => Promise<T>, what: string): Promise<T | undefined> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof VoipError && error.status === 'NOT_FOUND') {
        this.logger.debug({ what }, 'endpoint to ring not found');
        return undefined;
      }
      throw error;
    }
  }
}
