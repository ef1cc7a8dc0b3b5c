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
import { DomainEvents } from './domain/events.js';
import { UserService } from './domain/users.js';
import { routeHandlers } from './listen/handlers.js';
import { CustomerMetrics } from './metrics.js';
import { migrations } from './migrations.js';

export const SERVICE = 'customer-manager';

/** The composition root: every part is built here from the context and handed what it needs. */
async function start(context: ServiceContext): Promise<RunningService> {
  const config = customerConfigFrom(context.flags);
  const { broker, cache, registry } = context.shared;
  const logger = context.logger;
  const database = new Database(context.shared.database);
  const events = new DomainEvents(context.events, logger);

  const auth = new AuthService({ database, events, logger, tokenTtlSeconds: config.tokenTtlSeconds });
  const accounts = new AccountService({ database, events });
  const users = new UserService({
    database,
    events,
    hashCost: config.passwordHashCost,
    revokeUser: (accountId, userId) => auth.revokeUser(accountId, userId),
  });
  const devices = new DeviceService({ database, events });
  const configs = new ConfigService(database, events);
  const bootstrap = new Bootstrapper({ database, cache, accounts, auth });

  const server = new RpcServer({
    contract: customerManager.customerManagerContract,
    handlers: routeHandlers({ accounts, users, devices, auth, configs, bootstrap, metrics: new CustomerMetrics(registry) }),
    broker,
    queue: context.config.queueListen,
    metrics: context.shared.metrics,
    logger,
  });
  await server.start();

  const sweeper = setInterval(() => {
    auth.sweepExpired().catch((error: unknown) => logger.warn({ err: error }, 'expired tokens could not be swept'));
  }, config.tokenSweepIntervalMs);
  sweeper.unref();

  return {
    stop: async () => {
      clearInterval(sweeper);
      await server.stop();
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
