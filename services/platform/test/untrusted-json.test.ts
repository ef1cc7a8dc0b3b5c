import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import amqp from 'amqplib';
import WebSocket from 'ws';
import { callManager, customerManager, flowManager, webhookManager } from '@voxmesh/contracts';
import { startPlatform, type StartedPlatform } from '@voxmesh/runtime';
import { deleteQueuesAndExchanges, deleteRedisKeys, dropDatabase, meshArgv, mysqlTarget, rabbitUrl, redisAddr } from '@voxmesh/testkit';
import type { RouteTable, ServiceContract } from '@voxmesh/wire';
import { platformModules } from '../src/modules.js';

/**
 * One unauthenticated request once took the whole API down: a body's `__proto__` key
 * reached code that indexed an object by it and wrote onto Object.prototype. This walks
 * every route the platform serves, from its own tables (the gateway's OpenAPI document,
 * each service's contract over RabbitMQ), plus events and websocket messages, with
 * documents carrying such keys; then checks that nothing answered 5xx, that
 * Object.prototype is as it was (the test process freezes it, so an attempt would also
 * throw where it happens), and that sign-in, a read and a write still work.
 */

/** Written as text: JSON.stringify never emits an own `__proto__` key, an attacker does. */
const hostileDocuments = [
  '{"__proto__":{"polluted":"yes","additionalProperties":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  `{"a":{"b":{"c":{"d":{"e":{"__proto__":{"polluted":"yes"}}}}}},"constructor":"x","toString":"y","hasOwnProperty":"z"}`,
];
const hostileQuery = '__proto__%5Bpolluted%5D=yes&constructor%5Bprototype%5D%5Bpolluted%5D=yes&__proto__=yes&constructor=yes';

const namespace = `test-${randomUUID().slice(0, 8)}`;
const database = `test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const dsn = `mysql://${encodeURIComponent(mysqlTarget.user)}:${encodeURIComponent(mysqlTarget.password)}@${mysqlTarget.host}:${mysqlTarget.port}/${database}`;
const masterKey = randomBytes(32).toString('hex');
const prototypeKeys = Reflect.ownKeys(Object.prototype).map(String).sort();

let platform: StartedPlatform;
let api = '';
let wsUrl = '';
let accountId = '';
let token = '';
const statuses: { where: string; status: number }[] = [];

async function http(method: string, path: string, body?: string, auth = token): Promise<{ status: number; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (auth) headers['x-auth-token'] = auth;
  const response = await fetch(`${api}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = { text };
  }
  return { status: response.status, json };
}

async function signIn(): Promise<string> {
  const reply = await http('PUT', '/api_auth', JSON.stringify({ data: { api_key: masterKey } }), '');
  expect(reply.status).toBe(201);
  return reply.json.auth_token as string;
}

function expectNoPollution(): void {
  expect(Reflect.ownKeys(Object.prototype).map(String).sort()).toEqual(prototypeKeys);
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(probe.additionalProperties).toBeUndefined();
  expect((Object as unknown as Record<string, unknown>).additionalProperties).toBeUndefined();
}

/** The platform still does its work: sign in, read, write. */
async function expectServing(): Promise<void> {
  token = await signIn();
  const read = await http('GET', `/accounts/${accountId}`);
  expect(read.status).toBe(200);
  const name = `after-${randomUUID().slice(0, 8)}`;
  const write = await http('PUT', `/accounts/${accountId}/callflows`, JSON.stringify({ data: { name, numbers: [`+1555${Date.now() % 10_000_000}`], flow: { module: 'hangup' } } }));
  expect(write.status).toBe(201);
}

beforeAll(async () => {
  const argv = [
    ...meshArgv({ rabbitUrl, namespace, dsn, redisAddr }),
    ...['-http_listen_addr', '127.0.0.1:0', '-ws_listen_addr', '127.0.0.1:0'],
    ...['-esl_sim_listen_addr', '127.0.0.1:0', '-esl_sim_control_listen_addr', '127.0.0.1:0', '-esl_listen_addr', '127.0.0.1:0'],
    ...['-master_api_key', masterKey, '-password_hash_cost', '10'],
    ...['-rate_limit_ip_rps', '0', '-rate_limit_account_rps', '0', '-rate_limit_auth_rps', '0'],
  ];
  platform = await startPlatform(platformModules, argv);
  api = /^(http:\/\/\S+\/v2)/.exec(platform.lines['REST API'] ?? '')![1]!;
  wsUrl = platform.lines.websockets!;
  for (let i = 0; i < 200 && !/^[0-9a-f]{32}/.test(platform.running.at(-1)!.describe?.()['master account'] ?? ''); i++) await new Promise((r) => setTimeout(r, 50));
  accountId = platform.running.at(-1)!.describe!()['master account']!.slice(0, 32);
  token = await signIn();
}, 60_000);

afterAll(async () => {
  await platform?.stop();
  const services = ['customer-manager', 'flow-manager', 'webhook-manager', 'call-manager', 'api-gateway'];
  const queues = services.flatMap((service) => [`${namespace}.${service}.request`, `${namespace}.${service}.subscribe`, `${namespace}.${service}.subscribe.dead`, `${namespace}.${service}.delivery`]);
  await deleteQueuesAndExchanges(rabbitUrl, queues, services.map((service) => `${namespace}.${service}.event`));
  await dropDatabase(`mysql://${encodeURIComponent(mysqlTarget.user)}:${encodeURIComponent(mysqlTarget.password)}@${mysqlTarget.host}:${mysqlTarget.port}`, database);
  await deleteRedisKeys(redisAddr, `${namespace}:*`);
}, 60_000);

