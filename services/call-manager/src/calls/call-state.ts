import type { callManager } from '@voxmesh/contracts';
import type { EventPublisher } from '@voxmesh/mesh';
import type { Logger } from '@voxmesh/telemetry';
import type { EventInputOf, EventTypeOf } from '@voxmesh/wire';
import type { Call, CallStatus } from '../contract.js';
import type { CallRepository, ChannelRepository } from '../db/repositories.js';
import { channelPayload, type ChannelHook } from './kazoo.js';
import type { LegFacts } from './leg.js';
import { canMove } from './status.js';

type Catalog = callManager.CallManagerEvents;
export type CallEventType = EventTypeOf<Catalog>;
export type CallEventData<K extends CallEventType> = EventInputOf<Catalog, K>;
export type CallEventPublisher = EventPublisher<Catalog>;

/** The newest problems kept on a call. */
const MAX_ERRORS = 10;

export interface CallStateDeps {
  calls: CallRepository;
  channels: ChannelRepository;
  events: CallEventPublisher;
  logger: Logger;
  /** This replica's name, stored with the calls it holds. */
  owner: string;
}

export interface CallStateInit {
  call: Call;
  leg: LegFacts;
  /** The media server's Core-UUID when the channel was made. */
  coreUuid: string;
}

/**
 * A copy of a call for an event: what is changed in place later (lists, external
 * media) is copied, what is only ever replaced (addresses, the action, the device) is
 * shared. Much cheaper than a deep clone on every event of every call.
 */
export function snapshotOf(call: Call): Call {
  return {
    ...call,
    chained_call_ids: [...call.chained_call_ids],
    recording_ids: [...call.recording_ids],
    external_medias: call.external_medias.map((media) => ({ ...media })),
    errors: [...call.errors],
  };
}

/**
 * A call's state: the call and its channel as call-manager keeps them, saved
 * write-behind, with the call's events published in order. Changed only from the
 * call's queue.
 */
export class CallState {
  readonly call: Call;
  readonly leg: LegFacts;
  readonly coreUuid: string;
  private publishing: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: CallStateDeps,
    init: CallStateInit,
  ) {
    this.call = init.call;
    this.leg = init.leg;
    this.coreUuid = init.coreUuid;
  }

  get answered(): boolean {
    return this.leg.channel.state === 'answered';
  }

  /** True once call-manager hangs the call up, or the channel is down. */
  get ending(): boolean {
    return this.call.status === 'terminating' || this.call.status === 'canceling' || this.call.status === 'hangup';
  }

  get over(): boolean {
    return this.call.status === 'hangup';
  }

  /** Saves the call (write-behind) without announcing it. */
  save(): void {
    this.deps.calls.save({ call: this.call, owner: this.deps.owner, coreUuid: this.coreUuid });
  }

  update(change: (call: Call) => void): void {
    this.amend(change);
    this.publish('call_updated', this.call);
  }

  amend(change: (call: Call) => void): void {
    change(this.call);
    this.call.tm_update = new Date().toISOString();
    this.save();
  }

  /** Publishes in order with the call's other events; a call without an account has nobody to tell. */
  publish<K extends CallEventType>(type: K, data: CallEventData<K>, fresh = false): void {
    if (this.call.account_id === '') return;
    // The event goes out later: it carries the data as it is now (a payload made for it is already a copy).
    const snapshot = (fresh ? data : data === this.call ? snapshotOf(this.call) : structuredClone(data)) as CallEventData<K>;
    this.publishing = this.publishing
      .then(() => this.deps.events.publish(type, snapshot))
      .catch((error: unknown) => this.deps.logger.error({ err: error, type, call_id: this.call.id }, 'event not published'));
  }

  publishChannel(hook: ChannelHook): void {
    if (this.call.account_id === '') return;
    this.publish(hook, channelPayload(hook, this.call, this.leg), true);
  }

  /** Resolves once every event published so far has reached the broker. */
  published(): Promise<void> {
    return this.publishing;
  }

  saveChannel(): void {
    this.leg.channel.account_id = this.call.account_id;
    this.deps.channels.save(this.leg.channel);
  }

  /** Moves the call to `to` if the status machine allows it, with its time and its event. */
  setStatus(to: Exclude<CallStatus, 'dialing'>): boolean {
    if (!canMove(this.call.status, to)) return false;
    const now = new Date().toISOString();
    this.call.status = to;
    this.call.tm_update = now;
    if (to === 'ringing') this.call.tm_ringing = now;
    if (to === 'progressing') this.call.tm_progressing = now;
    if (to === 'hangup') this.call.tm_hangup = now;
    this.save();
    this.publish(`call_${to}`, this.call);
    return true;
  }

  /** Keeps a problem on the call (the newest few), for whoever reads the call later. */
  recordError(actionId: string, actionType: string, reason: string, message: string): void {
    this.call.errors.push({ tm: new Date().toISOString(), action_id: actionId, action_type: actionType, reason, message });
    if (this.call.errors.length > MAX_ERRORS) this.call.errors.splice(0, this.call.errors.length - MAX_ERRORS);
  }
}
