import { commonFlags, meshConfigFrom, readCommandLine, type FlagSpec } from '@voxmesh/config';
import { createLogger, type Logger } from '@voxmesh/telemetry';
import type { DataDir } from './data-dir.js';
import { applyLocalDefaults, dataDirOf, platformFlags } from './local-defaults.js';
import { openSharedResources, type SharedResources } from './resources.js';
import { createServiceContext, printBanner, startModule, stopOnSignal, type RunningService, type ServiceModule } from './service.js';

/** Every service of the platform, started in one process on one set of connections. */
export interface StartedPlatform {
  resources: SharedResources;
  running: RunningService[];
  /** What the banner prints: each service's queue and addresses. */
  lines: Record<string, string>;
  logger: Logger;
  /** Where the data is kept, when it is kept in a file (`-dbDSN` left empty). */
  dataDir: DataDir | undefined;
  stop(): Promise<void>;
}

/**
 * Starts every service in one process. With no broker, database or cache address it runs
 * on the embedded stand-ins; given addresses (flags or environment) it runs the same
 * services on RabbitMQ, MySQL and Redis. Each service keeps its own queue and exchange
 * names, derived from the namespace.
 */
export async function startPlatform(modules: ServiceModule[], argv: string[], logger?: Logger): Promise<StartedPlatform> {
  const shared = commonFlags('platform', { embeddedByDefault: true }).filter(
    // In one process each service has its own queues; only the namespace names them.
    (spec) => spec.name !== 'rabbit_queue_listen' && spec.name !== 'rabbit_queue_event',
  );
  const byName = new Map<string, FlagSpec>([...shared, ...platformFlags].map((spec) => [spec.name, spec]));
  for (const module of modules) for (const spec of module.flags ?? []) if (!byName.has(spec.name)) byName.set(spec.name, spec);
  const specs = [...byName.values()];
  const { values, explicit } = readCommandLine('npm start --', specs, argv);
  const dataDir = dataDirOf(values);
  const { opened } = applyLocalDefaults(specs, values, explicit, dataDir);
  for (const module of modules) await module.linkFlags?.(values, explicit);
  const base = meshConfigFrom('platform', values, explicit);
  const log = logger ?? createLogger({ service: 'platform', level: base.logLevel, format: base.logFormat });
  if (dataDir) {
    dataDir.ensure();
    base.database = { kind: 'embedded', file: dataDir.databaseFile };
  }
  if (opened.length > 0) {
    log.info(
      { allowed: opened.map((name) => `-${name}`).join(' ') },
      'on the embedded stand-ins, Pivot, fetch and webhooks may reach servers on this machine and private addresses (set the flags to false to refuse them)',
    );
  }
  const opening = await openSharedResources(base, log).catch((error: unknown) => {
    throw dataDir ? dataDir.explain(error) : error;
  });
  dataDir?.claim();
  const resources: SharedResources = {
    ...opening,
    close: async () => {
      await opening.close();
      dataDir?.release();
    },
  };
  const running: RunningService[] = [];
  const lines: Record<string, string> = { ...resources.describe() };
  const stop = async () => {
    for (const service of [...running].reverse()) await service.stop().catch(() => undefined);
    await resources.close();
  };
  try {
    for (const module of modules) {
      const config = meshConfigFrom(module.name, values, explicit);
      const service = await startModule(module, createServiceContext(module, config, values, resources));
      running.push(service);
      lines[module.name] = `${module.description} (queue ${config.queueListen})`;
      Object.assign(lines, service.describe?.());
    }
  } catch (error) {
    await stop();
    throw error;
  }
  if (modules.length === 0) lines.services = 'none registered yet';
  return { resources, running, lines, logger: log, dataDir, stop };
}

/**
 * `npm start`: the platform in one process, its banner, and a graceful stop on a signal.
 * `epilogue` adds text after the banner (the first steps a newcomer can paste).
 */
export async function runPlatform(modules: ServiceModule[], argv: string[] = process.argv.slice(2), epilogue?: (platform: StartedPlatform) => string): Promise<void> {
  const platform = await startPlatform(modules, argv).catch((error: unknown) => {
    // The reason first, in plain words (a data directory in use, a port taken), then the details.
    process.stderr.write(`the platform could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    createLogger({ service: 'platform' }).error({ err: error }, 'the platform could not start');
    process.exit(1);
  });
  stopOnSignal(platform.logger, platform.resources, platform.running);
  printBanner(`voxmesh platform is running (${modules.length} service${modules.length === 1 ? '' : 's'})`, platform.lines);
  const more = epilogue?.(platform) ?? '';
  if (more !== '') process.stdout.write(`${more}\n`);
}
