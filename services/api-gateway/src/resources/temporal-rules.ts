import { z } from 'zod';
import { flowManager } from '@voxmesh/contracts';
import { VoipError } from '@voxmesh/wire';
import type { ApiContext, ApiReply } from '../http/types.js';
import type { Clients } from '../remote/clients.js';

/** PATCH bodies: any of the fields, merged over the stored document and checked whole. */
export const temporalRulePatchSchema = z.looseObject({});
export const temporalRuleSetPatchSchema = z.looseObject({});

type Kind = 'rules' | 'sets';

/** The routes of each kind, so one resource serves both. */
const ROUTES = {
  rules: { list: 'listTemporalRules', create: 'createTemporalRule', get: 'getTemporalRule', update: 'updateTemporalRule', delete: 'deleteTemporalRule', input: flowManager.temporalRuleInputSchema },
  sets: { list: 'listTemporalRuleSets', create: 'createTemporalRuleSet', get: 'getTemporalRuleSet', update: 'updateTemporalRuleSet', delete: 'deleteTemporalRuleSet', input: flowManager.temporalRuleSetInputSchema },
} as const;

/**
 * Kazoo's temporal rules and rule sets (`applications/crossbar/doc/temporal_rules.md`,
 * `temporal_rules_sets.md`), kept by flow-manager, which reads them when a call reaches
 * a temporal_route node. PATCH merges the given fields over the stored document.
 */
export class TemporalRulesResource {
  constructor(private readonly clients: Clients) {}

  private options(context: ApiContext) {
    return { requestId: context.requestId };
  }

  private params(context: ApiContext, param: string) {
    return { account_id: context.params.account_id!, id: context.params[param]! };
  }

  async list(context: ApiContext, kind: Kind): Promise<ApiReply> {
    return { data: await this.clients.flows.call(ROUTES[kind].list, { params: { account_id: context.params.account_id! } }, this.options(context)) };
  }

  async create(context: ApiContext, kind: Kind): Promise<ApiReply> {
    const params = { account_id: context.params.account_id! };
    if (kind === 'rules') return { data: await this.clients.flows.call('createTemporalRule', { params, body: context.body as flowManager.TemporalRuleInput }, this.options(context)) };
    return { data: await this.clients.flows.call('createTemporalRuleSet', { params, body: context.body as flowManager.TemporalRuleSetInput }, this.options(context)) };
  }

  async get(context: ApiContext, kind: Kind, param: string): Promise<ApiReply> {
    return { data: await this.clients.flows.call(ROUTES[kind].get, { params: this.params(context, param) }, this.options(context)) };
  }

  async replace(context: ApiContext, kind: Kind, param: string): Promise<ApiReply> {
    return { data: await this.write(context, kind, param, context.body as Record<string, unknown>) };
  }

  async patch(context: ApiContext, kind: Kind, param: string): Promise<ApiReply> {
    const { id: _id, ...stored } = (await this.clients.flows.call(ROUTES[kind].get, { params: this.params(context, param) }, this.options(context))) as Record<string, unknown>;
    const merged = ROUTES[kind].input.safeParse({ ...stored, ...(context.body as Record<string, unknown>) });
    if (!merged.success) {
      const issue = merged.error.issues[0]!;
      throw VoipError.invalidArgument(issue.path.map(String).join('.'), issue.message);
    }
    return { data: await this.write(context, kind, param, merged.data) };
  }

  async delete(context: ApiContext, kind: Kind, param: string): Promise<ApiReply> {
    return { data: await this.clients.flows.call(ROUTES[kind].delete, { params: this.params(context, param) }, this.options(context)) };
  }

  private async write(context: ApiContext, kind: Kind, param: string, body: Record<string, unknown>): Promise<unknown> {
    const params = this.params(context, param);
    if (kind === 'rules') return this.clients.flows.call('updateTemporalRule', { params, body: body as flowManager.TemporalRuleInput }, this.options(context));
    return this.clients.flows.call('updateTemporalRuleSet', { params, body: body as flowManager.TemporalRuleSetInput }, this.options(context));
  }
}
