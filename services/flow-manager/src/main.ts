import { callManager, customerManager, flowManager, webhookManager } from '@voxmesh/contracts';
import { RpcClient, RpcServer } from '@voxmesh/mesh';
import type { RunningService, ServiceContext, ServiceModule } from '@voxmesh/runtime';
import { actionHandlers } from './actions/index.js';
import { ActiveflowStore } from './cache/activeflow-store.js';
import { FlowCache } from './cache/flow-cache.js';
import { ResilientCache } from './cache/resilient-cache.js';
import { flowManagerFlags, settingsFrom } from './config.js';
import { flowManagerContract } from './contract.js';
import { ActiveflowRepository } from './db/activeflow-repository.js';
import { ActiveflowWriter } from './db/activeflow-writer.js';
import { FlowRepository } from './db/flow-repository.js';
import { DocumentRepository } from './db/document-repository.js';
import { ListRepository } from './db/list-repository.js';
import { MetaflowRepository } from './db/metaflow-repository.js';
import { PivotDebugRepository } from './db/pivot-debug-repository.js';
import { ActiveflowService } from './domain/activeflows.js';
import { BackgroundWork } from './domain/background.js';
import { Engine } from './domain/engine.js';
import { FlowEvents } from './domain/events.js';
import { FlowService } from './domain/flows.js';
import { ActiveflowLocks } from './domain/locks.js';
import { ListService } from './domain/lists.js';
import { TemporalService } from './domain/temporal.js';
import { MetaflowService } from './domain/metaflows.js';
import { defaultVariableLimits } from './domain/variables.js';
import { createHandlers } from './listen/handlers.js';
import { FlowMetrics } from './metrics.js';
import { FLOW_EVENT_OUTBOX, migrations } from './migrations.js';
import { CallManagerControl } from './remote/call-manager.js';
import { NumberRouter } from './domain/number-router.js';
import { CallerIdListReader } from './domain/caller-id-lists.js';
import { CustomerManagerUsers } from './remote/users.js';
import { AccountDirectoryBook } from './domain/directory-book.js';
import { CustomerManagerCallSettings } from './remote/call-settings.js';
import { CustomerManagerAccounts } from './remote/customer-manager.js';
import { HttpFetcher } from './remote/http-fetcher.js';
import { PivotCdr } from './pivot/cdr.js';
import { WebhookManagerSender } from './remote/webhook-manager.js';

/** Hot copies in Redis live a day; MySQL keeps the state for as long as it is needed. */
const CACHE_TTL_MS = 24 * 60 * 60 * 1000;
/** The deadline of the RPCs actions make to call-manager and webhook-manager. */
const REMOTE_TIMEOUT_MS = 3000;
/** A call is hung up right after its flow ends; its Pivot CDR waits this long for that, looking this often. */
const CDR_HANGUP_WAIT_MS = 30_000;
const CDR_POLL_MS = 500;

