import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import { callManager, customerManager, flowManager, webhookManager } from '@voxmesh/contracts';
import type { RunningService, ServiceContext, ServiceModule } from '@voxmesh/runtime';
import { labelValue } from '@voxmesh/telemetry';
import { gatewayConfigFrom, gatewayFlags, type GatewayConfig } from './config.js';
import { AccountCache, AccountScope, TokenValidator } from './http/auth.js';
import { RateLimiter } from './http/rate-limit.js';
import { SharedRateLimiter } from './http/shared-rate-limit.js';
import { apiRoutes, type Resources } from './http/routes.js';
import { HttpApi } from './http/server.js';
import { MasterKeyFile } from './master-key-file.js';
import { GatewayMetrics } from './metrics.js';
import { docsPage } from './openapi/docs-page.js';
import { openapiDocument } from './openapi/document.js';
import { deadline, type Clients } from './remote/clients.js';
import { AccountsResource } from './resources/accounts.js';
import { ApiKeysResource } from './resources/api-keys.js';
import { AuthResource } from './resources/auth.js';
import { CallsResource } from './resources/calls.js';
import { CallflowsResource } from './resources/callflows.js';
import { ChannelsResource } from './resources/channels.js';
import { ConfigsResource } from './resources/configs.js';
import { DevicesResource } from './resources/devices.js';
import { CarriersResource } from './resources/carriers.js';
import { ConferencesResource } from './resources/conferences.js';
import { MediaResource } from './resources/media.js';
import { FaxesResource } from './resources/faxes.js';
import { GroupsResource } from './resources/groups.js';
import { VmboxesResource } from './resources/vmboxes.js';
import { ActiveflowsResource, FlowsResource } from './resources/flows.js';
import { ListsResource } from './resources/lists.js';
import { DirectoriesResource } from './resources/directories.js';
import { TemporalRulesResource } from './resources/temporal-rules.js';
import { MetaflowsResource, PivotResource } from './resources/metaflows.js';
import { UsersResource } from './resources/users.js';
import { WebhooksResource } from './resources/webhooks.js';
import { WebsocketsResource } from './resources/websockets.js';
import { CacheInvalidation } from './subscribe/cache-invalidation.js';
import { EventFeed } from './subscribe/event-feed.js';
import { LiveFanOut } from './subscribe/fan-out.js';
import { gatewaySubscriptions } from './subscribe/subscriptions.js';
import { Hub } from './websocket/hub.js';
import { BlackholeProtocol } from './websocket/protocol.js';
import { WebsocketServer } from './websocket/server.js';

export const SERVICE = 'api-gateway';
export const API_VERSION = '0.1.0';

export interface MasterAccount {
  accountId: string;
  accountName: string;
  /** The key, when it was given or made at this start; null when it was made at an earlier one. */
  apiKey: string | null;
}

/** What a started gateway offers beyond stop/describe: where it listens and the master account. */
export interface GatewayHandle extends RunningService {
  httpUrl: string;
  wsUrl: string;
  replicaId: string;
  master(): MasterAccount | undefined;
}

function keptKeyNote(keyFile: MasterKeyFile | undefined): string {
  return keyFile ? `kept in ${keyFile.path}` : 'made at an earlier start (give -master_api_key to set one)';
}

function urlOf(scheme: string, address: AddressInfo): string {
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `${scheme}://${host}:${address.port}`;
}

