import type { RouteHandlers } from '@voxmesh/mesh';
import { VoipError } from '@voxmesh/wire';
import type { FlowManagerRoutes } from '../contract.js';
import type { flowManager } from '@voxmesh/contracts';
import { DEFAULT_PAGE_SIZE } from '@voxmesh/store';
import type { ActiveflowService } from '../domain/activeflows.js';
import type { FlowService } from '../domain/flows.js';
import type { ListService } from '../domain/lists.js';
import type { TemporalService } from '../domain/temporal.js';
import { metaflowKey, type MetaflowService } from '../domain/metaflows.js';
import type { PivotDebugRepository } from '../db/pivot-debug-repository.js';
import { toSeedAction, toWireActiveflow, toWireFlow } from '../domain/projection.js';

export interface ListenDeps {
  flows: FlowService;
  activeflows: ActiveflowService;
  metaflows: MetaflowService;
  pivotDebug: PivotDebugRepository;
  lists: ListService;
  temporal: TemporalService;
}

type TemporalRuleInput = flowManager.TemporalRuleInput;
type TemporalRuleSetInput = flowManager.TemporalRuleSetInput;
type DirectoryInput = flowManager.DirectoryInput;

function page(query: { page_size?: number | undefined; page_token?: string | undefined }) {
  return { size: query.page_size ?? DEFAULT_PAGE_SIZE, token: query.page_token };
}

/**
 * The RPC handlers: one per route of the contract (a missing one does not compile).
 * They only translate between the wire and the domain; the domain throws VoipErrors.
 */
