import { randomUUID } from 'node:crypto';
import type { Logger } from '@voxmesh/telemetry';
import { VoipError, validate } from '@voxmesh/wire';
import { TargetRefused, type TargetGuard } from '@voxmesh/http-guard';
import type { AccountDirectory } from '../accounts/account-directory.js';
import { webhookDefaults, webhookInputSchema, type Webhook, type WebhookFields, type WebhookSettings } from '../contract.js';
import type { AccountRepository, SettingsPatch } from '../db/account-repository.js';
import type { DeliveryRepository } from '../db/delivery-repository.js';
import type { WebhookRepository } from '../db/webhook-repository.js';
import type { DeliveryQueue } from './delivery-queue.js';
import type { AutoDisabler, EventSink } from './disabler.js';
import type { HookCache } from './hook-cache.js';

export interface WebhookServiceOptions {
  webhooks: WebhookRepository;
  hooks: HookCache;
  deliveries: DeliveryRepository;
  accounts: AccountRepository;
  directory: AccountDirectory;
  disabler: AutoDisabler;
  guard: TargetGuard;
  queue: DeliveryQueue;
  events: EventSink;
  logger: Logger;
  now?: () => number;
}

type Patch = Record<string, unknown>;

/**
 * Webhook documents: create, read, replace, merge, delete, list, and the re-enabling
 * rules. Saving a hook with `enabled: true` clears what the disabler left (reason,
 * failure count) and resumes the deliveries parked while it was off.
 */
export class WebhookService {
  private readonly now: () => number;

  constructor(private readonly options: WebhookServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  async create(accountId: string, fields: WebhookFields): Promise<Webhook> {
    this.checkTarget(fields.uri);
    const at = this.timestamp();
    const hook: Webhook = { id: randomUUID(), account_id: accountId, ...fields, disable_reason: null, disabled_at: null, created_at: at, updated_at: at };
    await this.options.webhooks.insert(hook);
    this.options.hooks.invalidate(accountId);
    await this.announce('webhook_created', hook);
    return hook;
  }

  async get(accountId: string, id: string): Promise<Webhook> {
    const hook = await this.options.webhooks.get(id);
    // Another account's hook is as absent as a missing one: its existence is not ours to tell.
    if (!hook || hook.account_id !== accountId) throw VoipError.notFound(`webhook ${id} not found in account ${accountId}`);
    return hook;
  }

  async replace(accountId: string, id: string, fields: WebhookFields): Promise<Webhook> {
    const current = await this.get(accountId, id);
    this.checkTarget(fields.uri);
    return this.save(current, fields);
  }

  /** Crossbar's PATCH: the given keys replace the stored ones, `null` resets one to its default, then the whole is validated. */
  async patch(accountId: string, id: string, patch: Patch): Promise<Webhook> {
    const current = await this.get(accountId, id);
    const merged: Patch = {
      name: current.name,
      uri: current.uri,
      hook: current.hook,
      http_verb: current.http_verb,
      retries: current.retries,
      custom_data: current.custom_data,
      include_subaccounts: current.include_subaccounts,
      include_internal_legs: current.include_internal_legs,
      enabled: current.enabled,
      format: current.format,
      modifiers: current.modifiers,
      log_successful_attempts: current.log_successful_attempts,
    };
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (value === null) merged[key] = (webhookDefaults as Record<string, unknown>)[key];
      else merged[key] = value;
    }
    const fields = validate(webhookInputSchema, merged, 'data');
    if (patch.uri !== undefined) this.checkTarget(fields.uri);
    return this.save(current, fields);
  }

  async delete(accountId: string, id: string): Promise<Webhook> {
    const hook = await this.get(accountId, id);
    await this.options.webhooks.delete(id);
    this.options.hooks.invalidate(accountId);
    await this.options.disabler.reset(id).catch(() => undefined);
    await this.announce('webhook_deleted', hook);
    return hook;
  }

  async list(accountId: string, pageSize: number, pageToken: string | undefined) {
    return this.options.webhooks.list(accountId, pageSize, pageToken);
  }

  /** Re-enables the hooks the disabler turned off (never those a person turned off). */
  async reenable(accountId: string, descendants: boolean): Promise<Webhook[]> {
    const accounts = descendants ? [accountId, ...(await this.options.directory.descendantsOf(accountId))] : [accountId];
    const disabled = await this.options.webhooks.autoDisabled(accounts);
    const result: Webhook[] = [];
    for (const hook of disabled) {
      const { id: _id, account_id: _account, disable_reason: _reason, disabled_at: _at, created_at: _created, updated_at: _updated, ...fields } = hook;
      result.push(await this.save(hook, { ...fields, enabled: true }));
    }
    return result;
  }

  async settings(accountId: string): Promise<WebhookSettings> {
    const secret = await this.options.directory.secretOf(accountId);
    const account = await this.options.accounts.get(accountId);
    const defaults = await this.options.disabler.settingsFor(accountId);
    return {
      account_id: accountId,
      webhook_uri: account?.webhookUri ?? null,
      webhook_method: account?.webhookMethod ?? null,
      webhook_secret: secret,
      attempt_failure_count: defaults.failures,
      attempt_failure_expiry_ms: defaults.windowMs,
      disable_disabler: defaults.off,
    };
  }

  async updateSettings(accountId: string, patch: SettingsPatch): Promise<WebhookSettings> {
    await this.options.accounts.updateSettings(accountId, patch, this.timestamp());
    this.options.directory.invalidate(accountId);
    return this.settings(accountId);
  }

  private async save(current: Webhook, fields: WebhookFields): Promise<Webhook> {
    const reenabled = fields.enabled && !current.enabled;
    const hook: Webhook = {
      ...current,
      ...fields,
      disable_reason: fields.enabled ? null : current.disable_reason,
      disabled_at: fields.enabled ? null : current.disabled_at,
      updated_at: this.timestamp(),
    };
    await this.options.webhooks.replace(hook);
    this.options.hooks.invalidate(hook.account_id);
    if (fields.enabled) await this.options.disabler.reset(hook.id).catch(() => undefined);
    if (reenabled) {
      const heads = await this.options.deliveries.unpark(hook.id, this.now());
      await this.options.queue.kick(heads).catch((error: unknown) => this.options.logger.warn({ err: error, hook_id: hook.id }, 'resumed deliveries not woken; the sweeper will'));
    }
    await this.announce('webhook_updated', hook);
    return hook;
  }

  /** Refuses at save time what delivery would refuse: a non-http(s) scheme, or a private target without the operator's leave. */
  private checkTarget(uri: string): void {
    try {
      this.options.guard.checkUrl(new URL(uri));
    } catch (error) {
      if (error instanceof TargetRefused) throw VoipError.invalidArgument('data.uri', `uri refused: ${error.message}`);
      throw error;
    }
  }

  private async announce(type: 'webhook_created' | 'webhook_updated' | 'webhook_deleted', hook: Webhook): Promise<void> {
    await this.options.events.publish(type, hook).catch((error: unknown) => {
      this.options.logger.error({ err: error, hook_id: hook.id, type }, 'webhook event not published');
    });
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }
}
