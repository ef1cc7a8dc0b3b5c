import { commonFlags, meshConfigFrom, readCommandLine, type FlagSpec } from '@voxmesh/config';
import { createLogger } from '@voxmesh/telemetry';
import { openSharedResources } from './resources.js';
import { createServiceContext, printBanner, startModule, stopOnSignal, type RunningService, type ServiceModule } from './service.js';

/**
 * Runs every service in one process (`npm start`). With no broker, database or cache
 * address it runs on the embedded stand-ins; given addresses (flags or environment) it
 * runs the same services on RabbitMQ, MySQL and Redis. Each service keeps its own queue
 * and exchange names, derived from the namespace.
 */
export async function runPlatform(modules: ServiceModule[], argv: string[] = process.argv.slice(2)): Promise<void> {
  const shared = commonFlags('platform', { embeddedByDefault: true }).filter(
    // In one process each service has its own queues; only the namespace names them.
    (spec) => spec.name !== 'rabbit_queue_listen' && spec.name !== 'rabbit_queue_event',
  );
  const byName = new Map<string, FlagSpec>(shared.map((spec) => [spec.name, spec]));
  for (const module of modules) for (const spec of module.flags ?? []) if (!byName.has(spec.name)) byName.set(spec.name, spec);
  const specs = [...byName.values()];
  const { values, explicit } = readCommandLine('npm start --', specs, argv);
  for (const module of modules) await module.linkFlags?.(values, explicit);
  const base = meshConfigFrom('platform', values, explicit);
  const logger = createLogger({ service: 'platform', level: base.logLevel });
  const resources = await openSharedResources(base, logger).catch((error: unknown) => {
    logger.error({ err: error }, 'could not open the broker, database or cache');
    process.exit(1);
  });
  const running: RunningService[] = [];
  const lines: Record<string, string> = { ...resources.describe() };
  for (const module of modules) {
    const config = meshConfigFrom(module.name, values, explicit);
    const service = await startModule(module, createServiceContext(module, config, values, resources));
    running.push(service);
    lines[module.name] = `${module.description} (queue ${config.queueListen})`;
    Object.assign(lines, service.describe?.());
  }
  if (modules.length === 0) lines.services = 'none registered yet';
  stopOnSignal(logger, resources, running);
  printBanner(`voxmesh platform is running (${modules.length} service${modules.length === 1 ? '' : 's'})`, lines);
}
