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

  it('reports the depth and consumers of each watched queue at scrape time, leaving out one the broker cannot tell', async () => {
    const registry = createRegistry({ defaultMetrics: false });
    const metrics = new MeshMetrics(registry);
    let asked = 0;
    metrics.watchQueue('flow-manager', 'ns.flow-manager.request', async () => {
      asked++;
      return { messages: 7, consumers: 2 };
    });
    metrics.watchQueue('flow-manager', 'ns.flow-manager.subscribe', async () => undefined);
    metrics.watchQueue('call-manager', 'ns.call-manager.request', async () => {
      throw new Error('broker away');
    });
    const text = await registry.metrics();
    expect(text).toContain('mesh_queue_messages{service="flow-manager",queue="ns.flow-manager.request"} 7');
    expect(text).toContain('mesh_queue_consumers{service="flow-manager",queue="ns.flow-manager.request"} 2');
    expect(text).not.toContain('queue="ns.flow-manager.subscribe"');
    expect(text).not.toContain('queue="ns.call-manager.request"');
    // Both gauges came from one question to the broker.
    expect(asked).toBe(1);
  });

  it('leaves out a queue whose broker does not answer in time, and still answers the scrape', async () => {
    const registry = createRegistry({ defaultMetrics: false });
    const metrics = new MeshMetrics(registry);
    metrics.watchQueue('flow-manager', 'ns.flow-manager.request', () => new Promise(() => undefined));
    metrics.watchQueue('flow-manager', 'ns.flow-manager.subscribe', async () => ({ messages: 1, consumers: 1 }));
    const started = Date.now();
    const text = await registry.metrics();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(text).toContain('mesh_queue_messages{service="flow-manager",queue="ns.flow-manager.subscribe"} 1');
    expect(text).not.toContain('queue="ns.flow-manager.request"');
  });
});