/** The composition root: builds every part from the context and serves the route table. */
async function start(context: ServiceContext): Promise<RunningService> {
  const { shared, config, logger } = context;
  const settings = settingsFrom(context.flags);
  const activeflowRepository = new ActiveflowRepository(shared.database);
  const metrics = new FlowMetrics(shared.registry, () => activeflowRepository.countRunning());
  const cache = new ResilientCache(shared.cache, { operationTimeoutMs: 300, cooldownMs: 2000, logger: logger.child({ part: 'cache' }), metrics });
  const background = new BackgroundWork(logger);
  const outbox = context.eventOutbox(FLOW_EVENT_OUTBOX);
  const events = new FlowEvents(context.events.typed(flowManager.flowManagerEvents), background, outbox);
  const flows = new FlowService({
    repository: new FlowRepository(shared.database),
    cache: new FlowCache(cache, CACHE_TTL_MS),
    events,
    metrics,
    maxFlowsPerAccount: settings.maxFlowsPerAccount,
  });
  const lists = new ListService(new ListRepository(shared.database));
  const temporal = new TemporalService(new DocumentRepository(shared.database));
  const calls = new CallManagerControl(context.clientOf(callManager.callManagerContract));
  const variableLimits = defaultVariableLimits;
  // On the embedded stand-ins (`npm start`) the customer's Pivot server is this machine's; elsewhere the guard holds.
  const pivotDebug = new PivotDebugRepository(shared.database, settings.pivotDebugRetentionMs);
  const fetcher = new HttpFetcher({ metrics, allowPrivate: settings.fetchAllowPrivate, allowLoopback: settings.fetchAllowLoopback });
  const users = new CustomerManagerUsers(context.clientOf(customerManager.customerManagerContract));
  const accounts = new CustomerManagerAccounts(context.clientOf(customerManager.customerManagerContract));
  const cdr = new PivotCdr({
    calls,
    fetcher,
    pivotLog: pivotDebug,
    logger: logger.child({ part: 'pivot-cdr' }),
    background: (what, work) => background.add(what, work),
    timeoutMs: settings.fetchTimeoutMs,
    hangupWaitMs: CDR_HANGUP_WAIT_MS,
    pollMs: CDR_POLL_MS,
  });
  const engine = new Engine({
    handlers: actionHandlers,
    deps: {
      flows,
      lists,
      callerIdLists: new CallerIdListReader(lists),
      temporal,
      routes: new NumberRouter(flows),
      hotdesk: users,
      directories: new AccountDirectoryBook(temporal, users),
      callSettings: new CustomerManagerCallSettings(context.clientOf(customerManager.customerManagerContract)),
      fetcher,
      webhooks: new WebhookManagerSender(context.clientOf(webhookManager.webhookManagerContract)),
      calls,
      pivotLog: pivotDebug,
      secrets: accounts,
      timezones: accounts,
      callerIds: accounts,
      settings: { fetchTimeoutMs: settings.fetchTimeoutMs, pivotWatchdogMs: settings.pivotWatchdogMs, remoteTimeoutMs: REMOTE_TIMEOUT_MS },
      logger: logger.child({ part: 'engine' }),
      now: () => new Date(),
      background: (what, work) => background.add(what, work),
    },
    limits: { maxExecutions: settings.maxExecutions, maxIterations: settings.maxIterations, maxStackDepth: settings.maxStackDepth, variables: variableLimits },
    metrics,
  });
  // Our own queue, for resuming runs after a sleep through delayed delivery.
  const self = new RpcClient({
    contract: flowManagerContract,
    broker: shared.broker,
    queue: config.queueListen,
    publisher: config.service,
    metrics: shared.metrics,
    breakers: shared.breakers,
  });
  const activeflows = new ActiveflowService({
    store: new ActiveflowStore(activeflowRepository, new ActiveflowWriter(activeflowRepository, { maxBatch: 64, maxInFlight: 2 }), cache, CACHE_TTL_MS),
    locks: new ActiveflowLocks(cache, { ttlMs: settings.stepTimeoutMs + 5000, waitMs: settings.stepTimeoutMs, retryEveryMs: 10 }, activeflowRepository),
    engine,
    flows,
    events,
    metrics,
    calls,
    scheduler: {
      resumeLater: (id, currentActionId, delayMs) => self.callLater('executeActiveflow', { params: { id }, body: { current_action_id: currentActionId } }, delayMs),
    },
    background,
    onEnded: (state) => cdr.ended(state),
    settings: { maxCompleteChain: settings.maxCompleteChain, stepTimeoutMs: settings.stepTimeoutMs, maxStackDepth: settings.maxStackDepth, variables: variableLimits },
    logger,
  });
  const server = new RpcServer({
    contract: flowManagerContract,
    handlers: createHandlers({ flows, activeflows, metaflows: new MetaflowService(new MetaflowRepository(shared.database), flows), pivotDebug, lists, temporal }),
    broker: shared.broker,
    queue: config.queueListen,
    metrics: shared.metrics,
    logger,
    concurrency: settings.rpcConcurrency,
  });
  await server.start();
  outbox.start();
  logger.info({ queue: config.queueListen, settings }, 'flow-manager started');
  return {
    async stop() {
      await server.stop();
      await background.drain();
      await outbox.stop();
    },
  };
}

export const flowManagerModule: ServiceModule = {
  name: 'flow-manager',
  description: 'flows, callflow routing, activeflows and the action engine',
  flags: flowManagerFlags,
  migrations,
  start,
};
