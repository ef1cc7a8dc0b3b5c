import type { Logger } from '@voxmesh/telemetry';
import type { customerManager } from '@voxmesh/contracts';
import type { Action, ActionDraft, ActionOf, ActionType, FlowActionType, MediaActionType } from '../contract.js';
import type { ActiveflowState, FlowRecord } from '../domain/model.js';

/** What running one action leads to. */
export type ActionOutcome =
  /** Go on with the next action (or the forward one the action set). */
  | { kind: 'continue' }
  /** Stop here and hand the action to the media layer (call-manager). */
  | { kind: 'media' }
  /** The activeflow is over. */
  | { kind: 'finish'; reason: string }
  /** Nothing to do until `delayMs` has passed (a sleep in a run without a call). */
  | { kind: 'wait'; delayMs: number };

export const CONTINUE: ActionOutcome = Object.freeze({ kind: 'continue' });
export const MEDIA: ActionOutcome = Object.freeze({ kind: 'media' });

/** The outcome of asking a customer's server for actions. */
export type FetchResult =
  | { ok: true; body: unknown }
  | { ok: false; status: 'timeout' | 'network_error' | 'http_error' | 'bad_json' | 'too_large' | 'refused'; message: string };

/** A value of a form-encoded request: nested maps become `k[sub]=v`, lists `k[]=v` (Pivot's encoding). */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };

export type FetchRequest =
  | {
      url: string;
      method: 'GET' | 'POST' | 'PUT';
      timeoutMs: number;
      /** fetch's encoding: a JSON body, or for a GET the activeflow's ids in the query. */
      encoding?: 'json';
      payload: Record<string, unknown>;
    }
  | {
      url: string;
      method: 'GET' | 'POST' | 'PUT';
      timeoutMs: number;
      /**
       * Pivot's encoding: every field form-encoded, in the query of a GET (after any query
       * the URL has) or as an `application/x-www-form-urlencoded` body.
       */
      encoding: 'form';
      payload: Record<string, FormValue>;
    };

/** One HTTP request as Pivot builds it: the URL, headers and body are final (they are signed). */
export interface HttpExchangeRequest {
  url: string;
  method: 'GET' | 'POST' | 'PUT';
  headers: Record<string, string>;
  body?: string | Buffer;
  /** How long the connection may take to open. */
  connectTimeoutMs: number;
  /** How long the whole exchange may take. */
  timeoutMs: number;
}

/** What came back, whatever the status: the caller decides what an answer means. */
export type HttpExchange =
  | { ok: true; status: number; headers: Record<string, string>; body: string }
  | { ok: false; status: 'timeout' | 'connect_timeout' | 'network_error' | 'too_large' | 'refused'; message: string };

export interface ActionFetcher {
  fetch(request: FetchRequest): Promise<FetchResult>;
  /** Sends a prepared request and reads the raw answer (Pivot reads JSON or TwiML by its Content-Type). */
  exchange(request: HttpExchangeRequest): Promise<HttpExchange>;
}

export interface WebhookRequest {
  account_id: string;
  uri: string;
  method: string;
  data_type: string;
  data: unknown;
}

/** webhook-manager, as the webhook_send action needs it. */
export interface WebhookSender {
  /**
   * `key` names the step that sends: a step run again (its first run's write refused, or
   * its replica killed before the write) hands over the same key, and webhook-manager
   * keeps one delivery under one event id for it.
   */
  send(request: WebhookRequest, timeoutMs: number, key: string): Promise<void>;
}

/** call-manager, as connect and forward_now need it. */
export interface CallControl {
  createConfbridge(request: { account_id: string; activeflow_id: string; reference_id: string }, timeoutMs: number): Promise<{ id: string }>;
  createCalls(
    request: { account_id: string; flow_id: string; master_call_id: string; source?: unknown; destinations: unknown[]; early_execution: boolean; anonymous?: string; timeout?: number },
    timeoutMs: number,
  ): Promise<{ callIds: string[] }>;
  /** Interrupts what the call is doing so it asks for its next action now. */
  actionNext(callId: string, force: boolean): Promise<void>;
}