/** The composition root: every part is built here from the context and handed what it needs. */
async function start(context: ServiceContext): Promise<GatewayHandle> {
  const config: GatewayConfig = gatewayConfigFrom(context.flags);
  const logger = context.logger;
  const metrics = new GatewayMetrics(context.shared.registry);
  const replicaId = `${hostname().replace(/[^A-Za-z0-9_-]/g, '').slice(0, 32) || 'gateway'}-${randomBytes(4).toString('hex')}`;

  const clients: Clients = {
    customers: context.clientOf(customerManager.customerManagerContract),
    // The hottest path (GET a callflow): its replies are checked where they are used
    // (account and type) instead of walking the whole action schema on every read.
    flows: context.clientOf(flowManager.flowManagerContract, { validateReplies: false }),
    webhooks: context.clientOf(webhookManager.webhookManagerContract),
    calls: context.clientOf(callManager.callManagerContract),
  };
  const upstream = deadline(config.rpcTimeoutMs);
  const tokens = new TokenValidator({ client: clients.customers, cacheMs: config.tokenCacheMs, timeoutMs: config.rpcTimeoutMs });
  const accountCache = new AccountCache(clients.customers);
  const scope = new AccountScope(accountCache);
  const hub = new Hub((sent) => metrics.wsEvents.inc({ result: sent ? 'sent' : 'dropped' }));

  const resources: Resources = {
    auth: new AuthResource(clients, tokens),
    accounts: new AccountsResource(clients, accountCache, tokens),
    users: new UsersResource(clients),
    devices: new DevicesResource(clients),
    groups: new GroupsResource(clients),
    vmboxes: new VmboxesResource(clients),
    carriers: new CarriersResource(clients),
    conferences: new ConferencesResource(clients),
    media: new MediaResource(clients),
    faxes: new FaxesResource(clients),
    apiKeys: new ApiKeysResource(clients),
    configs: new ConfigsResource(clients),
    callflows: new CallflowsResource(clients),
    flows: new FlowsResource(clients),
    activeflows: new ActiveflowsResource(clients),
    calls: new CallsResource(clients, upstream),
    channels: new ChannelsResource(clients, upstream),
    metaflows: new MetaflowsResource(clients, upstream),
    lists: new ListsResource(clients),
    temporalRules: new TemporalRulesResource(clients),
    directories: new DirectoriesResource(clients),
    pivot: new PivotResource(clients, upstream),
    webhooks: new WebhooksResource(clients),
    websockets: new WebsocketsResource(hub, replicaId),
  };
  const routes = apiRoutes(resources);
  let openapi: Record<string, unknown> | undefined;
  let httpUrl = '';
  const http = new HttpApi({
    routes,
    validator: tokens,
    scope,
    limits: {
      ip: new RateLimiter(config.ipRate, config.ipBurst),
      account: new RateLimiter(config.accountRate, config.accountBurst),
      // Guessing keys or passwords must not get a budget per replica.
      auth: new SharedRateLimiter({
        cache: context.shared.cache,
        prefix: 'api-gateway:rate:auth:',
        rate: config.authRate,
        burst: config.authBurst,
        fallback: new RateLimiter(config.authRate, config.authBurst),
      }),
    },
    metrics,
    logger: logger.child({ part: 'http' }),
    maxBodyBytes: config.maxBodyBytes,
    trustProxy: config.trustProxy,
    node: replicaId,
    version: API_VERSION,
    pages: {
      openapi: () => (openapi ??= openapiDocument(routes, { version: API_VERSION, serverUrl: config.publicUrl || httpUrl })),
      docsHtml: docsPage,
    },
  });
  const websockets = new WebsocketServer({
    hub,
    protocol: new BlackholeProtocol({ hub, tokens, scope, metrics }),
    metrics,
    logger: logger.child({ part: 'websocket' }),
    maxPerIp: config.wsMaxPerIp,
    rate: config.wsRate,
    burst: config.wsBurst,
    pingMs: config.wsPingMs,
    trustProxy: config.trustProxy,
  });

  const subscribed = gatewaySubscriptions(new CacheInvalidation(tokens, accountCache, hub), new LiveFanOut(hub));
  const feed = new EventFeed({
    broker: context.shared.broker,
    names: context.names,
    replicaId,
    sources: subscribed.services,
    handlers: subscribed.handlers,
    deadLetterQueue: context.names.deadLetterQueue(SERVICE),
    logger,
    onEvent: (type, result) => {
      metrics.meshEvents.inc({ type: labelValue(type) });
      if (result === 'invalid' || result === 'failed') context.shared.metrics.eventsConsumed.cell([SERVICE, labelValue(type), result]).value++;
    },
  });
  await feed.start();

  const httpAddress = await http.listen(config.httpListenAddr);
  httpUrl = urlOf('http', httpAddress);
  const wsUrl = urlOf('ws', await websockets.listen(config.wsListenAddr));

  let master: MasterAccount | undefined;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;
  const keyFile = config.masterApiKeyFile === '' ? undefined : new MasterKeyFile(config.masterApiKeyFile);
  const keptKey = config.masterApiKey === '' ? keyFile?.read() : undefined;
  const masterKey = config.masterApiKey || keptKey;
  const bootstrap = async (): Promise<boolean> => {
    try {
      const reply = await clients.customers.call(
        'bootstrap',
        { body: { ...(masterKey ? { api_key: masterKey } : {}), name: config.masterAccountName } },
        { timeoutMs: 10_000 },
      );
      if (reply.api_key && keyFile && reply.api_key !== keptKey) keyFile.write(reply.api_key);
      // A key kept from an earlier start is not printed again: the banner says where it is.
      master = { accountId: reply.account_id, accountName: reply.account_name, apiKey: reply.created || !keptKey ? reply.api_key : null };
      if (reply.created) logger.info({ account_id: reply.account_id }, 'master account created');
      return true;
    } catch (error) {
      logger.warn({ err: error }, 'customer-manager did not answer the master-account check; trying again');
      return false;
    }
  };
  // customer-manager may start after us; keep asking in the background until it answers.
  if (!(await bootstrap())) {
    const again = () => {
      retry = setTimeout(() => {
        if (stopped) return;
        void bootstrap().then((done) => {
          if (done) {
            process.stdout.write(`\napi-gateway: master account ${master!.accountId}${master!.apiKey ? `, API key ${master!.apiKey}` : ''}\n\n`);
          } else again();
        });
      }, 2000);
      retry.unref();
    };
    again();
  }

  return {
    httpUrl,
    wsUrl,
    replicaId,
    master: () => master,
    stop: async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      await http.close();
      await websockets.close();
      await feed.stop();
    },
    describe: () => ({
      'REST API': `${httpUrl}/v2 (docs ${httpUrl}/docs, OpenAPI ${httpUrl}/v2/openapi.json)`,
      websockets: wsUrl,
      'master account': master ? `${master.accountId} (${master.accountName})` : 'waiting for customer-manager',
      'master API key': master?.apiKey ?? (master ? keptKeyNote(keyFile) : 'waiting for customer-manager'),
    }),
  };
}

export const apiGatewayModule: ServiceModule = {
  name: SERVICE,
  description: 'api-gateway: the REST API, auth and websockets',
  flags: gatewayFlags,
  start,
};
