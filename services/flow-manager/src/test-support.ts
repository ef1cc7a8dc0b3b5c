import { EmbeddedDatabase, MemoryCache, migrate, OutboxRelay, type Cache, type SqlDatabase } from '@voxmesh/store';
import { createRegistry, silentLogger } from '@voxmesh/telemetry';
import { actionHandlers } from './actions/index.js';
import type { AccountSecrets, ActionContext, ActionDeps, CallControl, FetchRequest, FetchResult, HttpExchange, HttpExchangeRequest } from './actions/types.js';
import { MAIN_STACK_ID, readAction, type ActionOf, type ActionType } from './contract.js';
import type { ActiveflowState } from './domain/model.js';
import { ActiveflowStore } from './cache/activeflow-store.js';
import { FlowCache } from './cache/flow-cache.js';
import { ResilientCache } from './cache/resilient-cache.js';
import { ActiveflowRepository } from './db/activeflow-repository.js';
import { ActiveflowWriter } from './db/activeflow-writer.js';
import { FlowRepository } from './db/flow-repository.js';
import { PivotDebugRepository } from './db/pivot-debug-repository.js';
import { DocumentRepository } from './db/document-repository.js';
import { ListRepository } from './db/list-repository.js';
import { ActiveflowService } from './domain/activeflows.js';
import { BackgroundWork } from './domain/background.js';
import { Engine, type EngineLimits } from './domain/engine.js';
import { FlowEvents } from './domain/events.js';
import { FlowService } from './domain/flows.js';
import { ListService } from './domain/lists.js';
import { NumberRouter } from './domain/number-router.js';
import { CallerIdListReader } from './domain/caller-id-lists.js';
import { TemporalService } from './domain/temporal.js';
import { ActiveflowLocks } from './domain/locks.js';
import { defaultVariableLimits } from './domain/variables.js';
import { FlowMetrics } from './metrics.js';
import { FLOW_EVENT_OUTBOX, migrations } from './migrations.js';

/**
 * The service's parts wired on the embedded database and an in-memory cache, with
 * hand-written stand-ins for the network: what the unit tests of the domain stand on.
 */
export interface Parts {
  db: SqlDatabase;
  cache: Cache;
  metrics: FlowMetrics;
  flows: FlowService;
  activeflows: ActiveflowService;
  activeflowRepository: ActiveflowRepository;
  published: { type: string; data: unknown }[];
  fetchResults: FetchResult[];
  /** What the handlers asked the customer's server, in order. */
  fetchRequests: FetchRequest[];
  /** What Pivot's exchanges are answered with, in order (an empty 200 JSON list when none is left). */
  exchangeResults: HttpExchange[];
  exchangeRequests: HttpExchangeRequest[];
  /** How long each exchange takes to answer (0: at once). */
  exchangeDelayMs: number;
  pivotDebug: PivotDebugRepository;
  background: BackgroundWork;
  /** The runs `onEnded` was told of, with their end reasons. */
  ended: { id: string; reason: string }[];
  close(): Promise<void>;
}

export const noCalls: CallControl = {
  createConfbridge: async () => {
    throw new Error('no call-manager here');
  },
  createCalls: async () => ({ callIds: [] }),
  actionNext: async () => undefined,
};

export async function buildParts(
  limits: Partial<EngineLimits> = {},
  options: { cache?: Cache; db?: SqlDatabase; secrets?: AccountSecrets; pivotWatchdogMs?: number } = {},
): Promise<Parts> {
  const db = options.db ?? (await EmbeddedDatabase.open());
  await migrate(db, 'flow-manager', migrations, silentLogger());
  const cache = options.cache ?? new MemoryCache();
  const activeflowRepository = new ActiveflowRepository(db);
  const metrics = new FlowMetrics(createRegistry({ defaultMetrics: false }), () => activeflowRepository.countRunning());
  const resilient = new ResilientCache(cache, { operationTimeoutMs: 200, cooldownMs: 1000, logger: silentLogger(), metrics });
  const background = new BackgroundWork(silentLogger());
  const published: { type: string; data: unknown }[] = [];
  const publish = async (type: string, data: unknown) => void published.push({ type, data });
  const events = new FlowEvents({ publish } as never, background, new OutboxRelay({ db, table: FLOW_EVENT_OUTBOX, publish }));
  const flows = new FlowService({ repository: new FlowRepository(db), cache: new FlowCache(resilient, 60_000), events, metrics, maxFlowsPerAccount: 100 });
  const fetchResults: FetchResult[] = [];
  const fetchRequests: FetchRequest[] = [];
  const exchangeResults: HttpExchange[] = [];
  const pivotDebug = new PivotDebugRepository(db, 60 * 60 * 1000);
  const exchangeRequests: HttpExchangeRequest[] = [];
  const ended: { id: string; reason: string }[] = [];
  const listService = new ListService(new ListRepository(db));
  const deps: ActionDeps = {
    flows,
    lists: listService,
    callerIdLists: new CallerIdListReader(listService),
    temporal: new TemporalService(new DocumentRepository(db)),
    callSettings: { find: async () => undefined, save: async () => undefined },
    routes: new NumberRouter(flows),
    hotdesk: { user: async () => undefined, userByHotdeskId: async () => undefined, devices: async () => [], setUsers: async () => undefined },
    directories: { directory: async () => undefined, users: async () => [] },
    fetcher: {
      fetch: async (request) => {
        fetchRequests.push(request);
        return fetchResults.shift() ?? { ok: true, body: [] };
      },
      exchange: async (request) => {
        exchangeRequests.push(request);
        if (parts.exchangeDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, parts.exchangeDelayMs));
        return exchangeResults.shift() ?? { ok: true, status: 200, headers: { 'content-type': 'application/json' }, body: '[]' };
      },
    },
    webhooks: { send: async () => undefined },
    calls: noCalls,
    pivotLog: pivotDebug,
    secrets: options.secrets ?? { webhookSecret: async () => undefined },
    timezones: { timezone: async () => undefined },
    callerIds: { callerId: async () => undefined },
    settings: { fetchTimeoutMs: 1000, pivotWatchdogMs: options.pivotWatchdogMs ?? 10_000, remoteTimeoutMs: 1000 },
    logger: silentLogger(),
    now: () => new Date(),
    background: (what, work) => background.add(what, work),
  };
  const fullLimits: EngineLimits = { maxExecutions: 1000, maxIterations: 1000, maxStackDepth: 10, variables: defaultVariableLimits, ...limits };
  const engine = new Engine({ handlers: actionHandlers, deps, limits: fullLimits, metrics });
  const activeflows = new ActiveflowService({
    store: new ActiveflowStore(activeflowRepository, new ActiveflowWriter(activeflowRepository, { maxBatch: 64, maxInFlight: 2 }), resilient, 60_000),
    locks: new ActiveflowLocks(resilient, { ttlMs: 5000, waitMs: 2000, retryEveryMs: 5 }, activeflowRepository),
    engine,
    flows,
    events,
    metrics,
    calls: noCalls,
    scheduler: { resumeLater: async () => undefined },
    background,
    settings: { maxCompleteChain: 2, stepTimeoutMs: 5000, maxStackDepth: fullLimits.maxStackDepth, variables: fullLimits.variables },
    logger: silentLogger(),
    onEnded: (state) => void ended.push({ id: state.id, reason: state.end_reason }),
  });
  const parts: Parts = {
    db,
    cache,
    metrics,
    flows,
    activeflows,
    activeflowRepository,
    published,
    fetchResults,
    fetchRequests,
    exchangeResults,
    exchangeRequests,
    exchangeDelayMs: 0,
    pivotDebug,
    background,
    ended,
    close: async () => {
      await background.drain();
      await db.close();
    },
  };
  return parts;
}

