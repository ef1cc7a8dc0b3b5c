import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * One registry per process: the composition root makes it and hands it to whatever
 * registers metrics. Several services in one process share it, each metric carrying a
 * `service` label, so one scrape sees them all.
 */
export function createRegistry(options: { defaultMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}

export { Registry };
