import { describe, expect, it } from '@jest/globals';
import { Counter, Gauge, Histogram, createRegistry, labelValue } from './guarded-metrics.js';
import type { Logger } from './logger.js';

function recordingLogger(lines: unknown[]): Logger {
  const logger: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: (obj) => void lines.push(obj),
    child: () => logger,
  };
  return logger;
}

describe('guarded metrics', () => {
  it('a failing update is counted and logged once, never thrown', async () => {
    const lines: unknown[] = [];
    const registry = createRegistry({ defaultMetrics: false, logger: recordingLogger(lines) });
    const counter = new Counter({ name: 'things_total', help: 'things', labelNames: ['kind'], registers: [registry] });
    const gauge = new Gauge({ name: 'level', help: 'level', labelNames: ['kind'], registers: [registry] });
    const histogram = new Histogram({ name: 'seconds', help: 'seconds', labelNames: ['kind'], registers: [registry] });
    // prom-client throws for a label it was not given at construction.
    const wrong = { nope: 'x' } as unknown as { kind: string };
    expect(() => counter.inc(wrong)).not.toThrow();
    expect(() => counter.inc(wrong)).not.toThrow();
    expect(() => gauge.set(wrong, 1)).not.toThrow();
    expect(() => histogram.observe(wrong, 1)).not.toThrow();
    expect(() => counter.labels('a', 'b').inc()).not.toThrow();
    counter.inc({ kind: 'ok' });
    const text = await registry.metrics();
    expect(text).toContain('telemetry_failures_total{metric="things_total"} 3');
    expect(text).toContain('telemetry_failures_total{metric="level"} 1');
    expect(text).toContain('telemetry_failures_total{metric="seconds"} 1');
    expect(text).toContain('things_total{kind="ok"} 1');
    expect(lines.map((line) => (line as { metric: string }).metric)).toEqual(['things_total', 'level', 'seconds']);
  });

  it('bounds label values taken from outside', () => {
    expect(labelValue('call_created')).toBe('call_created');
    expect(labelValue('x'.repeat(65))).toBe('other');
    expect(labelValue('has space')).toBe('other');
    expect(labelValue(42)).toBe('other');
    expect(labelValue('ping', new Set(['ping']))).toBe('ping');
    expect(labelValue('pong', new Set(['ping']))).toBe('other');
  });
});
