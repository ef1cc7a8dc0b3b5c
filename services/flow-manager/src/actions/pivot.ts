import type { ActiveflowState } from '../domain/model.js';
import { readAnswer, type ReadAnswer } from '../pivot/answer.js';
import { PIVOT_CDR_DEBUG, PIVOT_CDR_URL } from '../pivot/cdr.js';
import { connectionPlan, type RetryCause } from '../pivot/connection.js';
import { DIAL_CALL_ID, DIAL_DURATION, DIAL_STATUS, pivotRequestFields, twimlRequestFields } from '../pivot/fields.js';
import { buildPivotRequest, exchangeOf, type BuiltRequest } from '../pivot/request.js';
import { FETCH_ERROR, FETCH_STATUS } from './fetch.js';
import { CONTINUE, type ActionContext, type ActionHandler, type FormValue, type HttpExchange, type PivotExchangeRecord } from './types.js';

export { pivotRequestFields, twimlRequestFields };

/** Where `debug: true` keeps the last request and answer, as one JSON string. */
export const PIVOT_DEBUG = 'kazoo.pivot.debug';
/** How much of an answer a debug record keeps: enough to see what came back, bounded. */
const DEBUG_BODY_CHARS = 2048;
/** How long the account's secret may take to come; past it the request goes unsigned. */
const SECRET_WAIT_MS = 500;
/** The flag that lets Pivot reach this machine and private networks. */
const ALLOW_PRIVATE_FLAG = '-fetch_allow_private';

type Failure = { status: string; message: string };
type Asked = { ok: true; answer: Extract<ReadAnswer, { ok: true }>; url: string } | { ok: false; failure: Failure };

/**
 * `pivot`: Kazoo's Pivot. Sends the call's facts (Kazoo's names, or Twilio's with
 * `req_format: twiml`) to the customer's `voice_url`, signed with the account's secret,
 * and runs what it answers in place of the rest of the flow: a Kazoo callflow, a voipbin
 * action list or TwiML, by the answer's Content-Type.
 *
 * The request has fetch's limits (timeout capped by `-fetch_timeout_ms` and the step's
 * deadline, no redirects, no private addresses unless `-fetch_allow_private`), tuned by
 * Twilio's `#ct= #rt= #rc= #rp=` overrides in the URL's fragment. When it fails (timeout,
 * network error, refused address, non-2xx, a body that does not parse or validate, an
 * unknown Content-Type) `fallback_url` is asked, then the flow goes on after the pivot
 * (the `_` child), Kazoo's documented fallback, with `voipbin.fetch.status` / `.error`
 * set and the failure recorded on the activeflow. A call kept waiting past
 * `-pivot_watchdog_ms` in all is ended, with the reason recorded.
 */
export const pivot: ActionHandler<'pivot'> = {
  async run(context) {
    const option = context.action.option;
    const { state, deps } = context;
    const started = Date.now();
    const watchdogAt = started + deps.settings.pivotWatchdogMs;
    const format = option.req_format ?? 'kazoo';
    // Read tolerantly: a stored option written before it was read through its schema may say POST.
    const method = option.method?.toLowerCase() === 'post' ? 'POST' : 'GET';
    const fields = format === 'twiml' ? twimlRequestFields(state) : pivotRequestFields(state);
    // Twilio tells a Dial's outcome to its `action` only; the next request goes without it.
    for (const key of [DIAL_STATUS, DIAL_CALL_ID, DIAL_DURATION]) if ((state.variables[key] ?? '') !== '') context.setVariable(key, '');
    const exchanges: PivotExchangeRecord[] = [];
    // Kazoo posts the call's CDR there once the call is over (see pivot/cdr.ts).
    if (option.cdr_url !== undefined) {
      context.setVariable(PIVOT_CDR_URL, option.cdr_url);
      context.setVariable(PIVOT_CDR_DEBUG, option.debug === true ? 'true' : '');
    }
    const secret = await secretOf(context, Math.min(SECRET_WAIT_MS, Math.max(1, context.deadline - Date.now())));

    const ask = async (voiceUrl: string): Promise<Asked> => {
      // `${...}` in the URL was substituted on the way in; what it became may not parse.
      if (!URL.canParse(voiceUrl) || !/^https?:/i.test(voiceUrl)) return { ok: false, failure: { status: 'invalid_url', message: `${voiceUrl} is not an http(s) URL once its variables are filled in` } };
      const budget = Math.min(option.req_timeout_ms ?? deps.settings.fetchTimeoutMs, deps.settings.fetchTimeoutMs);
      const plan = connectionPlan(voiceUrl, budget);
      const request = buildPivotRequest({ url: plan.url, method, bodyFormat: option.req_body_format ?? 'form', format, fields, secret });
      const until = Math.min(Date.now() + plan.totalMs, context.deadline, watchdogAt);
      let failure: Failure = { status: 'timeout', message: `no answer within ${plan.totalMs} ms` };
      for (let attempt = 0; attempt <= plan.retries; attempt++) {
        const left = until - Date.now();
        if (left <= 0) break;
        const timeoutMs = Math.max(1, Math.min(plan.readTimeoutMs, left));
        const began = Date.now();
        const result = await deps.fetcher.exchange(exchangeOf(request, Math.min(plan.connectTimeoutMs, timeoutMs), timeoutMs));
        const read = result.ok ? readAnswer(result.status, result.headers['content-type'] ?? '', result.body, { url: plan.url, debug: option.debug, req_timeout_ms: option.req_timeout_ms }) : undefined;
        const outcome: Failure | undefined = !result.ok ? { status: result.status, message: refusalHint(result) } : read!.ok ? undefined : { status: read!.status, message: read!.message };
        exchanges.push(recordOf(state, request, fields, result, outcome, Date.now() - began, deps.now()));
        if (read?.ok) return { ok: true, answer: read, url: plan.url };
        failure = outcome!;
        const cause = retryCause(result);
        if (cause === undefined || !plan.retryOn.has(cause)) break;
      }
      return { ok: false, failure };
    };

    let failure: Failure | undefined;
    for (const url of [option.voice_url, option.fallback_url]) {
      if (url === undefined) continue;
      const asked = await ask(url);
      if (asked.ok) {
        context.push(asked.answer.actions, url === option.voice_url ? 'option.voice_url' : 'option.fallback_url');
        context.setVariable(FETCH_STATUS, 'ok');
        context.setVariable(FETCH_ERROR, '');
        keepDebug(context, exchanges, { uri: asked.url, method, status: 'ok', format: asked.answer.format, actions: asked.answer.actions.length });
        return CONTINUE;
      }
      failure = asked.failure;
      if (Date.now() >= watchdogAt) break;
    }
    const last = failure ?? { status: 'invalid_url', message: 'no voice_url' };
    context.setVariable(FETCH_STATUS, last.status);
    context.setVariable(FETCH_ERROR, last.message);
    keepDebug(context, exchanges, { uri: option.voice_url, method, status: last.status, error: last.message });
    if (Date.now() >= watchdogAt) {
      context.fail('PIVOT_WATCHDOG', `pivot ${option.voice_url}: the call waited ${Date.now() - started} ms, past the ${deps.settings.pivotWatchdogMs} ms watchdog (-pivot_watchdog_ms); last: ${last.message}`);
      return { kind: 'finish', reason: 'pivot_watchdog' };
    }
    context.fail(`PIVOT_${last.status.toUpperCase()}`, `pivot ${option.voice_url}: ${last.message}`);
    return CONTINUE;
  },
};

