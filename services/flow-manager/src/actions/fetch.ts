import { VoipError } from '@voxmesh/wire';
import { readAction, type ActionDraft } from '../contract.js';
import { CONTINUE, type ActionContext, type ActionHandler } from './types.js';

/** The variables a fetch leaves behind, so a flow can branch on how it went. */
export const FETCH_STATUS = 'voipbin.fetch.status';
export const FETCH_ERROR = 'voipbin.fetch.error';

/**
 * `fetch`: asks the customer's server what to do next. The request carries the
 * activeflow's id, reference and variables and waits at most the option's `timeout_ms`
 * capped by `-fetch_timeout_ms`. A JSON array of actions (or `{"actions": [...]}`) is
 * validated, given ids and pushed, so it runs next and the flow then continues after
 * the fetch.
 *
 * The fallback, on a timeout, a network error, an HTTP status other than 2xx, a body
 * that is not JSON or actions that do not validate: nothing is pushed, the flow goes on
 * with the action after the fetch, `voipbin.fetch.status` says which of `timeout`,
 * `network_error`, `refused` (a private address), `http_error`, `bad_json`, `too_large`
 * or `invalid_actions` happened
 * (`ok` on success) with the detail in `voipbin.fetch.error`, and the failure is
 * recorded on the activeflow.
 */
export const fetch: ActionHandler<'fetch'> = { run: runFetch };

/** `patch`: the seed's name of `fetch`. */
export const patch: ActionHandler<'patch'> = { run: runFetch };

export async function runFetch(context: ActionContext<'fetch'> | ActionContext<'patch'>): Promise<typeof CONTINUE> {
  const option = context.action.option;
  const { state, deps } = context;
  const remaining = context.deadline - Date.now();
  const timeoutMs = Math.max(1, Math.min(option.timeout_ms ?? deps.settings.fetchTimeoutMs, deps.settings.fetchTimeoutMs, remaining));
  const result = await deps.fetcher.fetch({
    url: option.event_url,
    method: option.event_method ?? 'POST',
    timeoutMs,
    payload: {
      activeflow_id: state.id,
      flow_id: state.flow_id,
      account_id: state.account_id,
      reference_type: state.reference_type,
      reference_id: state.reference_id,
      current_action_id: context.action.id,
      variables: state.variables,
    },
  });
  const failed = (status: string, message: string) => {
    context.setVariable(FETCH_STATUS, status);
    context.setVariable(FETCH_ERROR, message);
    context.fail(`FETCH_${status.toUpperCase()}`, `fetch ${option.event_url}: ${message}`);
    return CONTINUE;
  };
  if (!result.ok) return failed(result.status, result.message);
  const list = Array.isArray(result.body) ? result.body : (result.body as { actions?: unknown } | null)?.actions;
  if (!Array.isArray(list)) return failed('invalid_actions', 'the answer is neither an array of actions nor {"actions": [...]}');
  const drafts: ActionDraft[] = [];
  for (const [index, raw] of list.entries()) {
    const read = readAction(raw);
    if (!read.ok) return failed('invalid_actions', `actions.${[index, ...read.issue.path].join('.')}: ${read.issue.message}`);
    drafts.push(read.action);
  }
  try {
    context.push(drafts, 'actions');
  } catch (error) {
    if (error instanceof VoipError && error.status !== 'INTERNAL') {
      return failed(error.reason === 'STACK_DEPTH_LIMIT' ? 'stack_depth_limit' : 'invalid_actions', error.message);
    }
    throw error;
  }
  context.setVariable(FETCH_STATUS, 'ok');
  context.setVariable(FETCH_ERROR, '');
  return CONTINUE;
}
