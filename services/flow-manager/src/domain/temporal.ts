import { randomUUID } from 'node:crypto';
import { VoipError } from '@voxmesh/wire';
import type { flowManager } from '@voxmesh/contracts';
import { MAX_DOCUMENTS, type DocumentKind, type DocumentRecord, type DocumentRepository } from '../db/document-repository.js';
import { localTime, ruleHolds } from './temporal-rules.js';

type Rule = flowManager.TemporalRuleInput;
type RuleSet = flowManager.TemporalRuleSetInput;

/** What a temporal_route node names: rule ids (a rule set's id among them stands for its rules) and a `rule_set`. */
export interface TemporalRoutes {
  rules: string[];
  rule_set?: string | undefined;
}

/** Where a rule sends the call: its own id, the id of the set it came from, or `rule_set`. */
interface Route {
  ruleId: string;
  childKey: string;
}

function view<T>(record: DocumentRecord): T & { id: string } {
  return { ...(record.document as T), id: record.id };
}

function stored(document: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, ...rest } = document;
  return rest;
}

/**
 * Kazoo's temporal rules and rule sets of an account: kept over REST, read by
 * temporal_route when a call gets there, and forced on, off or back to their schedule
 * by its enable, disable and reset actions (feature codes).
 */
export class TemporalService {
  constructor(
    private readonly repository: DocumentRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async all<T>(accountId: string, kind: DocumentKind): Promise<(T & { id: string })[]> {
    return (await this.repository.all(accountId, kind)).map((record) => view<T>(record));
  }

  async get<T>(accountId: string, kind: DocumentKind, id: string): Promise<T & { id: string }> {
    return view<T>(await this.existing(accountId, kind, id));
  }

  async create<T>(accountId: string, kind: DocumentKind, input: Record<string, unknown>): Promise<T & { id: string }> {
    if ((await this.repository.count(accountId, kind)) >= MAX_DOCUMENTS) throw VoipError.exhausted(`an account keeps at most ${MAX_DOCUMENTS} ${kind}`);
    const record: DocumentRecord = { account_id: accountId, kind, id: randomUUID().replace(/-/g, ''), document: stored(input), tm_create: this.now().toISOString(), tm_update: null };
    await this.repository.insert(record);
    return view<T>(record);
  }

  async update<T>(accountId: string, kind: DocumentKind, id: string, input: Record<string, unknown>): Promise<T & { id: string }> {
    const record = { ...(await this.existing(accountId, kind, id)), document: stored(input), tm_update: this.now().toISOString() };
    await this.repository.update(record);
    return view<T>(record);
  }

  async delete<T>(accountId: string, kind: DocumentKind, id: string): Promise<T & { id: string }> {
    const record = await this.existing(accountId, kind, id);
    await this.repository.delete(accountId, kind, id);
    return view<T>(record);
  }

  /**
   * The child key of the first rule that holds at `at` in `timezone`, in Kazoo's order:
   * the `rules` (a rule set among them expanded to its rules, keyed by the set's id),
   * then the `rule_set`'s rules (keyed `rule_set`). Rules that do not exist are skipped.
   */
  async firstHolding(accountId: string, routes: TemporalRoutes, at: Date, timezone?: string): Promise<string | undefined> {
    const order = await this.routesOf(accountId, routes);
    const docs = await this.repository.some(accountId, 'temporal_rules', [...new Set(order.map((route) => route.ruleId))]);
    const byId = new Map(docs.map((record) => [record.id, record.document as Rule]));
    const now = localTime(at, timezone);
    return order.find((route) => {
      const rule = byId.get(route.ruleId);
      return rule !== undefined && ruleHolds(rule, now, timezone);
    })?.childKey;
  }

  /** Forces the rules on (`true`), off (`false`) or back to their schedule (`undefined`); answers how many changed. */
  async setEnabled(accountId: string, routes: TemporalRoutes, enabled: boolean | undefined): Promise<number> {
    const ids = [...new Set((await this.routesOf(accountId, routes)).map((route) => route.ruleId))];
    let changed = 0;
    for (const record of await this.repository.some(accountId, 'temporal_rules', ids)) {
      const { enabled: _previous, ...rest } = record.document;
      const document = enabled === undefined ? rest : { ...rest, enabled };
      if (await this.repository.update({ ...record, document, tm_update: this.now().toISOString() })) changed++;
    }
    return changed;
  }

  private async routesOf(accountId: string, routes: TemporalRoutes): Promise<Route[]> {
    const setIds = [...routes.rules, ...(routes.rule_set !== undefined ? [routes.rule_set] : [])];
    const sets = new Map((await this.repository.some(accountId, 'temporal_rules_sets', setIds)).map((record) => [record.id, record.document as RuleSet]));
    const order: Route[] = [];
    for (const id of routes.rules) {
      const set = sets.get(id);
      if (set === undefined) order.push({ ruleId: id, childKey: id });
      else for (const ruleId of set.temporal_rules ?? []) order.push({ ruleId, childKey: id });
    }
    if (routes.rule_set !== undefined) for (const ruleId of sets.get(routes.rule_set)?.temporal_rules ?? []) order.push({ ruleId, childKey: 'rule_set' });
    return order;
  }

  private async existing(accountId: string, kind: DocumentKind, id: string): Promise<DocumentRecord> {
    const record = await this.repository.get(accountId, kind, id);
    if (!record) throw VoipError.notFound(`${kind === 'temporal_rules' ? 'temporal rule' : 'temporal rule set'} ${id} not found`);
    return record;
  }
}