/** One request Pivot made and what came of it, as the debug log keeps it. */
export interface PivotExchangeRecord {
  account_id: string;
  call_id: string;
  activeflow_id: string;
  tm: string;
  method: string;
  url: string;
  request_headers: Record<string, string>;
  request_body: string;
  /** The fields sent, before encoding. */
  request_fields: Record<string, FormValue>;
  /** 0 when no answer came. */
  status_code: number;
  response_headers: Record<string, string>;
  /** Cut to a bound. */
  response_body: string;
  duration_ms: number;
  /** ok, or why the answer was not run (timeout, http_error, bad_twiml, ...). */
  outcome: string;
  error: string;
}

/** Where `debug: true` pivots keep their exchanges; writing never holds the call up. */
export interface PivotDebugLog {
  record(entries: PivotExchangeRecord[]): Promise<void>;
}

/** The account's secret that signs what we send its servers. */
export interface AccountSecrets {
  webhookSecret(accountId: string, timeoutMs: number): Promise<string | undefined>;
}

/** The timezone an account keeps its schedules in (Kazoo's account `timezone`). */
export interface AccountTimezones {
  timezone(accountId: string, timeoutMs: number): Promise<string | undefined>;
}

/** The caller ids an account keeps (Kazoo's account `caller_id`). */
export interface AccountCallerIds {
  callerId(accountId: string, timeoutMs: number): Promise<customerManager.AccountCallerId | undefined>;
}

/** The flows an action may run or create. */
export interface FlowSource {
  /** A flow that may run: missing and soft-deleted ones are undefined. */
  findRunnable(id: string): Promise<FlowRecord | undefined>;
  /** A flow that is not listed or counted (connect's outgoing legs). */
  createTemporary(accountId: string, drafts: ActionDraft[]): Promise<FlowRecord>;
}

export interface ActionSettings {
  /** The longest a fetch may wait, whatever its option says. */
  fetchTimeoutMs: number;
  /** The longest a call may wait on Pivot (retries and fallback included) before it is ended. */
  pivotWatchdogMs: number;
  /** Deadline for the RPCs an action makes. */
  remoteTimeoutMs: number;
}

/** The account's caller-id match lists, as cidlistmatch asks them. */
export interface ListMatcher {
  matches(accountId: string, listId: string, number: string): Promise<boolean>;
}

/** The account's lists as dynamic_cid reads caller ids from them; undefined when the list does not exist. */
export interface CallerIdLists {
  document(accountId: string, listId: string): Promise<Record<string, unknown> | undefined>;
  entries(accountId: string, listId: string): Promise<Record<string, unknown>[] | undefined>;
}

/** The account's stored temporal rules, as temporal_route reads and its feature codes change them. */
export interface TemporalRules {
  firstHolding(accountId: string, routes: { rules: string[]; rule_set?: string | undefined }, at: Date, timezone?: string): Promise<string | undefined>;
  setEnabled(accountId: string, routes: { rules: string[]; rule_set?: string | undefined }, enabled: boolean | undefined): Promise<number>;
}

/** A user as hotdesk reads it. */
export interface HotdeskUser {
  id: string;
  hotdesk: { id?: string | undefined; pin?: string | undefined; require_pin?: boolean | undefined; keep_logged_in_elsewhere?: boolean | undefined };
}

/** customer-manager's users and devices, as hotdesk logs users in and out. */
export interface HotdeskStore {
  user(accountId: string, id: string, timeoutMs: number): Promise<HotdeskUser | undefined>;
  /** The one user whose hotdesk id this is; undefined when none or several have it. */
  userByHotdeskId(accountId: string, hotdeskId: string, timeoutMs: number): Promise<HotdeskUser | undefined>;
  /** Every device of the account with the users logged in on it. */
  devices(accountId: string, timeoutMs: number): Promise<{ id: string; users: string[] }[]>;
  setUsers(accountId: string, deviceId: string, users: string[], timeoutMs: number): Promise<void>;
}

/** A user as a dial-by-name directory lists it. */
export interface DirectoryUser {
  id: string;
  first_name: string;
  last_name: string;
  /** The callflow each directory connects a caller to, by directory id. */
  directories: Record<string, string>;
}

