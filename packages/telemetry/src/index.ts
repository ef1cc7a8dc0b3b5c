export * from './logger.js';
export type { TextOutput } from './log-sinks.js';
export * from './metrics.js';
export * from './health-server.js';
export * from './hot-metrics.js';