export function createHandlers({ flows, activeflows, metaflows, pivotDebug, lists, temporal }: ListenDeps): RouteHandlers<FlowManagerRoutes> {
  return {
    createFlow: async ({ body }) => toWireFlow(await flows.create(body)),
    listFlows: async ({ query, body }) => {
      const found = await flows.list(body, page(query));
      return { result: found.result.map(toWireFlow), next_page_token: found.next_page_token };
    },
    getFlow: async ({ params }) => toWireFlow(await flows.get(params.id)),
    updateFlow: async ({ params, body }) => toWireFlow(await flows.update(params.id, body)),
    deleteFlow: async ({ params }) => toWireFlow(await flows.delete(params.id)),
    getFlowActions: async ({ params }) => {
      const flow = await flows.get(params.id);
      return flow.actions.map((_action, index) => toSeedAction(flow, index));
    },
    updateFlowActions: async ({ params, body }) => toWireFlow(await flows.updateActions(params.id, body.actions)),
    getFlowAction: async ({ params }) => {
      const flow = await flows.get(params.id);
      const index = flow.actions.findIndex((action) => action.id === params.action_id);
      if (index < 0) throw VoipError.notFound(`flow ${params.id} has no action ${params.action_id}`);
      return toSeedAction(flow, index);
    },

    route: async ({ query }) => flows.route(query.number),

    createActiveflow: async ({ body }) => toWireActiveflow(await activeflows.create(body)),
    listActiveflows: async ({ query, body }) => {
      const found = await activeflows.list(body, page(query));
      return { result: found.result.map(toWireActiveflow), next_page_token: found.next_page_token };
    },
    getActiveflow: async ({ params }) => toWireActiveflow(await activeflows.get(params.id)),
    deleteActiveflow: async ({ params }, context) => toWireActiveflow(await activeflows.delete(params.id, context.deadline)),
    nextAction: async ({ params, body }, context) => activeflows.next(params.id, emptyToUndefined(body.current_action_id), context.deadline),
    forwardAction: async ({ params, body }, context) =>
      toWireActiveflow(await activeflows.forward(params.id, body.forward_action_id, body.forward_now === true, context.deadline)),
    executeActiveflow: async ({ params, body }) => toWireActiveflow(await activeflows.execute(params.id, emptyToUndefined(body.current_action_id))),
    stopActiveflow: async ({ params }, context) => toWireActiveflow(await activeflows.stop(params.id, context.deadline)),
    pushActions: async ({ params, body }, context) => toWireActiveflow(await activeflows.push(params.id, body.actions, context.deadline)),

    getVariables: async ({ params }) => ({ id: params.id, variables: await activeflows.variables(params.id) }),
    setVariables: async ({ params, body }, context) => ({ id: params.id, variables: await activeflows.setVariables(params.id, body.variables, context.deadline) }),
    deleteVariable: async ({ params }, context) => ({ id: params.id, variables: await activeflows.deleteVariable(params.id, params.key, context.deadline) }),

    getAccountMetaflows: async ({ params }) => metaflows.get(metaflowKey(params)),
    putAccountMetaflows: async ({ params, body }) => metaflows.put(metaflowKey(params), body),
    deleteAccountMetaflows: async ({ params }) => metaflows.delete(metaflowKey(params)),
    getOwnerMetaflows: async ({ params }) => metaflows.get(metaflowKey(params)),
    putOwnerMetaflows: async ({ params, body }) => metaflows.put(metaflowKey(params), body),
    deleteOwnerMetaflows: async ({ params }) => metaflows.delete(metaflowKey(params)),
    listPivotDebugCalls: async ({ params, query }) => {
      const size = query.page_size ?? DEFAULT_PAGE_SIZE;
      const offset = Number(query.page_token ?? '0');
      const calls = await pivotDebug.calls(params.account_id, { limit: size, offset });
      return { result: calls, next_page_token: calls.length === size ? String(offset + size) : '' };
    },
    // A call with no records (never debugged, or past retention) is an empty log, as Kazoo answers.
    getPivotDebugCall: async ({ params }) => ({ result: await pivotDebug.exchanges(params.account_id, params.call_id) }),

    listLists: async ({ params }) => lists.lists(params.account_id),
    createList: async ({ params, body }) => lists.create(params.account_id, body),
    getList: async ({ params }) => lists.get(params.account_id, params.list_id),
    updateList: async ({ params, body }) => lists.update(params.account_id, params.list_id, body),
    deleteList: async ({ params }) => lists.delete(params.account_id, params.list_id),
    listListEntries: async ({ params }) => lists.entries(params.account_id, params.list_id),
    createListEntry: async ({ params, body }) => lists.addEntry(params.account_id, params.list_id, body),
    deleteListEntries: async ({ params }) => lists.deleteEntries(params.account_id, params.list_id),
    getListEntry: async ({ params }) => lists.entry(params.account_id, params.list_id, params.entry_id),
    updateListEntry: async ({ params, body }) => lists.updateEntry(params.account_id, params.list_id, params.entry_id, body),
    deleteListEntry: async ({ params }) => lists.deleteEntry(params.account_id, params.list_id, params.entry_id),

    listTemporalRules: async ({ params }) => temporal.all<TemporalRuleInput>(params.account_id, 'temporal_rules'),
    createTemporalRule: async ({ params, body }) => temporal.create<TemporalRuleInput>(params.account_id, 'temporal_rules', body),
    getTemporalRule: async ({ params }) => temporal.get<TemporalRuleInput>(params.account_id, 'temporal_rules', params.id),
    updateTemporalRule: async ({ params, body }) => temporal.update<TemporalRuleInput>(params.account_id, 'temporal_rules', params.id, body),
    deleteTemporalRule: async ({ params }) => temporal.delete<TemporalRuleInput>(params.account_id, 'temporal_rules', params.id),
    listTemporalRuleSets: async ({ params }) => temporal.all<TemporalRuleSetInput>(params.account_id, 'temporal_rules_sets'),
    createTemporalRuleSet: async ({ params, body }) => temporal.create<TemporalRuleSetInput>(params.account_id, 'temporal_rules_sets', body),
    getTemporalRuleSet: async ({ params }) => temporal.get<TemporalRuleSetInput>(params.account_id, 'temporal_rules_sets', params.id),
    updateTemporalRuleSet: async ({ params, body }) => temporal.update<TemporalRuleSetInput>(params.account_id, 'temporal_rules_sets', params.id, body),
    deleteTemporalRuleSet: async ({ params }) => temporal.delete<TemporalRuleSetInput>(params.account_id, 'temporal_rules_sets', params.id),

    // Directories are account documents of their own kind in the same store.
    listDirectories: async ({ params }) => temporal.all<DirectoryInput>(params.account_id, 'directories'),
    createDirectory: async ({ params, body }) => temporal.create<DirectoryInput>(params.account_id, 'directories', body),
    getDirectory: async ({ params }) => temporal.get<DirectoryInput>(params.account_id, 'directories', params.id),
    updateDirectory: async ({ params, body }) => temporal.update<DirectoryInput>(params.account_id, 'directories', params.id, body),
    deleteDirectory: async ({ params }) => temporal.delete<DirectoryInput>(params.account_id, 'directories', params.id),
  };
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
