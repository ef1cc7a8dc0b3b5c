import { z } from 'zod';
import { defineContract } from '@voxmesh/wire';
import { wireActionSchema } from './actions/index.js';
import {
  activeflowFiltersSchema,
  activeflowPageSchema,
  activeflowSchema,
  createActiveflowBodySchema,
  executeBodySchema,
  forwardBodySchema,
  nextBodySchema,
  pushActionsBodySchema,
  setVariablesBodySchema,
  variablesReplySchema,
} from './activeflow.js';
import {
  createFlowBodySchema,
  flowFiltersSchema,
  flowPageSchema,
  flowSchema,
  pageQuerySchema,
  routeQuerySchema,
  routeReplySchema,
  seedActionSchema,
  updateFlowActionsBodySchema,
  updateFlowBodySchema,
} from './flow.js';
import { deletedEntriesSchema, listEntryInputSchema, listEntrySchema, listInputSchema, listSchema } from './lists.js';
import { metaflowsSchema } from './metaflow.js';
import { pivotDebugCallsSchema, pivotDebugQuerySchema, pivotExchangesSchema } from './pivot-debug.js';

import { directoryInputSchema, directorySchema } from './directories.js';
import { temporalRuleInputSchema, temporalRuleSchema, temporalRuleSetInputSchema, temporalRuleSetSchema } from './temporal.js';

export * from './lists.js';
export * from './metaflow.js';
export * from './pivot-debug.js';
export * from './temporal.js';
export * from './directories.js';

/**
 * flow-manager's route table: its RPC server registers one handler per entry and every
 * client is derived from it. `next` may run fetches and RPCs of its own, so its callers
 * wait longer than the default 3 s.
 */