async function secretOf(context: ActionContext<'pivot'>, waitMs: number): Promise<string | undefined> {
  const accountId = context.state.account_id || (context.state.variables['voipbin.call.account_id'] ?? '');
  if (accountId === '') return undefined;
  try {
    return await context.deps.secrets.webhookSecret(accountId, waitMs);
  } catch (error) {
    context.deps.logger.warn({ account_id: accountId, err: error instanceof Error ? error.message : String(error) }, 'pivot request goes unsigned: the account secret did not come');
    return undefined;
  }
}

/** What Twilio's retry policy calls the failure, when it is one a retry may help. */
function retryCause(result: HttpExchange): RetryCause | undefined {
  if (!result.ok) return result.status === 'connect_timeout' || result.status === 'network_error' ? 'ct' : result.status === 'timeout' ? 'rt' : undefined;
  if (result.status >= 500) return '5xx';
  if (result.status >= 400) return '4xx';
  return undefined;
}

/** A refusal names the flag that lifts it, so whoever set up the callflow knows what to change. */
function refusalHint(result: Extract<HttpExchange, { ok: false }>): string {
  return result.status === 'refused' ? `${result.message}; start flow-manager with ${ALLOW_PRIVATE_FLAG} to allow it` : result.message;
}

function recordOf(
  state: Readonly<ActiveflowState>,
  request: BuiltRequest,
  fields: Record<string, FormValue>,
  result: HttpExchange,
  failure: Failure | undefined,
  durationMs: number,
  now: Date,
): PivotExchangeRecord {
  return {
    account_id: state.account_id,
    call_id: state.variables['voipbin.call.id'] || state.reference_id || state.id,
    activeflow_id: state.id,
    tm: now.toISOString(),
    method: request.method,
    url: request.url,
    request_headers: request.headers,
    request_body: request.body,
    request_fields: fields,
    status_code: result.ok ? result.status : 0,
    response_headers: result.ok ? result.headers : {},
    response_body: result.ok ? truncate(result.body) : '',
    duration_ms: durationMs,
    outcome: failure?.status ?? 'ok',
    error: failure?.message ?? '',
  };
}

/** With `debug: true`: the exchanges go to the debug log, and the last one's summary stays on the activeflow. */
function keepDebug(context: ActionContext<'pivot'>, exchanges: PivotExchangeRecord[], summary: Record<string, unknown>): void {
  if (!context.action.option.debug) return;
  const last = exchanges.at(-1);
  const record = {
    ...summary,
    req_body_format: context.action.option.req_body_format ?? 'form',
    request: last?.request_fields ?? {},
    ...(last && last.status_code !== 0 ? { status_code: last.status_code, response: last.response_body } : {}),
    exchanges: exchanges.length,
    tm: context.deps.now().toISOString(),
  };
  context.setVariable(PIVOT_DEBUG, JSON.stringify(record));
  if (exchanges.length > 0) context.deps.background('pivot debug log', context.deps.pivotLog.record(exchanges));
}

function truncate(text: string): string {
  return text.length > DEBUG_BODY_CHARS ? `${text.slice(0, DEBUG_BODY_CHARS)}…` : text;
}
