import { callManager, customerManager, flowManager } from '@voxmesh/contracts';
import { EventSubscriber, RpcClient, RpcServer } from '@voxmesh/mesh';
import type { RunningService, ServiceContext, ServiceModule } from '@voxmesh/runtime';
import { actionHandlers, type ActionDeps } from './actions/index.js';
import type { ModuleLookup } from './esl/modules.js';
import { ConfbridgeService } from './calls/confbridges.js';
import { DeviceDirectory } from './calls/devices.js';
import { CarrierDirectory } from './calls/carriers.js';
import { MediaFiles } from './calls/media-files.js';
import { MediaDownloads } from './calls/media-downloads.js';
import { MediaLibrary } from './calls/media-library.js';
import { FaxInbox } from './calls/fax-inbox.js';
import { FaxDocuments } from './calls/fax-documents.js';
import { chooseVoice } from './esl/voices.js';
import { ConferenceRooms } from './calls/conference-rooms.js';
import { EndpointDirectory } from './calls/endpoint-directory.js';
import { ExtensionTargets } from './calls/extension-targets.js';
import { VoicemailBoxes } from './calls/voicemail-boxes.js';
import { KeyWaiters } from './metaflows/key-waiters.js';
import { MetaflowRunner } from './metaflows/runner.js';
import { MetaflowSources } from './metaflows/sources.js';
import { DurationGuard } from './calls/duration-guard.js';
import { Instances } from './calls/instances.js';
import { InboundCalls } from './calls/inbound.js';
import { OutgoingCalls } from './calls/outgoing.js';
import { RecordingUploader } from './calls/recording-upload.js';
import { RecordingService } from './calls/recordings.js';
import { Recovery } from './calls/recovery.js';
import { CallRegistry } from './calls/registry.js';
import type { SessionDeps } from './calls/session.js';
import { callManagerFlags, settingsFrom } from './config.js';
import { callManagerContract } from './contract.js';
import { CallRepository, ChannelRepository, ConfbridgeRepository, RecordingRepository } from './db/repositories.js';
import { MediaServer } from './esl/media-server.js';
import { MediaServerPool } from './esl/media-servers.js';
import { SocketServer } from './esl/socket-server.js';
import { FORWARDED, createHandlers } from './listen/handlers.js';
import { CallMetrics } from './metrics.js';
import { migrations } from './migrations.js';
import { createSubscriptions } from './subscribe/handlers.js';

/** What a running call-manager offers beyond the runner's interface (the tests and the bench look in). */
export interface CallManagerHandle extends RunningService {
  readonly registry: CallRegistry;
  readonly metrics: CallMetrics;
  /** Where FreeSWITCH's outbound sockets connect. */
  readonly socketAddress: { host: string; port: number };
  readonly pool: MediaServerPool;
}

