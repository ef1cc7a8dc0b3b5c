import type { Logger } from '@voxmesh/telemetry';
import type { AccountDirectory } from '../accounts/account-directory.js';
import type { Webhook } from '../contract.js';
import type { AttemptRepository, NewAttempt } from '../db/attempt-repository.js';
import type { Delivery, DeliveryRepository } from '../db/delivery-repository.js';
import type { HttpOutcome, HttpSender } from '../delivery/http-sender.js';
import type { WebhookMetrics } from '../metrics.js';
import { parseRetryAfter, retryDelayMs } from './backoff.js';
import type { DeliveryQueue } from './delivery-queue.js';
import type { AutoDisabler } from './disabler.js';
import { attemptHeaders, planRequest, type RequestPlan } from './request-plan.js';

export interface DeliveryWorkerOptions {
  deliveries: DeliveryRepository;
  attempts: AttemptRepository;
  directory: AccountDirectory;
  sender: HttpSender;
  queue: DeliveryQueue;
  disabler: AutoDisabler;
  metrics: WebhookMetrics;
  logger: Logger;
  /** This replica's name on the leases it takes. */
  owner: string;
  /** How long a claimed delivery stays ours; past it another replica may attempt it. */
  leaseMs: number;
  backoff: { baseMs: number; maxMs: number };
  /** Request and response bodies kept in the attempts log, in characters. */
  logBodyLimit?: number;
  now?: () => number;
}

type Verdict = { kind: 'success' } | { kind: 'failure'; retryable: boolean; reason: string; clientError: string | null; retryAfterMs?: number };

/** 2xx is success; 408, 425, 429 and 5xx are worth another try; any other status is not. */
export function judge(outcome: HttpOutcome): Verdict {
  if (outcome.kind === 'error') {
    return { kind: 'failure', retryable: outcome.reason !== 'target refused', reason: outcome.reason, clientError: outcome.message };
  }
  const status = outcome.status;
  if (status >= 200 && status < 300) return { kind: 'success' };
  const retryable = status === 408 || status === 425 || status === 429 || status >= 500;
  const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(outcome.headers['retry-after']) : undefined;
  return { kind: 'failure', retryable, reason: 'bad response code', clientError: null, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
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
 */
export class DeliveryWorker {
  private readonly now: () => number;

  constructor(private readonly options: DeliveryWorkerOptions) {
    this.now = options.now ?? Date.now;
  }

  async process(id: string): Promise<void> {
    const { deliveries, queue } = this.options;
    const found = await deliveries.get(id);
    if (!found || found.delivery.state !== 'pending') return;
    const { delivery, hook } = found;
    const now = this.now();
    // Delayed delivery rounds its delay to a level and may wake us a little early.
    if (delivery.nextAttemptAt > now + 20) {
      await queue.later(id, delivery.nextAttemptAt - now);
      return;
    }
    if (delivery.ordered && (await deliveries.laneHead(delivery.lane)) !== id) return;
    if (!(await deliveries.claim(id, this.options.owner, now + this.options.leaseMs, now))) return;

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
    let plan: RequestPlan;
    try {
      plan = planRequest(delivery, hook);
    } catch (error) {
      logger.error({ err: error, delivery_id: delivery.id }, 'delivery cannot be encoded; given up');
      await deliveries.finish(delivery.id, 'failed', tryNumber, this.now(), 'payload cannot be encoded');
      metrics.delivered('failure');
      await this.wakeNext(delivery);
      return;
    }
    const secret = await this.options.directory.secretOf(delivery.accountId);
    const sentAt = this.now();
    const headers = attemptHeaders({ delivery, plan, secret, tryNumber, now: sentAt });
    let outcome: HttpOutcome;
    try {
      outcome = await this.options.sender.send({ url: new URL(plan.uri), method: plan.method, headers, ...(plan.body ? { body: plan.body } : {}) });
    } catch (error) {
      outcome = { kind: 'error', reason: 'http client error', message: error instanceof Error ? error.message : String(error), elapsedMs: this.now() - sentAt };
    }
    const verdict = judge(outcome);
    const now = this.now();
    const final = verdict.kind === 'success' || !verdict.retryable || tryNumber >= maxTries;
    const retriesLeft = final ? 0 : maxTries - tryNumber;
    const seconds = outcome.elapsedMs / 1000;

    if (verdict.kind === 'failure' || hook?.log_successful_attempts) {
      await this.log(delivery, hook, plan, headers, outcome, verdict, tryNumber, retriesLeft, final, now);
    }
    if (verdict.kind === 'success') {
      await deliveries.finish(delivery.id, 'done', tryNumber, now, null);
      metrics.delivered('success', seconds);
      metrics.deliveryLag.observe({ service: metrics.service }, Math.max(0, now - Date.parse(delivery.createdAt)) / 1000);
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
    const next = await this.options.deliveries.laneHead(delivery.lane);
    if (next) await this.options.queue.kick([next]).catch((error: unknown) => this.options.logger.warn({ err: error, lane: delivery.lane }, 'next of lane not woken; the sweeper will'));
  }

  private async log(
    delivery: Delivery,
    hook: Webhook | undefined,
    plan: RequestPlan,
    headers: Record<string, string>,
    outcome: HttpOutcome,
    verdict: Verdict,
    tryNumber: number,
    retriesLeft: number,
    final: boolean,
    now: number,
  ): Promise<void> {
    const limit = this.options.logBodyLimit ?? 16_384;
    const attempt: NewAttempt = {
      account_id: hook?.account_id ?? delivery.accountId,
      hook_id: delivery.hookId,
      delivery_id: delivery.id,
      event_id: delivery.eventId,
      hook_event: delivery.hookEvent,
      uri: plan.uri,
      method: plan.method,
      req_headers: headers,
      req_body: (plan.body?.toString('utf8') ?? '').slice(0, limit),
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
