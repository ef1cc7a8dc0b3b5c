import { randomUUID } from 'node:crypto';
import { isDuplicateKey } from '@voxmesh/store';
import { VoipError } from '@voxmesh/wire';
import type { FlowSource } from '../actions/types.js';
import type { FlowCache } from '../cache/flow-cache.js';
import type { ActionDraft, CreateFlowBody, RouteReply, UpdateFlowBody } from '../contract.js';
import type { FlowFilters, FlowRepository } from '../db/flow-repository.js';
import type { Page } from '@voxmesh/store';
import { compileCallflow } from '../kazoo/compiler.js';
import type { FlowMetrics } from '../metrics.js';
import { prepareActions } from './action-list.js';
import type { FlowEvents } from './events.js';
import { now, type FlowRecord } from './model.js';
import { toWireFlow } from './projection.js';
import { PatternIndex } from './pattern-index.js';
import { bestMatch, captureVariables, checkPatterns } from './routing.js';

export interface FlowServiceOptions {
  repository: FlowRepository;
  cache: FlowCache;
  events: FlowEvents;
  metrics: FlowMetrics;
  /** Persisted flows one account may keep. */
  maxFlowsPerAccount: number;
}

/**
 * Flows: voipbin action lists and Kazoo callflows (compiled into the same actions), the
 * numbers and patterns they answer, and the lookup from a dialled number to its flow.
 */
export class FlowService implements FlowSource {
  private readonly patterns: PatternIndex;

  constructor(private readonly options: FlowServiceOptions) {
    this.patterns = new PatternIndex(options.repository);
  }

  async create(body: CreateFlowBody): Promise<FlowRecord> {
    const { repository, metrics, maxFlowsPerAccount } = this.options;
    const accountId = body.account_id ?? '';
    const persist = body.persist ?? true;
    if (persist && (await repository.countForAccount(accountId)) >= maxFlowsPerAccount) {
      metrics.limitsHit.inc({ limit: 'flows_per_account' });
      throw VoipError.exhausted(`account ${JSON.stringify(accountId)} already has ${maxFlowsPerAccount} flows (-max_flows_per_account)`, 'FLOW_LIMIT');
    }
    const { type, actions, tree } = this.actionsOf(body.actions, body.flow);
    const numbers = unique(body.numbers ?? []);
    const patterns = unique(body.patterns ?? []);
    checkPatterns(patterns, 'patterns');
    const flow: FlowRecord = {
      id: body.id ?? randomUUID(),
      account_id: accountId,
      type,
      name: body.name ?? '',
      detail: body.detail ?? '',
      persist,
      webhook_uri: body.webhook_uri ?? '',
      on_complete_flow_id: body.on_complete_flow_id ?? '',
      actions,
      numbers,
      patterns,
      tm_create: now(),
      tm_update: null,
      tm_delete: null,
    };
    if (tree !== undefined) flow.flow = tree;
    if (body.featurecode) flow.featurecode = body.featurecode;
    await this.checkClaims(flow);
    try {
      await repository.insert(flow, this.options.events.flow('flow_created', flow));
    } catch (error) {
      if (isDuplicateKey(error)) throw VoipError.alreadyExists(`flow ${flow.id}, or one of its numbers or patterns, already exists`);
      throw error;
    }
    await this.options.cache.put(flow);
    metrics.flowChanges.inc({ operation: 'create' });
    this.options.events.flowsCommitted();
    return flow;
  }

  /** A flow for connect's outgoing legs: not listed, not counted against the account. */
  async createTemporary(accountId: string, drafts: ActionDraft[]): Promise<FlowRecord> {
    return this.create({ account_id: accountId, persist: false, name: 'connect legs', actions: drafts });
  }

  /** The flow, soft-deleted or not; 404 when it never existed. */
  async get(id: string): Promise<FlowRecord> {
    const flow = (await this.options.cache.get(id)) ?? (await this.load(id));
    if (!flow) throw VoipError.notFound(`no flow ${id}`);
    return flow;
  }

  async findRunnable(id: string): Promise<FlowRecord | undefined> {
    const flow = (await this.options.cache.get(id)) ?? (await this.load(id));
    return flow && flow.tm_delete === null ? flow : undefined;
  }

  private async load(id: string): Promise<FlowRecord | undefined> {
    const flow = await this.options.repository.get(id);
    if (flow) await this.options.cache.put(flow);
    return flow;
  }

  list(filters: FlowFilters, page: Page) {
    return this.options.repository.list(filters, page);
  }

