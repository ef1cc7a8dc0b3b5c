import { VoipError, emptyRecord } from '@voxmesh/wire';
import { callflowNodeSchema } from '../contract.js';
import { currentCallerId } from '../domain/caller-id.js';
import type { ActiveflowState } from '../domain/model.js';
import { compileCallflow } from '../kazoo/compiler.js';
import { FETCH_ERROR, FETCH_STATUS } from './fetch.js';
import { CONTINUE, type ActionContext, type ActionHandler, type FormValue } from './types.js';

/** Where `debug: true` keeps the last request and answer, as one JSON string. */
export const PIVOT_DEBUG = 'kazoo.pivot.debug';
/** The prefix collect_dtmf keeps its named collections under. */
const COLLECTED = 'kazoo.collected.';
/** How much of an answer a debug record keeps: enough to see what came back, bounded. */
const DEBUG_BODY_CHARS = 2048;

/**
 * `pivot`: Kazoo's Pivot. Sends the call's facts to the customer's `voice_url` and runs
 * the callflow it answers: a 2xx JSON body holding `{module, data, children}` (or a
 * callflow document with `flow`) is compiled like any Kazoo callflow and pushed, so it
 * runs next. A compiled callflow ends in a stop wherever it has nowhere to go, so the
 * answer takes the rest of the call, as Kazoo's pivot replaces the current flow.
 *
 * The request has fetch's limits (timeout capped by `-fetch_timeout_ms` and the step's
 * deadline, no redirects, no private addresses unless `-fetch_allow_private`). On a
 * failure (timeout, network error, refused address, non-2xx, a body that is not JSON or
 * not a valid callflow) nothing is pushed and the flow goes on after the pivot (the
 * `_` child), Kazoo's documented fallback, with `voipbin.fetch.status` / `.error` set
 * and the failure recorded on the activeflow. Kazoo itself hangs up on bad JSON; the
 * fallback is kinder and lets the callflow say what a broken server means.
 */
export const pivot: ActionHandler<'pivot'> = {
  async run(context) {
    const option = context.action.option;
    const { state, deps } = context;
    // Read tolerantly: a stored option written before it was read through its schema may say POST.
    const method = option.method?.toLowerCase() === 'post' ? 'POST' : 'GET';
    const fields = pivotRequestFields(state);
    const debug = (outcome: Record<string, unknown>) => {
      if (!option.debug) return;
      const record = { uri: option.voice_url, method, req_body_format: option.req_body_format ?? 'form', request: fields, ...outcome, tm: deps.now().toISOString() };
      context.setVariable(PIVOT_DEBUG, JSON.stringify(record));
    };
    const failed = (status: string, message: string) => {
      context.setVariable(FETCH_STATUS, status);
      context.setVariable(FETCH_ERROR, message);
      context.fail(`PIVOT_${status.toUpperCase()}`, `pivot ${option.voice_url}: ${message}`);
      debug({ status, error: message });
      return CONTINUE;
    };
    // `${...}` in the URL was substituted on the way in; what it became may not parse.
    if (!URL.canParse(option.voice_url)) return failed('invalid_url', 'voice_url is not a URL once its variables are filled in');
    const remaining = context.deadline - Date.now();
    const timeoutMs = Math.max(1, Math.min(option.req_timeout_ms ?? deps.settings.fetchTimeoutMs, deps.settings.fetchTimeoutMs, remaining));
    const result =
      method === 'POST' && option.req_body_format === 'json'
        ? await deps.fetcher.fetch({ url: option.voice_url, method, timeoutMs, encoding: 'json', payload: fields })
        : await deps.fetcher.fetch({ url: option.voice_url, method, timeoutMs, encoding: 'form', payload: fields });
    if (!result.ok) return failed(result.status, result.message);
    const node = callflowOf(result.body);
    const parsed = callflowNodeSchema.safeParse(node);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = ['flow', ...issue.path.map(String)].join('.');
      return failed('invalid_callflow', `the answer is not a callflow ({"module", "data", "children"} or {"flow": ...}): ${where}: ${issue.message}`);
    }
    let actions;
    try {
      actions = compileCallflow(parsed.data, 'flow');
      context.push(actions, 'option.voice_url');
    } catch (error) {
      if (error instanceof VoipError && error.status !== 'INTERNAL') {
        const detail = error.field !== undefined && !error.message.includes(error.field) ? `${error.field}: ${error.message}` : error.message;
        return failed(error.reason === 'STACK_DEPTH_LIMIT' ? 'stack_depth_limit' : 'invalid_callflow', detail);
      }
      throw error;
    }
    context.setVariable(FETCH_STATUS, 'ok');
    context.setVariable(FETCH_ERROR, '');
    debug({ status: 'ok', response: truncate(JSON.stringify(result.body)), actions: actions.length });
    return CONTINUE;
  },
};

/** The callflow in an answer: a bare node, a callflow document (`flow`), or either wrapped in crossbar's `data`. */
function callflowOf(body: unknown): unknown {
  const object = (value: unknown) => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);
  let top = object(body);
  if (top && top.module === undefined && top.flow === undefined && object(top.data)) top = object(top.data);
  if (top && top.module === undefined && object(top.flow)) return top.flow;
  return top ?? body;
}

function truncate(text: string): string {
  return text.length > DEBUG_BODY_CHARS ? `${text.slice(0, DEBUG_BODY_CHARS)}…` : text;
}

/**
 * Pivot's request fields in Kazoo's names, from what call-manager puts in the
 * activeflow's variables (`voipbin.call.*`) and what set_cid / prepend_cid /
 * collect_dtmf left there. Empty values are left out, as Kazoo does; a run without a
 * call still sends its reference as Call-ID so the server can tell runs apart.
 */
export function pivotRequestFields(state: Readonly<ActiveflowState>): Record<string, FormValue> {
  const v = state.variables;
  const get = (name: string) => v[name] ?? '';
  const first = (...values: string[]) => values.find((value) => value !== '') ?? '';
  const callId = first(get('voipbin.call.id'), state.reference_id, state.id);
  const to = get('voipbin.call.destination.target');
  const from = get('voipbin.call.source.target');
  const callerId = currentCallerId(v);
  const direction = get('voipbin.call.direction');
  const fields: Record<string, FormValue> = {
    'Call-ID': callId,
    Request: to,
    To: to,
    From: from,
    'Account-ID': first(state.account_id, get('voipbin.call.account_id')),
    'Caller-ID-Name': callerId.name,
    'Caller-ID-Number': callerId.number,
    'Api-Version': '4.x',
    // voipbin says incoming/outgoing; Kazoo says inbound/outbound.
    Direction: direction === 'incoming' ? 'inbound' : direction === 'outgoing' ? 'outbound' : direction,
    'User-ID': get('voipbin.call.owner_id'),
  };
  const digits = emptyRecord<string>();
  for (const [key, value] of Object.entries(v)) {
    if (key.startsWith(COLLECTED) && value !== '') digits[key.slice(COLLECTED.length)] = value;
  }
  // Kazoo sends the named collections as Digits[name]=1234; without any, the last digits pressed.
  if (Object.keys(digits).length > 0) fields.Digits = digits;
  else fields.Digits = get('voipbin.call.digits');
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ''));
}
