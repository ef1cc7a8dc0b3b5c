import { customerManager } from '@voxmesh/contracts';
import { RpcServer } from '@voxmesh/mesh';
import type { RunningService, ServiceContext, ServiceModule } from '@voxmesh/runtime';
import { customerConfigFrom, customerFlags } from './config.js';
import { Database } from './db/stores.js';
import { AccountService } from './domain/accounts.js';
import { AuthService } from './domain/auth.js';
import { Bootstrapper } from './domain/bootstrap.js';
import { ConfigService } from './domain/configs.js';
import { DeviceService } from './domain/devices.js';
import { GroupService } from './domain/groups.js';
import { VmboxService } from './domain/vmboxes.js';
import { ResourceService } from './domain/resources.js';
import { ConferenceService } from './domain/conferences.js';
import { MediaService } from './domain/media.js';
import { FaxboxService } from './domain/faxboxes.js';
import { UserService } from './domain/users.js';
import { routeHandlers } from './listen/handlers.js';
import { CustomerMetrics } from './metrics.js';
import { EVENT_OUTBOX_TABLE, migrations } from './migrations.js';

export const SERVICE = 'customer-manager';

/** The composition root: every part is built here from the context and handed what it needs. */
async function start(context: ServiceContext): Promise<RunningService> {
  const config = customerConfigFrom(context.flags);
  const { broker, cache, registry } = context.shared;
  const logger = context.logger;
  // Events are recorded with the change they describe and published from the outbox once
  // it commits; rows a crash or a broker outage left behind go out with the next sweep.
  const outbox = context.eventOutbox(EVENT_OUTBOX_TABLE);
  const database = new Database(context.shared.database, () => outbox.flush());

  const auth = new AuthService({ database, logger, tokenTtlSeconds: config.tokenTtlSeconds });
  const accounts = new AccountService({ database });
  const users = new UserService({
    database,
    hashCost: config.passwordHashCost,
    revokeUser: (accountId, userId) => auth.revokeUser(accountId, userId),
  });
  const devices = new DeviceService({ database });
  const groups = new GroupService({ database });
  const vmboxes = new VmboxService({ database });
  const resources = new ResourceService({ database });
  const conferences = new ConferenceService({ database });
  const media = new MediaService({ database });
  const faxboxes = new FaxboxService({ database });
  const configs = new ConfigService(database);
  const bootstrap = new Bootstrapper({ database, cache, accounts, auth });

  const server = new RpcServer({
    contract: customerManager.customerManagerContract,
    handlers: routeHandlers({ accounts, users, devices, groups, vmboxes, resources, conferences, media, faxboxes, auth, configs, bootstrap, metrics: new CustomerMetrics(registry) }),
    broker,
    queue: context.config.queueListen,
    metrics: context.shared.metrics,
    logger,
  });
  await server.start();
  outbox.start();

  const sweeper = setInterval(() => {
    auth.sweepExpired().catch((error: unknown) => logger.warn({ err: error }, 'expired tokens could not be swept'));
  }, config.tokenSweepIntervalMs);
  sweeper.unref();

  return {
    stop: async () => {
      clearInterval(sweeper);
      await server.stop();
      await outbox.stop();
    },
  };
}

export const customerManagerModule: ServiceModule = {
  name: SERVICE,
  description: 'customer-manager: accounts, users, devices, API keys and auth tokens',
  flags: customerFlags,
  migrations,
  start,
};
