export { createRegistry, MetricsRegistry, TelemetryFailures, type RegistryOptions, Counter, Gauge, Histogram, labelValue } from './guarded-metrics.js';
export { Registry } from 'prom-client';
