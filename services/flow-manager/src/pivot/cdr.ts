import type { callManager } from '@voxmesh/contracts';
import type { Logger } from '@voxmesh/telemetry';
import type { ActionFetcher, FormValue, PivotDebugLog } from '../actions/types.js';
import type { ActiveflowState } from '../domain/model.js';
import { formPairs } from '../remote/http-fetcher.js';

/** Where a pivot with `cdr_url` leaves it on the activeflow, and whether its exchanges go to the debug log. */
export const PIVOT_CDR_URL = 'kazoo.pivot.cdr_url';
export const PIVOT_CDR_DEBUG = 'kazoo.pivot.cdr_debug';
/** Seconds from year 0 to 1970: Kazoo's timestamps are Gregorian seconds. */
const GREGORIAN_OFFSET = 62_167_219_200;

export interface CallReader {
  /** The call as call-manager has it; undefined when it is not there. */
  getCall(id: string, timeoutMs: number): Promise<callManager.Call | undefined>;
}

export interface PivotCdrOptions {
  calls: CallReader;
  fetcher: Pick<ActionFetcher, 'exchange'>;
  pivotLog: PivotDebugLog;
  logger: Logger;
  background(what: string, work: Promise<unknown>): void;
  /** How long the CDR's POST may take. */
  timeoutMs: number;
  /** How long to wait for the call to be hung up once its flow has ended, and how often to look. */
  hangupWaitMs: number;
  pollMs: number;
}

/**
 * Kazoo's Pivot `cdr_url`: once the call is over, its CDR is POSTed there form-encoded,
 * as pivot_call does with the CHANNEL_DESTROY event (without the custom channel vars
 * and the message defaults). Our flow ends first, then the call is hung up, so the CDR
 * waits (bounded) until call-manager says the call is down. Nothing is retried: a lost
 * CDR is logged, as in Kazoo.
 */
export class PivotCdr {
  constructor(private readonly options: PivotCdrOptions) {}

  /** An activeflow ended: if a pivot of it asked for a CDR, it is sent in the background. */
  ended(state: Readonly<ActiveflowState>): void {
    const url = state.variables[PIVOT_CDR_URL] ?? '';
    if (url === '' || state.reference_type !== 'call' || state.reference_id === '') return;
    this.options.background(`pivot cdr of ${state.reference_id}`, this.send(url, state));
  }

  private async send(url: string, state: Readonly<ActiveflowState>): Promise<void> {
    const { logger, fetcher, timeoutMs } = this.options;
    const call = await this.hungUp(state.reference_id);
    if (!call) {
      logger.warn({ call_id: state.reference_id, account_id: state.account_id, cdr_url: url }, 'pivot CDR not sent: the call was not over in time');
      return;
    }
    const fields = cdrFields(call);
    const body = new URLSearchParams(formPairs(fields)).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const began = Date.now();
    const result = await fetcher.exchange({ url, method: 'POST', headers, body, connectTimeoutMs: timeoutMs, timeoutMs });
    const status = result.ok ? result.status : 0;
    const log = { call_id: call.id, account_id: call.account_id, cdr_url: url, status };
    if (result.ok && status >= 200 && status < 300) logger.info(log, 'pivot CDR sent');
    else logger.warn({ ...log, reason: result.ok ? `the server answered ${status}` : result.message }, 'pivot CDR not accepted');
    if (state.variables[PIVOT_CDR_DEBUG] !== 'true') return;
    await this.options.pivotLog.record([
      {
        account_id: call.account_id,
        call_id: call.id,
        activeflow_id: state.id,
        tm: new Date().toISOString(),
        method: 'POST',
        url,
        request_headers: headers,
        request_body: body,
        request_fields: fields,
        status_code: status,
        response_headers: result.ok ? result.headers : {},
        response_body: result.ok ? result.body.slice(0, 2048) : '',
        duration_ms: Date.now() - began,
        outcome: result.ok && status < 300 ? 'cdr' : 'cdr_failed',
        error: result.ok ? '' : result.message,
      },
    ]);
  }

  private async hungUp(callId: string): Promise<callManager.Call | undefined> {
    const until = Date.now() + this.options.hangupWaitMs;
    for (;;) {
      const call = await this.options.calls.getCall(callId, this.options.timeoutMs).catch(() => undefined);
      if (call?.status === 'hangup') return call;
      if (Date.now() + this.options.pollMs > until) return undefined;
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs));
    }
  }
}

/**
 * The CDR in Kazoo's CHANNEL_DESTROY names: who called whom, how it ended, and how long
 * it rang, lasted and was billed (answered) in whole seconds; Timestamp in Gregorian seconds.
 */
export function cdrFields(call: callManager.Call): Record<string, FormValue> {
  const at = (iso: string | null) => (iso === null ? undefined : Date.parse(iso));
  const created = at(call.tm_create) ?? 0;
  const answered = at(call.tm_progressing);
  const ended = at(call.tm_hangup) ?? Date.now();
  const seconds = (ms: number) => String(Math.max(0, Math.round(ms / 1000)));
  const [from, fromRealm] = split(call.source.target);
  const [to, toRealm] = split(call.destination.target);
  const fields: Record<string, FormValue> = {
    'Call-ID': call.id,
    'Account-ID': call.account_id,
    'Call-Direction': call.direction === 'outgoing' ? 'outbound' : 'inbound',
    'Caller-ID-Name': call.source.target_name || call.source.target,
    'Caller-ID-Number': call.source.target,
    'Callee-ID-Number': call.destination.target,
    From: fromRealm === '' ? from : `${from}@${fromRealm}`,
    To: toRealm === '' ? to : `${to}@${toRealm}`,
    Request: call.destination.target,
    'Hangup-Cause': call.hangup_cause,
    Disposition: call.hangup_reason,
    'Duration-Seconds': seconds(ended - created),
    'Billing-Seconds': answered === undefined ? '0' : seconds(ended - answered),
    'Ringing-Seconds': seconds((answered ?? ended) - created),
    Timestamp: String(Math.floor(ended / 1000) + GREGORIAN_OFFSET),
    'Media-Server': call.media_server,
    'User-ID': call.owner_id,
  };
  const kept: Record<string, FormValue> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== '') kept[key] = value;
  return kept;
}

function split(target: string): [string, string] {
  const at = target.lastIndexOf('@');
  return at < 0 ? [target, ''] : [target.slice(0, at), target.slice(at + 1)];
}
