import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import { EventPublisher, EventSubscriber, MeshMetrics, type Broker } from '../src/index.js';
import { createRegistry, silentLogger } from '@voxmesh/telemetry';
import { openAmqpBrokers } from './amqp-broker.js';
import { eventually, sleep, startHarness, uniqueNamespace, type Harness } from './fixtures.js';

/**
 * Stops and starts the machine's RabbitMQ application under running services, so it
 * runs alone, after every other test (the `.solo.test.ts` suffix).
 */
function rabbitmqctl(...args: string[]): void {
  execFileSync('rabbitmqctl', args, { stdio: 'ignore', timeout: 60_000 });
}

describe('after the broker restarts', () => {
  const namespace = uniqueNamespace();
  let brokers: Broker[];
  let close: () => Promise<void>;
  let harness: Harness;

  beforeAll(async () => {
    ({ brokers, close } = await openAmqpBrokers(2, namespace));
    harness = await startHarness(brokers[0]!, brokers[1]!, namespace);
  });

  afterAll(async () => {
    await harness?.stop();
    await close?.();
  });

  it('fails in-flight calls at once, then answers again within 15 s without a restart of the service', async () => {
    await expect(harness.client.call('echo', { body: { text: 'before' } })).resolves.toMatchObject({ text: 'before' });
    const inFlight = harness.client.call('slow', { body: { ms: 2000 } }, { timeoutMs: 20_000 }).catch((error: unknown) => error);
    await sleep(100);
    const stoppedAt = Date.now();
    rabbitmqctl('stop_app');
    const failure = await inFlight;
    expect(failure).toBeInstanceOf(VoipError);
    expect((failure as VoipError).status).toBe('UNAVAILABLE');
    expect(Date.now() - stoppedAt).toBeLessThan(15_000);
    rabbitmqctl('start_app');
    const restartedAt = Date.now();
    const answer = await eventually(
      async () => harness.client.call('echo', { body: { text: 'after' } }, { timeoutMs: 1000 }).catch(() => undefined),
      15_000,
      250,
    );
    expect(answer).toMatchObject({ text: 'after' });
    expect(Date.now() - restartedAt).toBeLessThan(15_000);
  }, 120_000);

  it('delivers events through re-declared exchanges and consumers', async () => {
    const metrics = new MeshMetrics(createRegistry({ defaultMetrics: false }));
    const exchange = harness.names.eventExchange('restart-svc');
    const seen: string[] = [];
    const subscriber = new EventSubscriber({
      broker: brokers[1]!,
      service: 'restart-svc',
      queue: harness.names.subscribeQueue('restart-svc'),
      deadLetterQueue: harness.names.deadLetterQueue('restart-svc'),
      sources: [exchange],
      handlers: { '*': async (event) => void seen.push(event.type) },
      metrics,
      logger: silentLogger(),
    });
    await subscriber.start();
    const publisher = new EventPublisher({ broker: brokers[0]!, exchange, publisher: 'restart-svc', metrics });
    await publisher.publish('call_created', {});
    await eventually(() => seen.length === 1, 10_000);
    await subscriber.stop();
  }, 60_000);
});
