import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { customerManager } from '@voxmesh/contracts';
import { BreakerRegistry, RpcClient } from '@voxmesh/mesh';
import { VoipError, readEvent, type EventEnvelope } from '@voxmesh/wire';
import { CustomerEnv, eventually } from './harness.js';

async function failure(promise: Promise<unknown>): Promise<VoipError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VoipError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

const left = (n: number) => ({ caller_id_number: `+1555000${n}`, caller_id_name: `Caller ${n}`, from: `+1555000${n}@x`, to: '3100@x', call_id: `call-${n}`, length: 4000 + n, media_path: `/rec/vm-${n}.wav` });

/** Voicemail boxes and their messages over RPC on MariaDB, with their events. */
describe('voicemail boxes', () => {
  const env = new CustomerEnv();
  const events: EventEnvelope[] = [];
  let client: RpcClient<customerManager.CustomerManagerRoutes>;
  let accountId: string;

  beforeAll(async () => {
    await env.start();
    const broker = await env.testBroker();
    const queue = `${env.namespace}.test-vmboxes`;
    await broker.declareQueue(queue, { exclusive: true });
    await broker.declareFanout(env.names.eventExchange('customer-manager'));
    await broker.bindQueue(queue, env.names.eventExchange('customer-manager'));
    await broker.consume(queue, async (delivery) => void events.push(readEvent(delivery.body)), { prefetch: 100 });
    client = new RpcClient({ contract: customerManager.customerManagerContract, broker, queue: env.names.requestQueue('customer-manager'), publisher: 'test', metrics: env.metrics, breakers: new BreakerRegistry() });
    const master = (await client.call('bootstrap', { body: {} })).account_id;
    accountId = (await client.call('createAccount', { body: { parent_id: master, name: 'Voicemail Co' } })).id;
  }, 60_000);

  afterAll(async () => {
    await env.cleanup();
  }, 60_000);

  it('keeps boxes with a unique mailbox number, merges a PATCH, and refuses bad fields naming them', async () => {
    const params = { account_id: accountId };
    const owner = await client.call('createUser', { params, body: { username: 'vera', password: 'vera-password' } });
    const box = await client.call('createVmbox', { params, body: { name: 'Vera', mailbox: '3100', pin: '1234', owner_id: owner.id, skip_greeting: true, media: { unavailable: 'https://m.example.com/vera.wav' } } });
    expect(box).toMatchObject({ name: 'Vera', mailbox: '3100', pin: '1234', owner_id: owner.id, skip_greeting: true, media: { unavailable: 'https://m.example.com/vera.wav' } });
    expect((await failure(client.call('createVmbox', { params, body: { name: 'Clash', mailbox: '3100' } }))).field).toBe('mailbox');
    const patched = await client.call('patchVmbox', { params: { ...params, id: box.id }, body: { skip_greeting: null, max_message_count: 2 } });
    expect(patched).not.toHaveProperty('skip_greeting');
    expect(patched).toMatchObject({ pin: '1234', max_message_count: 2 });
    expect(await client.call('getVmbox', { params: { ...params, id: box.id } })).toEqual(patched);
    expect((await failure(client.call('createVmbox', { params, body: { name: 'Bad', mailbox: '3101', pin: '12' } }))).field).toBe('data.pin');
    expect((await failure(client.call('createVmbox', { params, body: { name: 'Bad', mailbox: '3102', owner_id: 'a4b1f2c00000400080000000000000a1' } }))).field).toBe('owner_id');
  });

  it('stores messages as new, lists them by folder, moves and deletes them, and refuses one more than a full box holds', async () => {
    const params = { account_id: accountId };
    const box = await client.call('createVmbox', { params, body: { name: 'Small', mailbox: '3200', max_message_count: 2 } });
    const first = await client.call('createVmMessage', { params: { ...params, id: box.id }, body: left(1) });
    expect(first).toMatchObject({ vmbox_id: box.id, folder: 'new', caller_id_number: '+15550001', length: 4001, media_path: '/rec/vm-1.wav' });
    expect(first.timestamp).toBeGreaterThan(63_000_000_000);
    await client.call('createVmMessage', { params: { ...params, id: box.id }, body: left(2) });
    expect((await failure(client.call('createVmMessage', { params: { ...params, id: box.id }, body: left(3) }))).reason).toBe('VMBOX_FULL');
    const saved = await client.call('patchVmMessage', { params: { ...params, id: box.id, message_id: first.media_id }, body: { folder: 'saved' } });
    expect(saved.folder).toBe('saved');
    expect((await client.call('listVmMessages', { params: { ...params, id: box.id }, query: { folder: 'new' } })).result.map((m) => m.call_id)).toEqual(['call-2']);
    expect((await client.call('listVmMessages', { params: { ...params, id: box.id }, query: {} })).result).toHaveLength(2);
    await client.call('deleteVmMessage', { params: { ...params, id: box.id, message_id: first.media_id } });
    expect((await failure(client.call('getVmMessage', { params: { ...params, id: box.id, message_id: first.media_id } }))).status).toBe('NOT_FOUND');
    await eventually('message events', () => events.some((event) => event.type === 'mailbox_message_deleted'));
    const mine = events.filter((event) => (event.data as { media_id?: string }).media_id === first.media_id).map((event) => event.type);
    expect(mine).toEqual(['mailbox_message_created', 'mailbox_message_updated', 'mailbox_message_deleted']);
    await client.call('deleteVmbox', { params: { ...params, id: box.id } });
    expect((await failure(client.call('listVmMessages', { params: { ...params, id: box.id }, query: {} }))).status).toBe('NOT_FOUND');
  });
});
