import { accountCallerId } from './account_caller_id.js';
import { branch } from './branch.js';
import { callSettingsUpdate } from './call_settings_update.js';
import { callerIdLookup } from './caller_id_lookup.js';
import { conditionDatetime } from './condition_datetime.js';
import { conditionRegex } from './condition_regex.js';
import { conditionVariable } from './condition_variable.js';
import { connect } from './connect.js';
import { directorySearch } from './directory_search.js';
import { fetch, patch } from './fetch.js';
import { fetchFlow, patchFlow } from './fetch_flow.js';
import { goto } from './goto.js';
import { hotdeskUpdate } from './hotdesk_update.js';
import { listMatch } from './list_match.js';
import { handlerTable } from './media.js';
import { pivot } from './pivot.js';
import { routeLookup } from './route_lookup.js';
import { sleep } from './sleep.js';
import { stop } from './stop.js';
import { temporalMatch, temporalRulesUpdate } from './temporal.js';
import type { FlowActionHandlers, WithoutCallHandlers } from './types.js';
import { variableSet } from './variable_set.js';
import { webhookSend } from './webhook_send.js';

/**
 * The handler of every type the catalog says flow-manager runs: the compiler refuses a
 * flow-level type without one, and a media type with one.
 */
export const flowActionHandlers = {
  account_caller_id: accountCallerId,
  branch,
  call_settings_update: callSettingsUpdate,
  caller_id_lookup: callerIdLookup,
  condition_datetime: conditionDatetime,
  condition_regex: conditionRegex,
  condition_variable: conditionVariable,
  connect,
  directory_search: directorySearch,
  fetch,
  fetch_flow: fetchFlow,
  goto,
  hotdesk_update: hotdeskUpdate,
  list_match: listMatch,
  patch,
  patch_flow: patchFlow,
  pivot,
  route_lookup: routeLookup,
  stop,
  temporal_match: temporalMatch,
  temporal_rules_update: temporalRulesUpdate,
  variable_set: variableSet,
  webhook_send: webhookSend,
} satisfies FlowActionHandlers;

/** The media actions that mean something in a run without a call. */
export const withoutCallHandlers = { sleep } satisfies WithoutCallHandlers;

/** What the engine looks every action up in. */
export const actionHandlers = handlerTable(flowActionHandlers, withoutCallHandlers);

export * from './types.js';
