import type { EventEnvelope } from '@voxmesh/wire';
import type { AccountDirectory } from '../accounts/account-directory.js';
import { directoryEntryOf } from '../accounts/customer-manager-source.js';
import { accountEventDataSchema, activeflowEventDataSchema, flowEventDataSchema } from '../contract.js';
import type { DestinationRepository } from '../db/destination-repository.js';
import type { HookCache } from '../domain/hook-cache.js';
import type { Projections } from '../domain/intake.js';

/** The events `learn` reads, besides the webhook_* ones. */
const learnedFrom = new Set(['account_created', 'account_updated', 'flow_created', 'flow_updated', 'activeflow_created', 'activeflow_updated']);
/** The events `forget` reads. */
const forgottenFrom = new Set(['account_deleted', 'flow_deleted', 'activeflow_deleted']);

export interface EventProjectionsOptions {
  hooks: HookCache;
  directory: AccountDirectory;
  destinations: DestinationRepository;
  now?: () => number;
}

/**
 * What webhook-manager keeps of other services' documents, from their events: accounts
 * (their tree, webhook settings and secret) for the directory, where flows and
 * activeflows want their events sent, and which accounts' hooks another replica changed.
 * The intake runs these in the order of an event's other work (see `EventIntake`). Data is
 * read with webhook-manager's tolerant schemas: what does not fit teaches nothing.
 */
export class EventProjections implements Projections {
  private readonly now: () => number;

  constructor(private readonly options: EventProjectionsOptions) {
    this.now = options.now ?? Date.now;
  }

  teaches(type: string): boolean {
    return learnedFrom.has(type) || type.startsWith('webhook_');
  }

  forgets(type: string): boolean {
    return forgottenFrom.has(type);
  }

  /** What events teach before they are matched: accounts, and where flows want their events. */
  async learn(event: EventEnvelope): Promise<void> {
    const type = event.type;
    const now = new Date(this.now()).toISOString();
    if (type.startsWith('webhook_')) {
      // Another replica changed a hook: forget what this one cached of its account.
      const owner = (event.data as { account_id?: unknown } | undefined)?.account_id;
      if (typeof owner === 'string') this.options.hooks.invalidate(owner);
      return;
    }
    if (event.type === 'account_created' || event.type === 'account_updated') {
      const parsed = accountEventDataSchema.safeParse(event.data);
      if (parsed.success) await this.options.directory.record(directoryEntryOf(parsed.data));
      return;
    }
    if (event.type === 'flow_created' || event.type === 'flow_updated') {
      const parsed = flowEventDataSchema.safeParse(event.data);
      if (!parsed.success) return;
      const flow = parsed.data;
      const accountId = flow.account_id ?? flow.customer_id;
      if (flow.webhook_uri && accountId) {
        await this.options.destinations.upsert(
          { kind: 'flow', id: flow.id, accountId, flowId: flow.id, uri: flow.webhook_uri, method: flow.webhook_method ?? null },
          now,
        );
      } else {
        await this.options.destinations.delete('flow', flow.id);
      }
      return;
    }
    if (event.type === 'activeflow_created' || event.type === 'activeflow_updated') {
      const parsed = activeflowEventDataSchema.safeParse(event.data);
      if (!parsed.success) return;
      const activeflow = parsed.data;
      const accountId = activeflow.account_id ?? activeflow.customer_id;
      if (!accountId) return;
      let uri = activeflow.webhook_uri ?? null;
      let method = activeflow.webhook_method ?? null;
      if (!uri && activeflow.flow_id) {
        const flow = await this.options.destinations.get('flow', activeflow.flow_id);
        uri = flow?.uri ?? null;
        method = flow?.method ?? null;
      }
      if (uri) {
        await this.options.destinations.upsert({ kind: 'activeflow', id: activeflow.id, accountId, flowId: activeflow.flow_id ?? null, uri, method }, now);
      }
    }
  }

  /** Deletions take effect after the deleting event itself was delivered. */
  async forget(event: EventEnvelope): Promise<void> {
    const id = (event.data as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string') return;
    if (event.type === 'account_deleted') await this.options.directory.forget(id);
    else if (event.type === 'flow_deleted') await this.options.destinations.delete('flow', id);
    else if (event.type === 'activeflow_deleted') await this.options.destinations.delete('activeflow', id);
  }
}
