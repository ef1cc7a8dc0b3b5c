import { describe, expect, it } from '@jest/globals';
import { createRegistry } from '@voxmesh/telemetry';
import { MeshMetrics } from './metrics.js';

describe('MeshMetrics', () => {
  it('reports each service event outbox depth at scrape time, and its published count', async () => {
    const registry = createRegistry({ defaultMetrics: false });
    const metrics = new MeshMetrics(registry);
    let waiting = 3;
    metrics.watchOutbox('customer-manager', async () => waiting);
    metrics.watchOutbox('flow-manager', async () => {
      throw new Error('database away');
    });
    metrics.outboxPublished.cell(['customer-manager']).value += 2;
    let text = await registry.metrics();
    expect(text).toContain('event_outbox_depth{service="customer-manager"} 3');
    expect(text).not.toContain('event_outbox_depth{service="flow-manager"}');
    expect(text).toContain('event_outbox_published_total{service="customer-manager"} 2');
    waiting = 0;
    text = await registry.metrics();
    expect(text).toContain('event_outbox_depth{service="customer-manager"} 0');
  });
});