/** The account's dial-by-name directories and the users they list. */
export interface DirectoryBook {
  /** The directory's settings; undefined when the account has no such directory. */
  directory(accountId: string, id: string): Promise<Record<string, unknown> | undefined>;
  users(accountId: string, timeoutMs: number): Promise<DirectoryUser[]>;
}

/** Where a number leads within the platform, as an incoming call to it would be routed. */
export interface NumberRoutes {
  /** The flow the number reaches, its account and the pattern's capture variables; undefined when none. */
  route(number: string): Promise<{ flow_id: string; account_id: string; variables: Record<string, string> } | undefined>;
}

/** A user's or a device's call forwarding and do-not-disturb, as its feature codes read and change them. */
export interface CallSettingsDocument {
  kind: 'user' | 'device';
  id: string;
  call_forward: { enabled?: boolean | undefined; number?: string | undefined };
  do_not_disturb: { enabled?: boolean | undefined };
}

/** customer-manager's users and devices, as the call-settings feature codes need them. */
export interface CallSettingsStore {
  /** The user or device `id`; undefined when the account has neither. */
  find(accountId: string, id: string, timeoutMs: number): Promise<CallSettingsDocument | undefined>;
  save(
    accountId: string,
    document: CallSettingsDocument,
    change: { call_forward?: { enabled: boolean; number?: string }; do_not_disturb?: { enabled: boolean } },
    timeoutMs: number,
  ): Promise<void>;
}

/** The collaborators of the handlers, built once in the composition root. */
export interface ActionDeps {
  flows: FlowSource;
  lists: ListMatcher;
  callerIdLists: CallerIdLists;
  temporal: TemporalRules;
  callSettings: CallSettingsStore;
  routes: NumberRoutes;
  hotdesk: HotdeskStore;
  directories: DirectoryBook;
  fetcher: ActionFetcher;
  webhooks: WebhookSender;
  calls: CallControl;
  pivotLog: PivotDebugLog;
  secrets: AccountSecrets;
  timezones: AccountTimezones;
  callerIds: AccountCallerIds;
  settings: ActionSettings;
  logger: Logger;
  now(): Date;
  /** Runs work nobody waits for; a failure is logged, never lost silently. */
  background(what: string, work: Promise<unknown>): void;
}

/** What a handler sees of the run it is part of. */
export interface ActionContext<T extends ActionType> {
  /** The action with `${...}` substituted. */
  readonly action: ActionOf<T>;
  /** The action as its stack holds it: changes here are kept (goto counts down here). */
  readonly stored: ActionOf<T>;
  readonly state: Readonly<ActiveflowState>;
  /** True in a run without a call (`execute`): nobody is there to play media. */
  readonly headless: boolean;
  /** Epoch ms by which the step must be done. */
  readonly deadline: number;
  readonly deps: ActionDeps;
  /** Continues at `targetId` (in this stack or one it returns to); throws when there is none. */
  jumpTo(targetId: string, field: string): void;
  /** Runs `actions` next, then comes back after this action. Drafts are validated and given ids. */
  push(actions: ActionDraft[] | Action[], field: string): void;
  variable(name: string): string;
  setVariable(name: string, value: string): void;
  /** Records a problem on the activeflow and counts it; the flow goes on. */
  fail(reason: string, message: string): void;
}

export interface ActionHandler<T extends ActionType> {
  run(context: ActionContext<T>): Promise<ActionOutcome>;
}

/**
 * The handlers of the types flow-manager runs (the catalog's `runsOn: 'flow'`): one per
 * type, no more, so a catalog entry without its handler here does not build.
 */
export type FlowActionHandlers = { [T in FlowActionType]: ActionHandler<T> };

/**
 * What a media action means in a run without a call (`execute`), for the few that mean
 * something there (a sleep waits); the others are skipped.
 */
export type WithoutCallHandlers = { [T in MediaActionType]?: ActionHandler<T> };

/** The engine's lookup: every type, the media ones handed on to the media layer. */
export type ActionHandlers = { [T in ActionType]: ActionHandler<T> };

/** Thrown by a handler for a problem the flow should step over, with a reason to record. */
export class ActionFailure extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'ActionFailure';
  }
}
