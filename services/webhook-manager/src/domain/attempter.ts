import type { Webhook } from '../contract.js';
import type { Delivery } from '../db/delivery-repository.js';
import type { HttpOutcome, HttpSender } from '../delivery/http-sender.js';
import { parseRetryAfter } from './backoff.js';
import { attemptHeaders, planRequest, type RequestPlan } from './request-plan.js';

export type Verdict = { kind: 'success' } | { kind: 'failure'; retryable: boolean; reason: string; clientError: string | null; retryAfterMs?: number };

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

export interface AttemptResult {
  plan: RequestPlan;
  headers: Record<string, string>;
  outcome: HttpOutcome;
  verdict: Verdict;
}

/**
 * One HTTP attempt of a delivery, and nothing else: encode the payload as the hook
 * asks, sign it with the account's secret, send it through the guarded client and say
 * what the answer means. The outbox bookkeeping around it is the worker's.
 */
export class Attempter {
  /** Parsed URLs of recent targets: a hook's URI is read for every attempt. */
  private readonly urls = new Map<string, URL>();

  constructor(
    private readonly sender: HttpSender,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws only when the stored payload cannot be encoded; every network problem is an outcome. */
  async attempt(delivery: Delivery, hook: Webhook | undefined, secret: string, tryNumber: number): Promise<AttemptResult> {
    const plan = planRequest(delivery, hook);
    const sentAt = this.now();
    const headers = attemptHeaders({ delivery, plan, secret, tryNumber, now: sentAt });
    let outcome: HttpOutcome;
    try {
      outcome = await this.sender.send({ url: this.urlOf(plan.uri), method: plan.method, headers, ...(plan.body !== undefined ? { body: plan.body } : {}) });
    } catch (error) {
      outcome = { kind: 'error', reason: 'http client error', message: error instanceof Error ? error.message : String(error), elapsedMs: this.now() - sentAt };
    }
    return { plan, headers, outcome, verdict: judge(outcome) };
  }

  private urlOf(uri: string): URL {
    let url = this.urls.get(uri);
    if (!url) {
      if (this.urls.size >= 1000) this.urls.clear();
      url = new URL(uri);
      this.urls.set(uri, url);
    }
    return url;
  }
}
