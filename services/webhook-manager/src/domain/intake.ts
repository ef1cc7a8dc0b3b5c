import { randomUUID } from 'node:crypto';
import type { Logger } from '@voxmesh/telemetry';
import type { EventEnvelope } from '@voxmesh/wire';
import type { AccountDirectory } from '../accounts/account-directory.js';
import { hookTypes } from '../contract.js';
import type { DeliveryRepository, NewDelivery } from '../db/delivery-repository.js';
import type { DestinationRepository } from '../db/destination-repository.js';
import type { DeliveryQueue } from './delivery-queue.js';
import { Batcher } from './batcher.js';
import type { HookCache } from './hook-cache.js';
import { deliveryIds, derivedId, eventKeyOf } from './ids.js';
import { hasMergedData, hookAccepts, payloadFor } from './matching.js';
import { occurrencesOf, type Occurrences } from './occurrences.js';
import { KeyedSerializer } from './serializer.js';

/** A replica's own delivery loop, taking new deliveries without a wake-up message (DeliveryWorker). */
export interface LocalDelivery {
  readonly leaseMs: number;
  reserveWaiting(count: number, waitMs: number): Promise<number>;
  unreserve(count: number): void;
  deliverLocal(rows: NewDelivery[], token: string, leaseUntil: number, createdAt: string, verify: boolean): Promise<void>;
}

/**
 * What webhook-manager keeps of other services' documents, learned from their events
 * (see `subscribe/projections.ts`): read before an event is matched, and forgotten only
 * after the deleting event itself was planned.
 */
export interface Projections {
  teaches(type: string): boolean;
  learn(event: EventEnvelope): Promise<void>;
  forgets(type: string): boolean;
  forget(event: EventEnvelope): Promise<void>;
}

export interface EventIntakeOptions {
  hooks: HookCache;
  projections: Projections;
  deliveries: DeliveryRepository;
  destinations: DestinationRepository;
  directory: AccountDirectory;
  queue: DeliveryQueue;
  /** When given, new deliveries it has room for are handed to it, leased, instead of woken through the queue. */
  local?: LocalDelivery;
  /** This replica's name on the leases of what it hands over. */
  owner?: string;
  logger: Logger;
  /** Attempts for deliveries without a hook. */
  defaultRetries: number;
  now?: () => number;
}

export interface DestinationRequest {
  accountId: string;
  uri: string;
  method: string;
  dataType: string;
  data: unknown;
  /** The caller's request id: the same request sent twice is one delivery. */
  requestId: string | undefined;
}

const DEFAULT_METHOD = 'POST';
/** How long new deliveries wait for room in this replica's delivery loop before going out through the queue. */
const LOCAL_WAIT_MS = 250;

/** An ordered delivery's lane is its target and ordering key; an unordered one is a lane of its own. */
function laneOf(target: string, orderingKey: string | undefined, deliveryId: string): string {
  return `${target}|${orderingKey ?? deliveryId}`;
}

/** The hook types an event's occurrences fire, and `all`. */
function wantedHooks(occurrences: Occurrences): string[] {
  const wanted = ['all'];
  for (const each of occurrences.hooks) {
    if (!wanted.includes(each.hook) && (hookTypes as readonly string[]).includes(each.hook)) wanted.push(each.hook);
  }
  return wanted;
}

function methodOf(value: string | null | undefined): string {
  const upper = (value ?? '').trim().toUpperCase();
  return ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(upper) ? upper : DEFAULT_METHOD;
}

/**
 * Turns platform events into outbox rows. Everything an event causes is written in
 * one statement before the event is acknowledged (the subscriber acknowledges when this
 * resolves), then the rows' wake-up messages are sent. Events of one call are taken one
 * at a time, so their rows get their `seq` in the order the broker delivered them.
 */
export class EventIntake {
  private readonly serializer = new KeyedSerializer();
  private readonly now: () => number;
  /** Rows of events handled side by side are written in one statement (one commit). */
  private readonly writes: Batcher<NewDelivery[], string[]>;

  constructor(private readonly options: EventIntakeOptions) {
    this.now = options.now ?? Date.now;
    this.writes = new Batcher((groups) => this.write(groups));
  }

  /**
   * Writes the rows of a round of events in one statement. Those the local delivery loop
   * has room for are written leased to it and handed over once committed; resolves, per
   * event, with the ids that still need a wake-up message.
   */
  private async write(groups: NewDelivery[][]): Promise<string[][]> {
    const rows = groups.flat();
    const now = this.now();
    const local = this.options.local;
    const room = local ? await local.reserveWaiting(rows.length, LOCAL_WAIT_MS) : 0;
    if (!local || room === 0) {
      await this.options.deliveries.insertMany(rows, now);
      return groups.map((group) => group.map((row) => row.id));
    }
    const handed: NewDelivery[] = [];
    const leased = new Set<string>();
    for (const row of rows) {
      if (handed.length === room) break;
      if (leased.has(row.id)) continue;
      leased.add(row.id);
      handed.push(row);
    }
    if (handed.length < room) local.unreserve(room - handed.length);
    const token = `${this.options.owner ?? 'webhook-manager'}:${randomUUID().slice(0, 8)}`;
    const leaseUntil = now + local.leaseMs;
    let written: number;
    try {
      written = await this.options.deliveries.insertMany(rows, now, { owner: token, until: leaseUntil, ids: leased });
    } catch (error) {
      local.unreserve(handed.length);
      throw error;
    }
    // Fewer rows written than given: some were there already (an event read twice); only those this lease holds go ahead.
    void local.deliverLocal(handed, token, leaseUntil, new Date(now).toISOString(), written < rows.length);
    // Usually every row was handed over and none needs a wake-up message.
    if (handed.length === rows.length) return groups.map(() => []);
    const woken = new Set(handed);
    return groups.map((group) => group.filter((row) => !woken.has(row)).map((row) => row.id));
  }