describe('documents with __proto__ and constructor.prototype keys', () => {
  it("the issue's two requests: the first is a 400 naming __proto__, and sign-in works after it", async () => {
    const first = await http('PUT', '/user_auth', '{"data":{"__proto__":{"x":1}}}', '');
    expect(first.status).toBe(400);
    expect(Object.keys(first.json.data as object)).toEqual(['__proto__']);
    expect(await signIn()).toMatch(/.+/);
    expectNoPollution();
  });

  it('every REST route of the OpenAPI document answers them without a 5xx', async () => {
    const openapi = (await (await fetch(`${api}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const paths = Object.entries(openapi.paths);
    expect(paths.length).toBeGreaterThan(40);
    const made = randomUUID().replace(/-/g, '');
    for (const [template, operations] of paths) {
      for (const method of Object.keys(operations).map((each) => each.toUpperCase())) {
        // A DELETE never aims at the live master account.
        const path = template.replace(/^\/v2/, '').replace(/\{([^}]+)\}/g, (_all, name: string) => (name === 'account_id' && method !== 'DELETE' ? accountId : made));
        for (const document of hostileDocuments) {
          const reply = await http(method, `${path}?${hostileQuery}`, method === 'GET' ? undefined : `{"data":${document}}`);
          statuses.push({ where: `${method} ${path}`, status: reply.status });
        }
      }
    }
    // 501 is the answer of a route whose service does not serve it yet (Pivot's debug log), not a failure.
    expect(statuses.filter((each) => each.status >= 500 && each.status !== 501)).toEqual([]);
    expectNoPollution();
    await expectServing();
  });

  it("every route of every service's contract over RabbitMQ answers them without a 5xx", async () => {
    const contracts: ServiceContract<RouteTable>[] = [
      customerManager.customerManagerContract,
      flowManager.flowManagerContract,
      webhookManager.webhookManagerContract,
      callManager.callManagerContract,
    ];
    const connection = await amqp.connect(rabbitUrl);
    const channel = await connection.createChannel();
    const waiting = new Map<string, (status: number) => void>();
    await channel.consume(
      'amq.rabbitmq.reply-to',
      (message) => {
        if (!message) return;
        const reply = JSON.parse(message.content.toString()) as { status_code: number };
        waiting.get(message.properties.correlationId as string)?.(reply.status_code);
      },
      { noAck: true },
    );
    const call = (service: string, envelope: string) =>
      new Promise<number>((resolve, reject) => {
        const correlationId = randomUUID();
        const timer = setTimeout(() => reject(new Error(`${service} did not answer ${envelope}`)), 10_000);
        waiting.set(correlationId, (status) => {
          clearTimeout(timer);
          resolve(status);
        });
        channel.sendToQueue(`${namespace}.${service}.request`, Buffer.from(envelope), { correlationId, replyTo: 'amq.rabbitmq.reply-to' });
      });
    const failures: string[] = [];
    let sent = 0;
    try {
      for (const contract of contracts) {
        for (const route of Object.values(contract.routes)) {
          const uri = `${route.path.replace(/:([A-Za-z0-9_]+)/g, () => randomUUID().replace(/-/g, ''))}?${hostileQuery}`;
          for (const document of hostileDocuments) {
            for (const data of [document, JSON.stringify(document)]) {
              const envelope = `{"uri":${JSON.stringify(uri)},"method":"${route.method}","data_type":"application/json","data":${data},"publisher":"attacker"}`;
              const status = await call(contract.service, envelope);
              sent++;
              if (status >= 500) failures.push(`${contract.service} ${route.method} ${route.path}: ${status}`);
            }
          }
          // The hostile key on the envelope itself, beside uri and method.
          const status = await call(contract.service, `{"uri":${JSON.stringify(uri)},"method":"${route.method}","__proto__":{"polluted":"yes"}}`);
          if (status >= 500) failures.push(`${contract.service} envelope ${route.path}: ${status}`);
        }
      }
    } finally {
      await connection.close();
    }
    expect(sent).toBeGreaterThan(100);
    expect(failures).toEqual([]);
    expectNoPollution();
    await expectServing();
  }, 60_000);

  it('events carrying them are parked, and the subscribers go on', async () => {
    const connection = await amqp.connect(rabbitUrl);
    const channel = await connection.createConfirmChannel();
    try {
      for (const publisher of ['call-manager', 'customer-manager', 'flow-manager']) {
        for (const document of hostileDocuments) {
          for (const type of ['call_created', 'account_updated', 'activeflow_updated', 'channel_create']) {
            channel.publish(`${namespace}.${publisher}.event`, '', Buffer.from(`{"type":"${type}","publisher":"${publisher}","data_type":"application/json","data":${document}}`), { persistent: true });
          }
        }
      }
      await channel.waitForConfirms();
      // webhook-manager and the gateway both subscribe to call-manager: its malformed events are parked for each.
      const parked = async (service: string) => (await channel.checkQueue(`${namespace}.${service}.subscribe.dead`)).messageCount;
      for (let i = 0; i < 200 && (await parked('webhook-manager')) === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await parked('webhook-manager')).toBeGreaterThan(0);
    } finally {
      await connection.close();
    }
    expectNoPollution();
    await expectServing();
  });

  it('websocket messages carrying them get an error reply, and the socket goes on', async () => {
    const socket = new WebSocket(wsUrl);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const replies: Record<string, unknown>[] = [];
    socket.on('message', (raw) => replies.push(JSON.parse(raw.toString()) as Record<string, unknown>));
    try {
      for (const document of hostileDocuments) {
        socket.send(`{"action":"subscribe","auth_token":"${token}","request_id":"r-${replies.length}","data":${document}}`);
        socket.send(document);
      }
      socket.send(JSON.stringify({ action: 'subscribe', auth_token: token, request_id: 'good', data: { account_id: accountId, binding: 'call.CHANNEL_CREATE.*' } }));
      for (let i = 0; i < 200 && !replies.some((reply) => reply.request_id === 'good'); i++) await new Promise((r) => setTimeout(r, 25));
      expect(replies.filter((reply) => reply.status === 'error').length).toBe(hostileDocuments.length * 2);
      expect(replies.find((reply) => reply.request_id === 'good')).toMatchObject({ status: 'success' });
    } finally {
      socket.terminate();
    }
    expectNoPollution();
  });
});
