import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { commonFlags, meshConfigFrom, parseFlags } from '@voxmesh/config';
import { BreakerRegistry, EventPublisher, MeshNames, RpcClient } from '@voxmesh/mesh';
import { createServiceContext, openSharedResources, startModule, type RunningService, type SharedResources } from '@voxmesh/runtime';
import { silentLogger } from '@voxmesh/telemetry';
import { webhookFlags } from '../src/config.js';
import { contract } from '../src/contract.js';
import { webhookManagerModule } from '../src/main.js';
import { SIGNATURE_HEADER, verifySignature } from '../src/domain/signature.js';
import { Receiver, accountEvent, channelEvent, eventually, fastFlags, newId } from './harness.js';

/**
 * The same service on the embedded stand-ins `npm start` uses with no addresses: the
 * in-process bus, SQLite and the in-memory cache. The SQL is portable, so the outbox,
 * retries, lanes and the attempts log behave as on MySQL.
 */
describe('webhook-manager on the embedded stand-ins', () => {
  const receiver = new Receiver();
  let shared: SharedResources;
  let running: RunningService;
  let client: RpcClient<typeof contract.routes>;
  const names = new MeshNames('bin-manager');
  const account = newId();
  const publish = (service: string, type: string, data: unknown) =>
    new EventPublisher({ broker: shared.broker, exchange: names.eventExchange(service), publisher: service, metrics: shared.metrics }).publish(type, data);

  beforeAll(async () => {
    // Every event's first try fails; its second succeeds.
    receiver.respond = (request) => (request.path === '/flaky' && request.headers['x-webhook-attempt'] === '1' ? { status: 500 } : { status: 200 });
    await receiver.start();
    const argv = ['-rabbit_addr', 'embedded', '-dbDSN', 'embedded', '-redis_addr', 'embedded', '-prom_listen_addr', '127.0.0.1:0', '-log_level', 'silent', ...fastFlags];
    const specs = [...commonFlags('webhook-manager'), ...webhookFlags];
    const { values, explicit } = parseFlags(specs, argv);
    const config = meshConfigFrom('webhook-manager', values, explicit);
    shared = await openSharedResources(config, silentLogger());
    running = await startModule(webhookManagerModule, createServiceContext(webhookManagerModule, config, values, shared));
    client = new RpcClient({ contract, broker: shared.broker, queue: names.requestQueue('webhook-manager'), publisher: 'test', metrics: shared.metrics, breakers: new BreakerRegistry() });
  }, 60_000);

  afterAll(async () => {
    await running?.stop();
    await shared?.close();
    await receiver.close();
  });

  it('delivers signed events, retries, keeps call order and logs attempts', async () => {
    await publish('customer-manager', 'account_created', accountEvent(account));
    // Every first try fails here, which would soon disable the hook.
    await client.call('updateWebhookSettings', { params: { account_id: account }, body: { disable_disabler: true } });
    const hook = await client.call('createWebhook', { params: { account_id: account }, body: { name: 'embedded', uri: receiver.url('/flaky'), hook: 'all', format: 'json' , retries: 3 } });
    const callId = newId();
    for (const type of ['channel_create', 'channel_answer', 'channel_destroy']) await publish('call-manager', type, channelEvent(account, callId));
    const delivered = await eventually('three channel events', () => {
      const ok = receiver.on('/flaky').filter((each) => each.headers['x-webhook-attempt'] === '2').map((each) => JSON.parse(each.body));
      const events = ok.filter((body) => body.call_id === callId).map((body) => body.hook_event);
      return events.length === 3 ? events : undefined;
    });
    expect(delivered).toEqual(['channel_create', 'channel_answer', 'channel_destroy']);
    const request = receiver.on('/flaky')[0]!;
    expect(verifySignature(`secret-${account}`, request.headers[SIGNATURE_HEADER.toLowerCase()] as string, request.body)).toBe(true);
    const page = await client.call('listWebhookAttempts', { params: { account_id: account, id: hook.id }, query: { page_size: 2 } });
    expect(page.result).toHaveLength(2);
    expect(page.result[0]!.result).toBe('failure');
    expect(page.next_page_token).toBeDefined();
  });

  it('takes webhook_send requests and re-enables what the disabler turned off', async () => {
    const queued = await client.call('sendToDestination', { body: { account_id: account, uri: receiver.url('/send'), data: { hello: 'world' } } });
    await eventually('destination', () => receiver.on('/send').some((each) => each.headers['x-event-id'] === queued.event_id));
    const result = await client.call('reenableWebhooks', { params: { account_id: account }, body: { 're-enable': true, descendants: true } });
    expect(result.result).toEqual([]);
  });
});
