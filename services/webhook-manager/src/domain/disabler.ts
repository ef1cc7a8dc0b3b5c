import type { webhookManager } from '@voxmesh/contracts';
import type { EventPublisher } from '@voxmesh/mesh';
import type { Logger } from '@voxmesh/telemetry';
import type { AccountDirectory } from '../accounts/account-directory.js';
import type { Webhook, WebhookDisabledEventData } from '../contract.js';
import type { WebhookRepository } from '../db/webhook-repository.js';
import type { WebhookMetrics } from '../metrics.js';
import type { FailureCounter } from './failure-counter.js';
import type { HookCache } from './hook-cache.js';

/** Where the service's own events go (its exchange), typed by its catalog; a narrow seam so tests can watch. */
export type EventSink = Pick<EventPublisher<webhookManager.WebhookManagerEvents>, 'publish'>;

export const AUTO_DISABLE_REASON = 'too many failed attempts';

export interface DisablerSettings {
  failures: number;
  windowMs: number;
  off: boolean;
}

export interface AutoDisablerOptions {
  webhooks: WebhookRepository;
  hooks: HookCache;
  counter: FailureCounter;
  directory: AccountDirectory;
  events: EventSink;
  metrics: WebhookMetrics;
  logger: Logger;
  defaults: { failures: number; windowMs: number };
  now?: () => number;
}

/**
 * Kazoo's disabler, counted across replicas: N failed attempts of a hook within the
 * window (6 in 60 s unless the account says otherwise) turn it off with a reason and
 * raise a `webhook_disabled` notification. Only the replica whose UPDATE flips the
 * hook publishes, so the notification goes out once.
 */
export class AutoDisabler {
  private readonly now: () => number;

  constructor(private readonly options: AutoDisablerOptions) {
    this.now = options.now ?? Date.now;
  }

  async settingsFor(accountId: string): Promise<DisablerSettings> {
    const account = await this.options.directory.getAccount(accountId).catch(() => undefined);
    return {
      failures: account?.attemptFailureCount ?? this.options.defaults.failures,
      windowMs: account?.attemptFailureExpiryMs ?? this.options.defaults.windowMs,
      off: account?.disableDisabler ?? false,
    };
  }

  async recordFailure(hook: Webhook): Promise<void> {
    const settings = await this.settingsFor(hook.account_id);
    if (settings.off) return;
    const failures = await this.options.counter.record(hook.id, settings.windowMs, settings.failures * 2);
    if (failures >= settings.failures) await this.disable(hook, failures, settings.windowMs);
  }

  private async disable(hook: Webhook, failures: number, windowMs: number): Promise<void> {
    const at = new Date(this.now()).toISOString();
    if (!(await this.options.webhooks.disableIfEnabled(hook.id, AUTO_DISABLE_REASON, at))) return;
    this.options.hooks.invalidate(hook.account_id);
    await this.options.counter.clear(hook.id);
    const { metrics, logger, events } = this.options;
    metrics.autoDisabled.inc({ service: metrics.service });
    logger.warn({ hook_id: hook.id, account_id: hook.account_id, failures, window_ms: windowMs }, 'webhook disabled after repeated failures');
    const notice: WebhookDisabledEventData = {
      id: hook.id,
      account_id: hook.account_id,
      name: hook.name,
      uri: hook.uri,
      hook: hook.hook,
      reason: AUTO_DISABLE_REASON,
      failures,
      window_ms: windowMs,
      disabled_at: at,
    };
    const saved = await this.options.webhooks.get(hook.id);
    await events.publish('webhook_disabled', notice).catch((error: unknown) => logger.error({ err: error, hook_id: hook.id }, 'webhook_disabled not published'));
    if (saved) await events.publish('webhook_updated', saved).catch((error: unknown) => logger.error({ err: error, hook_id: hook.id }, 'webhook_updated not published'));
  }

  /** Forgets a hook's failures (it was re-enabled, or saved with enabled: true). */
  async reset(hookId: string): Promise<void> {
    await this.options.counter.clear(hookId);
  }
}
