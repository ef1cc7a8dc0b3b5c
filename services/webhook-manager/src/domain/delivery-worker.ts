import { randomUUID } from 'node:crypto';
import type { Logger } from '@voxmesh/telemetry';
import type { AccountDirectory } from '../accounts/account-directory.js';
import type { Webhook } from '../contract.js';
import type { AttemptRepository, NewAttempt } from '../db/attempt-repository.js';
import type { Delivery, DeliveryRepository, DeliveryWithHook, NewDelivery } from '../db/delivery-repository.js';
import type { WebhookRepository } from '../db/webhook-repository.js';
import type { WebhookMetrics } from '../metrics.js';
import type { AttemptResult, Attempter } from './attempter.js';
import { retryDelayMs } from './backoff.js';
import { Batcher } from './batcher.js';
import type { DeliveryQueue } from './delivery-queue.js';
import type { AutoDisabler } from './disabler.js';

export { judge } from './attempter.js';

export interface DeliveryWorkerOptions {
  deliveries: DeliveryRepository;
  /** Where hooks are read as they are now, for deliveries handed over by intake. */
  webhooks: WebhookRepository;
  attempts: AttemptRepository;
  directory: AccountDirectory;
  attempter: Attempter;
  queue: DeliveryQueue;
  disabler: AutoDisabler;
  metrics: WebhookMetrics;
  logger: Logger;
  /** This replica's name on the leases it takes. */
  owner: string;
  /** How long a claimed delivery stays ours; past it another replica may attempt it. */
  leaseMs: number;
  backoff: { baseMs: number; maxMs: number };
  /** Deliveries intake may hand over at once (see `reserve`); beyond them, wake-up messages. */
  localConcurrency?: number;
  /** Request and response bodies kept in the attempts log, in characters. */
  logBodyLimit?: number;
  now?: () => number;
}

/**
 * A row just written, as the delivery it now is. Spelled out field by field: every delivery
 * then has one shape (as read from the database), which a spread of the row would not give.
 */
function asDelivery(row: NewDelivery, now: number, leaseUntil: number, createdAt: string): Delivery {
  return {
    seq: 0,
    id: row.id,
    eventId: row.eventId,
    target: row.target,
    eventKey: row.eventKey,
    lane: row.lane,
    ordered: row.ordered,
    hookId: row.hookId,
    accountId: row.accountId,
    hookEvent: row.hookEvent,
    uri: row.uri,
    method: row.method,
    contentType: row.contentType,
    payload: row.payload,
    maxTries: row.maxTries,
    tryCount: 0,
    state: 'pending',
    nextAttemptAt: now,
    leaseUntil,
    createdAt,
  };
}

/** A delivery counts as given up when its tries run out; `retries` 0 still means one attempt. */
export function maxTriesOf(retries: number): number {
  return Math.min(5, Math.max(1, Math.floor(retries)));
}

/**
 * Attempts one delivery, when a wake-up message names it. Only the head of a lane is
 * attempted, under a lease, so one call's events reach a hook one at a time and in
 * order even with several replicas; a finished head wakes the next of its lane. A
 * failure is retried through delayed delivery with backoff, logged, and counted
 * towards the hook's auto-disable.
 *
 * The reads and writes of deliveries in flight at the same moment share statements
 * (see Batcher): with the database committing every write to disk, that is what
 * decides how many deliveries a second one replica makes.
 */
