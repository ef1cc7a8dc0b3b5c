import { describe, expect, it } from '@jest/globals';
import { HotCounter, HotHistogram } from './hot-metrics.js';
import { createRegistry } from './metrics.js';

describe('hot metrics', () => {
  it('expose counters and cumulative histogram buckets in the Prometheus text format', async () => {
    const registry = createRegistry({ defaultMetrics: false });
    const counter = new HotCounter('calls_total', 'Calls.', ['route', 'status'], registry);
    const histogram = new HotHistogram('call_seconds', 'Call time.', ['route'], [0.1, 1], registry);
    counter.cell(['/v1/x', '200']).value += 2;
    counter.inc(['/v1/x', '404']);
    for (const value of [0.05, 0.5, 5]) histogram.observe(['/v1/x'], value);
    const text = await registry.metrics();
    expect(text).toContain('# TYPE calls_total counter');
    expect(text).toContain('calls_total{route="/v1/x",status="200"} 2');
    expect(text).toContain('calls_total{route="/v1/x",status="404"} 1');
    expect(text).toContain('# TYPE call_seconds histogram');
    expect(text).toContain('call_seconds_bucket{route="/v1/x",le="0.1"} 1');
    expect(text).toContain('call_seconds_bucket{route="/v1/x",le="1"} 2');
    expect(text).toContain('call_seconds_bucket{route="/v1/x",le="+Inf"} 3');
    expect(text).toContain('call_seconds_sum{route="/v1/x"} 5.55');
    expect(text).toContain('call_seconds_count{route="/v1/x"} 3');
  });
});
