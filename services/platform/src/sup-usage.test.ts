import { describe, expect, it } from '@jest/globals';
import type { StartedPlatform } from '@voxmesh/runtime';
import { supUsage } from './sup-usage.js';

const platformWith = (lines: Record<string, string>) => ({ lines }) as unknown as StartedPlatform;

describe("the banner's sup lines", () => {
  it("on RabbitMQ print sup with the platform's broker and customer-manager's queue, saying what *** hides", () => {
    const text = supUsage(
      platformWith({ broker: 'amqp://guest:***@127.0.0.1:5672', 'customer-manager': 'accounts, users (queue ns1.customer-manager.request)' }),
    );
    expect(text).toContain('*** is the broker password');
    expect(text).toContain("bin/sup -rabbit_addr 'amqp://guest:***@127.0.0.1:5672' -rabbit_queue_customer ns1.customer-manager.request kapps_config get metaflows default_metaflow");
  });

  it('on the embedded bus say how to start on a broker, and give the REST call at the API in use', () => {
    const text = supUsage(platformWith({ broker: 'embedded in-process bus', 'customer-manager': 'x (queue bin-manager.customer-manager.request)', 'REST API': 'http://127.0.0.1:41234/v2 (crossbar)' }));
    expect(text).toContain('-rabbit_addr amqp://');
    expect(text).toContain('curl -s -X PATCH http://127.0.0.1:41234/v2/system_configs/metaflows');
    expect(text.split('\n').length).toBeLessThanOrEqual(5);
  });

  it('print nothing without customer-manager', () => {
    expect(supUsage(platformWith({ broker: 'embedded in-process bus' }))).toBe('');
  });
});