export class DeliveryWorker {
  private readonly now: () => number;
  private readonly rows: Batcher<string, DeliveryWithHook | undefined>;
  private readonly heads: Batcher<string, string | undefined>;
  private readonly pending: Batcher<string, number>;
  private readonly claims: Batcher<string, boolean>;
  private readonly done: Batcher<string, undefined>;
  private readonly hooks: Batcher<string, Webhook | undefined>;
  /** Deliveries handed over by intake and not finished yet. */
  private local = 0;
  private readonly roomWaiters = new Set<{ need: number; resolve: (room: number) => void }>();
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly options: DeliveryWorkerOptions) {
    this.now = options.now ?? Date.now;
    const { deliveries } = options;
    this.rows = new Batcher(async (ids) => {
      const found = await deliveries.getMany([...new Set(ids)]);
      return ids.map((id) => found.get(id));
    });
    this.heads = new Batcher(async (lanes) => {
      const found = await deliveries.laneHeads([...new Set(lanes)]);
      return lanes.map((lane) => found.get(lane));
    });
    this.pending = new Batcher(async (lanes) => {
      const found = await deliveries.pendingPerLane([...new Set(lanes)]);
      return lanes.map((lane) => found.get(lane) ?? 0);
    });
    this.claims = new Batcher(async (ids) => {
      const now = this.now();
      const won = await deliveries.claimMany([...new Set(ids)], `${options.owner}:${randomUUID().slice(0, 8)}`, now + options.leaseMs, now);
      // Two wake-ups of one delivery in one batch: only the first may go ahead.
      const given = new Set<string>();
      return ids.map((id) => {
        if (!won.has(id) || given.has(id)) return false;
        given.add(id);
        return true;
      });
    });
    this.done = new Batcher(async (ids) => {
      await deliveries.finishDone(ids, this.now());
      return ids.map(() => undefined);
    });
    this.hooks = new Batcher(async (ids) => {
      const found = await options.webhooks.getMany([...new Set(ids)]);
      return ids.map((id) => found.get(id));
    });
  }

  get leaseMs(): number {
    return this.options.leaseMs;
  }

  /**
   * How many of `count` new deliveries this replica takes on at once, straight from
   * intake: they are written already leased to it and attempted without a wake-up
   * message, a re-read or a claim. The rest go through the delivery queue, to any replica.
   */
  reserve(count: number): number {
    const room = Math.max(0, Math.min(count, (this.options.localConcurrency ?? 256) - this.local));
    this.local += room;
    return room;
  }

  /**
   * Waits, at most `waitMs`, until there is room for `count` more, then reserves what
   * there is: new deliveries then queue up in the broker, unacknowledged, rather than
   * spill onto the delivery queue while this replica is only briefly busy. Under lasting
   * load the rest still goes out through the queue, to whichever replica has room.
   */
  async reserveWaiting(count: number, waitMs: number): Promise<number> {
    const limit = this.options.localConcurrency ?? 256;
    const need = Math.min(count, limit);
    // Those already waiting go first: a newcomer taking the room they wait for would leave them short.
    if (this.roomWaiters.size === 0 && this.local + need <= limit) return this.reserve(count);
    return new Promise<number>((resolve) => {
      const waiter = { need, resolve: (room: number) => resolve(room) };
      const timer = setTimeout(() => {
        this.roomWaiters.delete(waiter);
        resolve(this.reserve(count));
      }, waitMs);
      // The room is reserved when the waiter is woken, not when it next runs: nothing can take it in between.
      waiter.resolve = (room: number) => {
        clearTimeout(timer);
        resolve(room);
      };
      this.roomWaiters.add(waiter);
    });
  }

  /** Gives back reserved room that was not used. */
  unreserve(count: number): void {
    this.local -= count;
    this.wakeRoomWaiters();
  }

  /** Resolves once every delivery handed over by intake is settled (for a clean stop). */
  async idle(): Promise<void> {
    if (this.local === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private wakeRoomWaiters(): void {
    if (this.local === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    if (this.roomWaiters.size === 0) return;
    const limit = this.options.localConcurrency ?? 256;
    for (const waiter of this.roomWaiters) {
      if (this.local + waiter.need > limit) break;
      this.roomWaiters.delete(waiter);
      this.local += waiter.need;
      waiter.resolve(waiter.need);
    }
  }

  /**
   * Attempts deliveries intake has just committed under the lease `token` (one reserved
   * place each). A delivery that is not the head of its lane gives its lease back and is
   * woken through the queue like any other, so the lane's order holds; when some rows
   * were there already (an event read twice), only those this lease really holds go ahead.
   */
  async deliverLocal(rows: NewDelivery[], token: string, leaseUntil: number, createdAt: string, verify: boolean): Promise<void> {
    let mine = rows;
    if (verify) {
      try {
        const held = await this.options.deliveries.heldBy(rows.map((row) => row.id), token);
        mine = rows.filter((row) => held.has(row.id));
      } catch (error) {
        // Nothing is attempted that might not be ours; the sweeper wakes what this lease holds once it runs out.
        this.options.logger.warn({ err: error, count: rows.length }, 'new deliveries not checked; the sweeper will wake them');
        mine = [];
      }
      this.unreserve(rows.length - mine.length);
    }
    for (const row of mine) {
      void this.runLocal(row, token, leaseUntil, createdAt)
        .catch((error: unknown) => this.options.logger.warn({ err: error, delivery_id: row.id }, 'delivery step failed; the sweeper will retry it'))
        .finally(() => this.unreserve(1));
    }
  }

  private async runLocal(row: NewDelivery, token: string, leaseUntil: number, createdAt: string): Promise<void> {
    const [head, hook] = await Promise.all([
      row.ordered ? this.headOf(row.lane, row.id) : row.id,
      row.hookId === null ? undefined : this.hooks.load(row.hookId),
    ]);
    if (head !== row.id) {
      // An earlier delivery of the lane is pending: let go, then wake this one through the queue,
      // where it waits its turn (the earlier one's finish wakes it again).
      await this.options.deliveries.release([row.id], token);
      await this.options.queue.kick([row.id]);
      return;
    }
    const now = this.now();
    const delivery = asDelivery(row, now, leaseUntil, createdAt);
    await this.claimed(delivery, hook, now);
  }

  /**
   * The head of the lane of `id`, a pending delivery this replica holds the lease of: when
   * it is the lane's only pending delivery it is the head, which one cheap count tells.
   */
  private async headOf(lane: string, id: string): Promise<string | undefined> {
    const count = await this.pending.load(lane);
    if (count === 1) return id;
    // None pending: the row is no longer what it was when written; as laneHeads would, name no head.
    return count === 0 ? undefined : this.heads.load(lane);
  }

  async process(id: string): Promise<void> {
    const { deliveries, queue } = this.options;
    const found = await this.rows.load(id);
    if (!found || found.delivery.state !== 'pending') return;
    const { delivery, hook } = found;
    const now = this.now();
    // Delayed delivery rounds its delay to a level and may wake us a little early.
    if (delivery.nextAttemptAt > now + 20) {
      await queue.later(id, delivery.nextAttemptAt - now);
      return;
    }
    if (delivery.ordered && (await this.heads.load(delivery.lane)) !== id) return;
    if (!(await this.claims.load(id))) return;
    await this.claimed(delivery, hook, now);
  }

  /** A delivery this replica holds the lease of, with its hook as it is now. */
  private async claimed(delivery: Delivery, hook: Webhook | undefined, now: number): Promise<void> {
    const { deliveries } = this.options;
    const id = delivery.id;
    if (delivery.hookId !== null && !hook) {
      await deliveries.finish(id, 'failed', delivery.tryCount, now, 'hook deleted');
      this.options.metrics.delivered('dropped');
      await this.wakeNext(delivery);
      return;
    }
    if (hook && !hook.enabled) {
      await deliveries.park(id);
      this.options.metrics.delivered('parked');
      await this.wakeNext(delivery);
      return;
    }
    await this.attempt(delivery, hook);
  }

  private async attempt(delivery: Delivery, hook: Webhook | undefined): Promise<void> {
    const { deliveries, metrics, logger } = this.options;
    const tryNumber = delivery.tryCount + 1;
    const maxTries = hook ? maxTriesOf(hook.retries) : maxTriesOf(delivery.maxTries);
    const secret = await this.options.directory.secretOf(delivery.accountId);
    let result: AttemptResult;
    try {
      result = await this.options.attempter.attempt(delivery, hook, secret, tryNumber);
    } catch (error) {
      logger.error({ err: error, delivery_id: delivery.id }, 'delivery cannot be encoded; given up');
      await deliveries.finish(delivery.id, 'failed', tryNumber, this.now(), 'payload cannot be encoded');
      metrics.delivered('failure');
      await this.wakeNext(delivery);
      return;
    }
    const { outcome, verdict } = result;
    const now = this.now();
    const final = verdict.kind === 'success' || !verdict.retryable || tryNumber >= maxTries;
    const retriesLeft = final ? 0 : maxTries - tryNumber;
    const seconds = outcome.elapsedMs / 1000;

    if (verdict.kind === 'failure' || hook?.log_successful_attempts) {
      await this.log(delivery, hook, result, tryNumber, retriesLeft, final, now);
    }
    if (verdict.kind === 'success') {
      await this.done.load(delivery.id);
      metrics.delivered('success', seconds);
      metrics.observeLag(Math.max(0, now - Date.parse(delivery.createdAt)) / 1000);
    } else {
      const error = verdict.clientError ?? `${verdict.reason}${outcome.kind === 'response' ? ` ${outcome.status}` : ''}`;
      if (final) {
        await deliveries.finish(delivery.id, 'failed', tryNumber, now, error);
        metrics.delivered(outcome.kind === 'error' && outcome.reason === 'target refused' ? 'refused' : 'failure', seconds);
      } else {
        const delay = retryDelayMs(tryNumber, this.options.backoff, verdict.retryAfterMs);
        await deliveries.scheduleRetry(delivery.id, tryNumber, now + delay, error);
        metrics.delivered('retry', seconds);
        // If this send fails, the sweeper finds the delivery overdue and wakes it.
        await this.options.queue.later(delivery.id, delay).catch((cause: unknown) => logger.warn({ err: cause, delivery_id: delivery.id }, 'retry not scheduled; the sweeper will'));
      }
      if (hook) await this.options.disabler.recordFailure(hook).catch((cause: unknown) => logger.warn({ err: cause, hook_id: hook.id }, 'failure not counted'));
    }
    if (final) await this.wakeNext(delivery);
  }

  private async wakeNext(delivery: Delivery): Promise<void> {
    if (!delivery.ordered) return;
    // A lane with nothing pending (the usual case: one event per call and hook in flight) has no next.
    if ((await this.pending.load(delivery.lane)) === 0) return;
    const next = await this.heads.load(delivery.lane);
    if (next) await this.options.queue.kick([next]).catch((error: unknown) => this.options.logger.warn({ err: error, lane: delivery.lane }, 'next of lane not woken; the sweeper will'));
  }

  private async log(delivery: Delivery, hook: Webhook | undefined, result: AttemptResult, tryNumber: number, retriesLeft: number, final: boolean, now: number): Promise<void> {
    const limit = this.options.logBodyLimit ?? 16_384;
    const { plan, headers, outcome, verdict } = result;
    const attempt: NewAttempt = {
      account_id: hook?.account_id ?? delivery.accountId,
      hook_id: delivery.hookId,
      delivery_id: delivery.id,
      event_id: delivery.eventId,
      hook_event: delivery.hookEvent,
      uri: plan.uri,
      method: plan.method,
      req_headers: headers,
      req_body: (plan.body ?? '').slice(0, limit),
      resp_status_code: outcome.kind === 'response' ? outcome.status : null,
      resp_headers: outcome.kind === 'response' ? outcome.headers : null,
      resp_body: outcome.kind === 'response' ? outcome.body.slice(0, limit) : null,
      result: verdict.kind === 'success' ? 'success' : 'failure',
      reason: verdict.kind === 'success' ? null : verdict.reason,
      client_error: verdict.kind === 'success' ? null : verdict.clientError,
      try: tryNumber,
      retries_left: retriesLeft,
      final,
    };
    await this.options.attempts.insertMany([attempt], now).catch((error: unknown) => this.options.logger.warn({ err: error, delivery_id: delivery.id }, 'attempt not logged'));
  }
}