/** What a handler did to the fake run `fakeContext` gives it. */
export interface FakeRun<T extends ActionType> {
  context: ActionContext<T>;
  jumps: { targetId: string; field: string }[];
  pushed: { actions: unknown[]; field: string }[];
  failures: { reason: string; message: string }[];
  variables: Record<string, string>;
}

/**
 * One action's context without an engine: the option is read through its catalog schema
 * (as the engine's stored actions were), and every effect is recorded for the test.
 */
export function fakeContext<T extends ActionType>(
  type: T,
  option: unknown,
  overrides: { state?: Partial<ActiveflowState>; headless?: boolean; deps?: Partial<ActionDeps> } = {},
): FakeRun<T> {
  const read = readAction({ id: 'a1', type, option });
  if (!read.ok) throw new Error(read.issue.message);
  const action = { ...read.action, id: 'a1' } as ActionOf<T>;
  const variables: Record<string, string> = { ...(overrides.state?.variables ?? {}) };
  const state: ActiveflowState = {
    id: 'af-1',
    account_id: 'acc-1',
    flow_id: 'f-1',
    status: 'running',
    end_reason: '',
    reference_type: 'call',
    reference_id: 'call-1',
    reference_activeflow_id: '',
    on_complete_flow_id: '',
    webhook_uri: '',
    stack_map: {},
    current_stack_id: MAIN_STACK_ID,
    current_action: action,
    forward_stack_id: '',
    forward_action_id: '',
    execute_count: 1,
    complete_count: 0,
    errors: [],
    version: 1,
    tm_create: new Date(0).toISOString(),
    tm_update: null,
    tm_end: null,
    tm_delete: null,
    ...overrides.state,
    variables,
  };
  const run: FakeRun<T> = { jumps: [], pushed: [], failures: [], variables, context: undefined as never };
  const deps: ActionDeps = {
    flows: { findRunnable: async () => undefined, createTemporary: async () => ({ id: 'tmp' }) as never },
    lists: { matches: async () => false },
    callerIdLists: { document: async () => undefined, entries: async () => undefined },
    temporal: { firstHolding: async () => undefined, setEnabled: async () => 0 },
    callSettings: { find: async () => undefined, save: async () => undefined },
    routes: { route: async () => undefined },
    hotdesk: { user: async () => undefined, userByHotdeskId: async () => undefined, devices: async () => [], setUsers: async () => undefined },
    directories: { directory: async () => undefined, users: async () => [] },
    fetcher: { fetch: async () => ({ ok: true, body: [] }), exchange: async () => ({ ok: true, status: 200, headers: { 'content-type': 'application/json' }, body: '[]' }) },
    webhooks: { send: async () => undefined },
    calls: noCalls,
    pivotLog: { record: async () => undefined },
    secrets: { webhookSecret: async () => undefined },
    timezones: { timezone: async () => undefined },
    callerIds: { callerId: async () => undefined },
    settings: { fetchTimeoutMs: 1000, pivotWatchdogMs: 10_000, remoteTimeoutMs: 1000 },
    logger: silentLogger(),
    now: () => new Date(),
    background: (_what, work) => void work.catch(() => undefined),
    ...overrides.deps,
  };
  run.context = {
    action,
    stored: structuredClone(action),
    state,
    headless: overrides.headless ?? false,
    deadline: Date.now() + 5000,
    deps,
    jumpTo: (targetId, field) => void run.jumps.push({ targetId, field }),
    push: (actions, field) => void run.pushed.push({ actions, field }),
    variable: (name) => variables[name] ?? '',
    setVariable: (name, value) => void (variables[name] = value),
    fail: (reason, message) => void run.failures.push({ reason, message }),
  };
  return run;
}