export const flowManagerContract = defineContract('flow-manager', {
  createFlow: { method: 'POST', path: '/v1/flows', body: createFlowBodySchema, reply: flowSchema },
  listFlows: { method: 'GET', path: '/v1/flows', query: pageQuerySchema, body: flowFiltersSchema, reply: flowPageSchema, timeoutMs: 30000 },
  getFlow: { method: 'GET', path: '/v1/flows/:id', reply: flowSchema },
  updateFlow: { method: 'PUT', path: '/v1/flows/:id', body: updateFlowBodySchema, reply: flowSchema },
  deleteFlow: { method: 'DELETE', path: '/v1/flows/:id', reply: flowSchema },
  getFlowActions: { method: 'GET', path: '/v1/flows/:id/actions', reply: z.array(seedActionSchema) },
  updateFlowActions: { method: 'PUT', path: '/v1/flows/:id/actions', body: updateFlowActionsBodySchema, reply: flowSchema },
  getFlowAction: { method: 'GET', path: '/v1/flows/:id/actions/:action_id', reply: seedActionSchema },

  route: { method: 'GET', path: '/v1/routes', query: routeQuerySchema, reply: routeReplySchema },

  createActiveflow: { method: 'POST', path: '/v1/activeflows', body: createActiveflowBodySchema, reply: activeflowSchema },
  listActiveflows: {
    method: 'GET',
    path: '/v1/activeflows',
    query: pageQuerySchema,
    body: activeflowFiltersSchema,
    reply: activeflowPageSchema,
    timeoutMs: 30000,
  },
  getActiveflow: { method: 'GET', path: '/v1/activeflows/:id', reply: activeflowSchema },
  deleteActiveflow: { method: 'DELETE', path: '/v1/activeflows/:id', reply: activeflowSchema },
  nextAction: { method: 'GET', path: '/v1/activeflows/:id/next', body: nextBodySchema, reply: wireActionSchema, timeoutMs: 30000 },
  forwardAction: { method: 'PUT', path: '/v1/activeflows/:id/forward_action_id', body: forwardBodySchema, reply: activeflowSchema },
  executeActiveflow: { method: 'POST', path: '/v1/activeflows/:id/execute', body: executeBodySchema, reply: activeflowSchema },
  stopActiveflow: { method: 'POST', path: '/v1/activeflows/:id/stop', reply: activeflowSchema },
  pushActions: { method: 'POST', path: '/v1/activeflows/:id/push_actions', body: pushActionsBodySchema, reply: activeflowSchema },

  getVariables: { method: 'GET', path: '/v1/activeflows/:id/variables', reply: variablesReplySchema },
  setVariables: { method: 'POST', path: '/v1/activeflows/:id/variables', body: setVariablesBodySchema, reply: variablesReplySchema },
  deleteVariable: { method: 'DELETE', path: '/v1/activeflows/:id/variables/:key', reply: variablesReplySchema },

  // Metaflow documents: the account's, and those of its users, devices and callflows
  // (`owner_type`). GET answers `{}` when none is stored; PUT replaces; DELETE removes and answers `{}`.
  getAccountMetaflows: { method: 'GET', path: '/v1/accounts/:account_id/metaflows', reply: metaflowsSchema },
  putAccountMetaflows: { method: 'PUT', path: '/v1/accounts/:account_id/metaflows', body: metaflowsSchema, reply: metaflowsSchema },
  deleteAccountMetaflows: { method: 'DELETE', path: '/v1/accounts/:account_id/metaflows', reply: metaflowsSchema },
  getOwnerMetaflows: { method: 'GET', path: '/v1/accounts/:account_id/:owner_type/:owner_id/metaflows', reply: metaflowsSchema },
  putOwnerMetaflows: { method: 'PUT', path: '/v1/accounts/:account_id/:owner_type/:owner_id/metaflows', body: metaflowsSchema, reply: metaflowsSchema },
  deleteOwnerMetaflows: { method: 'DELETE', path: '/v1/accounts/:account_id/:owner_type/:owner_id/metaflows', reply: metaflowsSchema },

  // Pivot's debug log: the calls a `debug: true` pivot asked about, and one call's exchanges in order
  listPivotDebugCalls: {
    method: 'GET',
    path: '/v1/accounts/:account_id/pivot/debug',
    summary: 'Calls with Pivot debug records, the most recent first.',
    query: pivotDebugQuerySchema,
    reply: pivotDebugCallsSchema,
  },
  getPivotDebugCall: { method: 'GET', path: '/v1/accounts/:account_id/pivot/debug/:call_id', summary: "One call's Pivot requests and answers, in order.", reply: pivotExchangesSchema },

  // Caller-id match lists (Kazoo's `lists`) and their entries, read by cidlistmatch.
  listLists: { method: 'GET', path: '/v1/accounts/:account_id/lists', reply: z.array(listSchema) },
  createList: { method: 'POST', path: '/v1/accounts/:account_id/lists', body: listInputSchema, reply: listSchema },
  getList: { method: 'GET', path: '/v1/accounts/:account_id/lists/:list_id', reply: listSchema },
  updateList: { method: 'PUT', path: '/v1/accounts/:account_id/lists/:list_id', body: listInputSchema, reply: listSchema },
  deleteList: { method: 'DELETE', path: '/v1/accounts/:account_id/lists/:list_id', reply: listSchema },
  listListEntries: { method: 'GET', path: '/v1/accounts/:account_id/lists/:list_id/entries', reply: z.array(listEntrySchema) },
  createListEntry: { method: 'POST', path: '/v1/accounts/:account_id/lists/:list_id/entries', body: listEntryInputSchema, reply: listEntrySchema },
  deleteListEntries: { method: 'DELETE', path: '/v1/accounts/:account_id/lists/:list_id/entries', reply: deletedEntriesSchema },
  getListEntry: { method: 'GET', path: '/v1/accounts/:account_id/lists/:list_id/entries/:entry_id', reply: listEntrySchema },
  updateListEntry: { method: 'PUT', path: '/v1/accounts/:account_id/lists/:list_id/entries/:entry_id', body: listEntryInputSchema, reply: listEntrySchema },
  deleteListEntry: { method: 'DELETE', path: '/v1/accounts/:account_id/lists/:list_id/entries/:entry_id', reply: listEntrySchema },

  // Kazoo's temporal rules and rule sets, read by temporal_route when a call gets there.
  listTemporalRules: { method: 'GET', path: '/v1/accounts/:account_id/temporal_rules', reply: z.array(temporalRuleSchema) },
  createTemporalRule: { method: 'POST', path: '/v1/accounts/:account_id/temporal_rules', body: temporalRuleInputSchema, reply: temporalRuleSchema },
  getTemporalRule: { method: 'GET', path: '/v1/accounts/:account_id/temporal_rules/:id', reply: temporalRuleSchema },
  updateTemporalRule: { method: 'PUT', path: '/v1/accounts/:account_id/temporal_rules/:id', body: temporalRuleInputSchema, reply: temporalRuleSchema },
  deleteTemporalRule: { method: 'DELETE', path: '/v1/accounts/:account_id/temporal_rules/:id', reply: temporalRuleSchema },
  listTemporalRuleSets: { method: 'GET', path: '/v1/accounts/:account_id/temporal_rules_sets', reply: z.array(temporalRuleSetSchema) },
  createTemporalRuleSet: { method: 'POST', path: '/v1/accounts/:account_id/temporal_rules_sets', body: temporalRuleSetInputSchema, reply: temporalRuleSetSchema },
  getTemporalRuleSet: { method: 'GET', path: '/v1/accounts/:account_id/temporal_rules_sets/:id', reply: temporalRuleSetSchema },
  updateTemporalRuleSet: { method: 'PUT', path: '/v1/accounts/:account_id/temporal_rules_sets/:id', body: temporalRuleSetInputSchema, reply: temporalRuleSetSchema },
  deleteTemporalRuleSet: { method: 'DELETE', path: '/v1/accounts/:account_id/temporal_rules_sets/:id', reply: temporalRuleSetSchema },

  // Kazoo's dial-by-name directories, read by the directory module when a call gets there.
  listDirectories: { method: 'GET', path: '/v1/accounts/:account_id/directories', reply: z.array(directorySchema) },
  createDirectory: { method: 'POST', path: '/v1/accounts/:account_id/directories', body: directoryInputSchema, reply: directorySchema },
  getDirectory: { method: 'GET', path: '/v1/accounts/:account_id/directories/:id', reply: directorySchema },
  updateDirectory: { method: 'PUT', path: '/v1/accounts/:account_id/directories/:id', body: directoryInputSchema, reply: directorySchema },
  deleteDirectory: { method: 'DELETE', path: '/v1/accounts/:account_id/directories/:id', reply: directorySchema },
});

export type FlowManagerRoutes = typeof flowManagerContract.routes;
