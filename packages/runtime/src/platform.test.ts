import { describe, expect, it } from '@jest/globals';
import { createLogger } from '@voxmesh/telemetry';
import { startPlatform } from './platform.js';
import type { ServiceModule } from './service.js';

function module(name: string): ServiceModule {
  return {
    name,
    description: `${name} for the test`,
    start: async (context) => {
      context.logger.child({ part: 'intake' }).info({ service: name, account_id: 'acc-1' }, 'started');
      return { stop: async () => undefined };
    },
  };
}

describe('startPlatform logging', () => {
  it("gives each service a logger whose lines carry the service's name once, not the platform's", async () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 'platform', level: 'info', format: 'json', output: { write: (text) => void lines.push(text) } });
    const platform = await startPlatform([module('alpha-manager'), module('beta-manager')], ['-prom_listen_addr', '127.0.0.1:0', '-dbDSN', 'embedded:memory'], logger);
    await platform.stop();
    const started = lines.filter((line) => line.includes('"msg":"started"'));
    expect(started).toHaveLength(2);
    for (const line of started) {
      expect(line.split('"service":').length - 1).toBe(1);
      expect(line).not.toContain('"service":"platform"');
      expect(line).toContain('"part":"intake"');
      expect(line).toContain('"account_id":"acc-1"');
    }
    expect(started[0]).toContain('"service":"alpha-manager"');
    expect(started[1]).toContain('"service":"beta-manager"');
  });
});