  async update(id: string, body: UpdateFlowBody): Promise<FlowRecord> {
    const current = await this.get(id);
    if (current.tm_delete !== null) throw VoipError.notFound(`flow ${id} was deleted`);
    if (body.account_id !== undefined && body.account_id !== current.account_id) throw VoipError.invalidArgument('account_id', 'a flow cannot move to another account');
    const next: FlowRecord = { ...current, tm_update: now() };
    if (body.name !== undefined) next.name = body.name;
    if (body.detail !== undefined) next.detail = body.detail;
    if (body.persist !== undefined) next.persist = body.persist;
    if (body.webhook_uri !== undefined) next.webhook_uri = body.webhook_uri;
    if (body.on_complete_flow_id !== undefined) next.on_complete_flow_id = body.on_complete_flow_id;
    if (body.actions !== undefined || body.flow !== undefined) {
      const { type, actions, tree } = this.actionsOf(body.actions, body.flow);
      next.type = type;
      next.actions = actions;
      if (tree !== undefined) next.flow = tree;
      else delete next.flow;
    }
    if (body.numbers !== undefined) next.numbers = unique(body.numbers);
    if (body.featurecode === null) delete next.featurecode;
    else if (body.featurecode !== undefined) next.featurecode = body.featurecode;
    if (body.patterns !== undefined) {
      next.patterns = unique(body.patterns);
      checkPatterns(next.patterns, 'patterns');
    }
    return this.save(next, 'update');
  }

  async updateActions(id: string, drafts: ActionDraft[]): Promise<FlowRecord> {
    const current = await this.get(id);
    if (current.tm_delete !== null) throw VoipError.notFound(`flow ${id} was deleted`);
    const next: FlowRecord = { ...current, type: 'flow', actions: prepareActions(drafts, 'actions'), tm_update: now() };
    delete next.flow;
    return this.save(next, 'update');
  }

  private async save(flow: FlowRecord, operation: 'update'): Promise<FlowRecord> {
    await this.checkClaims(flow);
    try {
      await this.options.repository.update(flow, this.options.events.flow('flow_updated', flow));
    } catch (error) {
      if (isDuplicateKey(error)) throw VoipError.alreadyExists('one of the flow\'s numbers or patterns is already routed to another flow');
      throw error;
    }
    await this.options.cache.put(flow);
    this.options.metrics.flowChanges.inc({ operation });
    this.options.events.flowsCommitted();
    return flow;
  }

  async delete(id: string): Promise<FlowRecord> {
    const current = await this.get(id);
    if (current.tm_delete !== null) return current;
    const at = now();
    const deleted: FlowRecord = { ...current, tm_delete: at, tm_update: at };
    await this.options.repository.softDelete(id, at, this.options.events.flow('flow_deleted', deleted));
    await this.options.cache.put(deleted);
    this.options.metrics.flowChanges.inc({ operation: 'delete' });
    this.options.events.flowsCommitted();
    return deleted;
  }

  /** The flow a dialled number reaches: the exact number first, then the longest pattern match. */
  async route(number: string): Promise<RouteReply> {
    const { repository } = this.options;
    const exact = await repository.flowForNumber(number);
    if (exact !== undefined) {
      const flow = await this.findRunnable(exact);
      if (flow) return routeReply(number, flow, 'number', undefined);
    }
    const match = bestMatch(number, await this.patterns.patterns());
    if (match) {
      const flow = await this.findRunnable(match.flowId);
      if (flow) return routeReply(number, flow, 'pattern', match);
    }
    throw VoipError.notFound(`no flow answers ${number}`, 'NO_ROUTE');
  }

  /** A 409 naming the number or pattern another flow already answers. */
  private async checkClaims(flow: FlowRecord): Promise<void> {
    const { repository } = this.options;
    const taken = (await repository.numberOwners(flow.numbers)).find((owner) => owner.flow_id !== flow.id);
    if (taken) throw VoipError.alreadyExists(`number ${taken.num} already routes to flow ${taken.flow_id}`, 'NUMBER_IN_USE');
    const pattern = (await repository.patternOwners(flow.patterns)).find((owner) => owner.flow_id !== flow.id);
    if (pattern) throw VoipError.alreadyExists(`pattern ${pattern.pattern} already routes to flow ${pattern.flow_id}`, 'PATTERN_IN_USE');
  }

  private actionsOf(drafts: ActionDraft[] | undefined, tree: CreateFlowBody['flow']): { type: 'flow' | 'callflow'; actions: FlowRecord['actions']; tree: CreateFlowBody['flow'] } {
    if (drafts !== undefined && tree !== undefined) throw VoipError.invalidArgument('flow', 'give actions or a callflow tree (flow), not both');
    if (tree !== undefined) return { type: 'callflow', actions: compileCallflow(tree), tree };
    return { type: 'flow', actions: prepareActions(drafts ?? [], 'actions'), tree: undefined };
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function routeReply(number: string, flow: FlowRecord, kind: 'number' | 'pattern', match: ReturnType<typeof bestMatch>): RouteReply {
  const reply: RouteReply = {
    flow_id: flow.id,
    account_id: flow.account_id,
    number,
    match: kind,
    captures: match?.captures ?? [],
    named_captures: match?.named ?? {},
    variables: captureVariables(number, match),
    flow: toWireFlow(flow),
  };
  if (match) reply.pattern = match.pattern;
  return reply;
}