  async handle(event: EventEnvelope): Promise<void> {
    const occurrences = occurrencesOf(event, this.now());
    const key = occurrences?.hooks[0]?.orderingKey ?? occurrences?.voipbin?.orderingKey;
    await this.serializer.run(key, () => this.process(event, occurrences));
  }

  private async process(event: EventEnvelope, occurrences: Occurrences | undefined): Promise<void> {
    const { projections } = this.options;
    // Most events teach and remove nothing: those steps are not even entered for them.
    if (projections.teaches(event.type)) await projections.learn(event);
    if (occurrences) {
      const deliveries = await this.plan(event, occurrences);
      await this.persistAndWake(deliveries);
    }
    if (projections.forgets(event.type)) await projections.forget(event);
  }

  /** The outbox rows for one webhook_send request. */
  async enqueueDestination(request: DestinationRequest): Promise<NewDelivery> {
    const eventKey = request.requestId ? derivedId('webhook_send', request.requestId).replace(/-/g, '') : randomUUID().replace(/-/g, '');
    const target = `destination:${request.accountId}`;
    const { id, eventId } = deliveryIds(target, eventKey);
    const delivery: NewDelivery = {
      id,
      eventId,
      target,
      eventKey,
      lane: laneOf(target, undefined, id),
      ordered: false,
      hookId: null,
      accountId: request.accountId,
      hookEvent: 'webhook_send',
      uri: request.uri,
      method: methodOf(request.method),
      contentType: request.dataType,
      payload: JSON.stringify(request.data ?? null),
      maxTries: this.options.defaultRetries,
    };
    await this.persistAndWake([delivery]);
    return delivery;
  }

  private async persistAndWake(deliveries: NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    const unwoken = await this.writes.load(deliveries);
    if (unwoken.length === 0) return;
    // Written is what counts; a wake-up lost here is re-sent by the sweeper.
    await this.options.queue.kick(unwoken).catch((error: unknown) => {
      this.options.logger.warn({ err: error, count: unwoken.length }, 'deliveries written but not woken; the sweeper will');
    });
  }

  private async plan(event: EventEnvelope, occurrences: Occurrences): Promise<NewDelivery[]> {
    const { directory } = this.options;
    const eventKey = eventKeyOf(event);
    const planned: NewDelivery[] = [];

    if (occurrences.hooks.length > 0) {
      const ancestors = await directory.ancestorsOf(occurrences.accountId);
      const hooks = await this.options.hooks.matching(occurrences.accountId, ancestors, wantedHooks(occurrences));
      for (const occurrence of occurrences.hooks) {
        // An `all` hook gets each occurrence; the event's second occurrence gets its own key.
        const occurrenceKey = occurrences.hooks.length > 1 ? `${eventKey.slice(0, 32)}:${occurrence.hook.slice(0, 7)}` : eventKey;
        // Hooks without custom_data all send the event's payload as it is: encoded once.
        let plain: string | undefined;
        for (const hook of hooks) {
          if (!hookAccepts(hook, occurrence)) continue;
          const target = `hook:${hook.id}`;
          const { id, eventId } = deliveryIds(target, occurrenceKey);
          const payload = hasMergedData(hook) ? JSON.stringify(payloadFor(hook, occurrence)) : (plain ??= JSON.stringify(occurrence.payload));
          planned.push({
            id,
            eventId,
            target,
            eventKey: occurrenceKey,
            lane: laneOf(target, occurrence.orderingKey, id),
            ordered: occurrence.orderingKey !== undefined,
            hookId: hook.id,
            accountId: hook.account_id,
            hookEvent: occurrence.hook === 'object' ? occurrence.payload.action : occurrence.hook === 'notifications' ? occurrence.payload.type : occurrence.hook,
            uri: null,
            method: null,
            contentType: null,
            payload,
            maxTries: hook.retries,
          });
        }
      }
    }

    const voipbin = occurrences.voipbin;
    if (voipbin) {
      const body = JSON.stringify({ type: voipbin.type, data: voipbin.data });
      const account = await directory.getAccount(occurrences.accountId);
      const targets: { target: string; uri: string; method: string | null }[] = [];
      if (account?.webhookUri) targets.push({ target: `account:${account.id}`, uri: account.webhookUri, method: account.webhookMethod });
      if (voipbin.activeflowId) {
        const destination = await this.options.destinations.get('activeflow', voipbin.activeflowId);
        if (destination?.uri) targets.push({ target: `activeflow:${voipbin.activeflowId}`, uri: destination.uri, method: destination.method });
      }
      for (const each of targets) {
        const { id, eventId } = deliveryIds(each.target, eventKey);
        planned.push({
          id,
          eventId,
          target: each.target,
          eventKey,
          lane: laneOf(each.target, voipbin.orderingKey, id),
          ordered: voipbin.orderingKey !== undefined,
          hookId: null,
          accountId: occurrences.accountId,
          hookEvent: voipbin.type,
          uri: each.uri,
          method: methodOf(each.method),
          contentType: 'application/json',
          payload: body,
          maxTries: this.options.defaultRetries,
        });
      }
    }
    return planned;
  }
}
