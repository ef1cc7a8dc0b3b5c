import { afterEach, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { createLogger, createRegistry } from '@voxmesh/telemetry';
import { defineContract } from '@voxmesh/wire';
import { InProcessBroker } from '../inproc/inproc-broker.js';
import { MeshMetrics } from '../metrics.js';
import { BreakerRegistry, RpcClient } from './rpc-client.js';
import { RpcServer } from './rpc-server.js';

const contract = defineContract('log-svc', {
  note: { method: 'POST', path: '/v1/notes', body: z.object({ text: z.string() }), reply: z.object({}) },
  fail: { method: 'POST', path: '/v1/fail', reply: z.object({}) },
});

describe('RpcServer logging', () => {
  let broker: InProcessBroker;
  afterEach(() => broker.close());

  async function serve() {
    broker = new InProcessBroker();
    const lines: string[] = [];
    const logger = createLogger({ service: 'platform', level: 'info', format: 'json', output: { write: (text) => void lines.push(text) } });
    const metrics = new MeshMetrics(createRegistry({ defaultMetrics: false }));
    const server = new RpcServer({
      contract,
      handlers: {
        note: async ({ body }, context) => {
          context.logger.info({ text: body.text }, 'note taken');
          return {};
        },
        fail: async () => {
          throw new Error('kaboom');
        },
      },
      broker,
      queue: 'log-svc.request',
      metrics,
      logger: logger.child({ service: 'log-svc' }),
    });
    await server.start();
    const client = new RpcClient({ contract, broker, queue: 'log-svc.request', publisher: 'caller', metrics, breakers: new BreakerRegistry() });
    return { lines, client, server };
  }

  it("names the request on a handler's lines, with the service once", async () => {
    const { lines, client, server } = await serve();
    await client.call('note', { body: { text: 'hi' } }, { requestId: 'req-42' });
    await server.stop();
    expect(lines).toHaveLength(1);
    const raw = lines[0]!;
    expect(raw.split('"service":').length - 1).toBe(1);
    expect(raw).toContain('"service":"log-svc"');
    expect(raw).toContain('"request_id":"req-42"');
    expect(raw).toContain('"uri":"/v1/notes"');
    expect(raw).toContain('"method":"POST"');
    expect(raw).toContain('"msg":"note taken"');
  });

  it('names the request on the line of a request that failed', async () => {
    const { lines, client, server } = await serve();
    await expect(client.call('fail', {}, { requestId: 'req-43' })).rejects.toMatchObject({ statusCode: 500 });
    await server.stop();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"request_id":"req-43"');
    expect(lines[0]).toContain('"route":"/v1/fail"');
    expect(lines[0]).toContain('"msg":"request failed"');
  });
});