/** The composition root: builds every part from the context and serves the route table. */
async function start(context: ServiceContext): Promise<CallManagerHandle> {
  const { shared, config, names, logger } = context;
  const settings = settingsFrom(context.flags);
  const registry = new CallRegistry();
  const metrics = new CallMetrics(shared.registry, () => registry.size);
  const calls = new CallRepository(shared.database, logger.child({ part: 'calls' }));
  const channels = new ChannelRepository(shared.database, logger.child({ part: 'channels' }));
  const recordingRepository = new RecordingRepository(shared.database, logger.child({ part: 'recordings' }));
  const confbridgeRepository = new ConfbridgeRepository(shared.database, logger.child({ part: 'confbridges' }));
  const uploader = new RecordingUploader({ allowPrivate: settings.recordingUploadAllowPrivate, timeoutMs: settings.recordingUploadTimeoutMs });
  const recordings = new RecordingService({ repository: recordingRepository, metrics, logger, directory: settings.recordingDir, uploader });
  const confbridges = new ConfbridgeService({ repository: confbridgeRepository, registry, logger });
  const flows = context.clientOf(flowManager.flowManagerContract);
  const customers = context.clientOf(customerManager.customerManagerContract);
  const devices = new DeviceDirectory(customers, logger.child({ part: 'devices' }));
  const endpoints = new EndpointDirectory(customers, { gateway: settings.eslGateway, voice: chooseVoice({}, settings.ttsEngine) }, logger.child({ part: 'endpoints' }));
  const metaflowKeys = new KeyWaiters();
  const metaflowRunner = new MetaflowRunner({
    flows,
    endpoints,
    // The pool is made below; a metaflow asks it only once calls run.
    mediaServer: (address) => pool.byAddress(address),
    registry,
    keys: metaflowKeys,
    ttsEngine: settings.ttsEngine,
    confbridges,
    // Made below (it needs the sessions); only a running metaflow dials.
    dial: (body) => outgoing.create(body),
    logger: logger.child({ part: 'metaflows' }),
  });
  const metaflowSources = new MetaflowSources({ flows, customers, logger: logger.child({ part: 'metaflows' }) });
  // Each replica also serves a queue of its own: the requests about the calls it holds
  // (their sockets are here) are handed to it there, and its action timeouts, delayed
  // messages to itself, wait there, so a restart under the same name loses none.
  const instanceQueue = (instance: string) => `${config.queueListen}.${instance}`;
  const ownQueue = instanceQueue(settings.instanceId);
  const replicaClient = (queue: string, publisher: string) =>
    new RpcClient({ contract: callManagerContract, broker: shared.broker, queue, publisher, metrics: shared.metrics, breakers: shared.breakers, validateReplies: false });
  const self = replicaClient(ownQueue, config.service);
  const peers = new Map<string, RpcClient<typeof callManagerContract.routes>>();
  const forward = (owner: string, request: { envelope: { method: import('@voxmesh/wire').HttpMethod; uri: string; data?: unknown } }) => {
    let client = peers.get(owner);
    if (!client) peers.set(owner, (client = replicaClient(instanceQueue(owner), FORWARDED)));
    return client.request(request.envelope.method, request.envelope.uri, request.envelope.data);
  };
  const instances = new Instances(shared.cache, settings.instanceId, settings.instanceTtlMs, logger.child({ part: 'instances' }));
  // The pool and the media servers are made below; the actions ask them only once calls run.
  const modules: ModuleLookup = { loaded: (server, name) => pool.loaded(server, name) };
  const voicemail = new VoicemailBoxes(customers, (address) => pool.byAddress(address), logger.child({ part: 'voicemail' }));
  const carriers = new CarrierDirectory(customers);
  const conferences = new ConferenceRooms(customers);
  const extensions = new ExtensionTargets(flows);
  const media = new MediaLibrary(customers);
  const faxes = new FaxInbox(customers);
  const faxDocuments = new FaxDocuments({ directory: settings.recordingDir, allowPrivate: settings.recordingUploadAllowPrivate, timeoutMs: settings.recordingUploadTimeoutMs });
  const actionDeps: ActionDeps = { settings, calls, recordings, confbridges, endpoints, extensions, carriers, conferences, voicemail, media, faxes, faxDocuments, registry, modules, logger: logger.child({ part: 'actions' }) };
  const sessions: SessionDeps = {
    flows,
    self,
    calls,
    channels,
    events: context.events.typed(callManager.callManagerEvents),
    metrics,
    logger: logger.child({ part: 'call' }),
    registry,
    confbridges,
    recordings,
    handlers: actionHandlers,
    actionDeps,
    owner: settings.instanceId,
    nextHoldMaxMs: settings.nextHoldMaxMs,
    metaflows: { sources: metaflowSources, runner: metaflowRunner, keys: metaflowKeys, count: (outcome) => metrics.metaflows.inc([outcome]) },
  };

  let recovery: Recovery | undefined;
  const pool = new MediaServerPool(
    settings.eslAddrs.map(
      (addr) =>
        new MediaServer({
          host: addr.host,
          port: addr.port,
          password: settings.eslPassword,
          address: addr.address,
          logger: logger.child({ part: 'esl', media_server: addr.address }),
          metrics,
          onEvent: (_server, event) => registry.byChannelId(event.uuid)?.onEvent(event),
          onConnect: (server) => {
            recovery?.serverConnected(server).catch((error: unknown) => logger.error({ err: error }, 'calls not checked after the media server connected'));
          },
          onDisconnect: (server) => {
            // Legs already down wait for their last events on this socket; with it gone, they are let go now.
            for (const session of registry.all()) {
              if (session.link.kind === 'inbound' && session.call.media_server === server.address && session.over) session.enqueue('media server gone', () => session.release());
            }
          },
        }),
    ),
  );
  recovery = new Recovery({ calls, channels, pool, sessions, logger: logger.child({ part: 'recovery' }), owner: settings.instanceId, instances });
  const inbound = new InboundCalls({ sessions, pool, devices, metrics, routeHoldMaxMs: settings.routeHoldMaxMs, logger: logger.child({ part: 'inbound' }) });
  const outgoing = new OutgoingCalls({ sessions, pool, confbridges, settings, metrics, logger: logger.child({ part: 'outgoing' }) });

  const mediaFiles = new MediaFiles(settings.recordingDir);
  const handlers = createHandlers({ instance: settings.instanceId, forward, registry, calls, channels, recordings: recordingRepository, confbridges, outgoing, metaflows: metaflowRunner, mediaFiles, mediaDownloads: new MediaDownloads({ files: mediaFiles, allowPrivate: settings.recordingUploadAllowPrivate, timeoutMs: settings.recordingUploadTimeoutMs }) });
  const serve = (queue: string) =>
    new RpcServer({ contract: callManagerContract, handlers, broker: shared.broker, queue, metrics: shared.metrics, logger, concurrency: settings.rpcConcurrency });
  const server = serve(config.queueListen);
  const ownServer = serve(ownQueue);
  const subscribed = createSubscriptions({ registry, devices, logger });
  const subscriber = new EventSubscriber({
    broker: shared.broker,
    service: config.service,
    queue: names.subscribeQueue(config.service),
    deadLetterQueue: names.deadLetterQueue(config.service),
    sources: subscribed.services.map((source) => names.eventExchange(source)),
    handlers: subscribed.handlers,
    metrics: shared.metrics,
    logger,
    concurrency: 64,
  });
  const sockets = new SocketServer({ listenAddr: settings.eslListenAddr, logger: logger.child({ part: 'esl-server' }), onCall: (connection, data) => inbound.accept(connection, data) });
  const guard = new DurationGuard(registry, settings.maxCallDurationMs);

  await server.start();
  await ownServer.start();
  await instances.start();
  pool.start();
  await recovery.load();
  // The calls of replicas that went away (their heartbeat lapsed) are taken over.
  const orphans = setInterval(() => {
    recovery?.adoptOrphans().catch((error: unknown) => logger.error({ err: error }, 'calls of replicas that are gone not taken over'));
  }, Math.max(50, Math.floor(settings.instanceTtlMs / 2)));
  orphans.unref();
  const socketAddress = await sockets.start();
  await subscriber.start();
  guard.start();
  logger.info({ queue: config.queueListen, esl: settings.eslAddrs.map((addr) => addr.address), socket: socketAddress, instance: settings.instanceId }, 'call-manager started');

  return {
    registry,
    metrics,
    socketAddress,
    pool,
    describe: () => ({
      'call-manager esl': `media servers ${settings.eslAddrs.map((addr) => addr.address).join(', ')}; outbound sockets on ${socketAddress.host}:${socketAddress.port}`,
    }),
    async stop() {
      // No new calls; the ones in hand get the grace period, then are hung up cleanly.
      sockets.stopListening();
      guard.stop();
      clearInterval(orphans);
      const deadline = Date.now() + settings.shutdownGraceMs;
      while (registry.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      for (const session of registry.all()) session.enqueue('shutdown', () => session.requestHangup('failed', { cause: 'MANAGER_REQUEST' }));
      await Promise.race([Promise.all(registry.all().map((session) => session.gone)), new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
      await Promise.all(registry.all().map((session) => session.published()));
      await sockets.stop();
      await subscriber.stop();
      await server.stop();
      await ownServer.stop();
      await instances.stop();
      pool.stop();
      await Promise.all([calls.close(), channels.close(), recordingRepository.close(), confbridgeRepository.close()]);
    },
  };
}

export const callManagerModule: ServiceModule = {
  name: 'call-manager',
  description: 'calls, channels, recordings and confbridges on FreeSWITCH',
  flags: callManagerFlags,
  migrations,
  start,
};
