import { randomUUID } from 'node:crypto';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { commonFlags, meshConfigFrom, parseFlags, type FlagSpec } from '@voxmesh/config';
import { apiGatewayModule, type GatewayHandle } from '@voxmesh/api-gateway';
import { customerManagerModule } from '@voxmesh/customer-manager';
import { flowManagerModule } from '@voxmesh/flow-manager';
import { MeshNames } from '@voxmesh/mesh';
import { createServiceContext, openSharedResources, startModule, type RunningService, type ServiceModule } from '@voxmesh/runtime';
import { silentLogger } from '@voxmesh/telemetry';
import { deleteQueuesAndExchanges, deleteRedisKeys, dropDatabase } from '@voxmesh/testkit';
import { sameWorkGateway, type SameWorkGateway } from './baselines/gateway-same-work.js';

/**
 * `GET /v2/accounts/{A}/callflows/{id}` through the whole path (HTTP, the token cache, the
 * tenant check, an RPC to flow-manager, its cache or MySQL, the crossbar envelope) with
 * `concurrency` keep-alive connections, beside a bare node:http server answering the same
 * bytes, and beside the plain same-work path (node:http in front of an amqplib RPC to a
 * server answering the same document), measured by the same client in alternating rounds
 * of the same run.
 */
export interface GatewayBenchOptions {
  url: string;
  /** A MySQL URL without the database; a database is made and dropped. */
  mysql: string;
  redis: string;
  durationMs: number;
  concurrency?: number;
  rounds?: number;
  log: (line: string) => void;
}

export interface HttpFigures {
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  count: number;
  errors: number;
}

export interface GatewayBenchResult {
  bare: HttpFigures;
  sameWork: HttpFigures;
  gateway: HttpFigures;
}

function get(agent: Agent, url: URL, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: url.hostname, port: url.port, path: url.pathname, method: 'GET', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function drive(target: string, headers: Record<string, string>, concurrency: number, durationMs: number): Promise<HttpFigures> {
  const url = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const once = async () => {
    const status = await get(agent, url, headers);
    if (status !== 200) throw new Error(`answered ${status}`);
  };
  const warmUntil = Date.now() + Math.min(300, durationMs / 4);
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < warmUntil) await once();
  }));
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const stopAt = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < stopAt) {
        const t0 = performance.now();
        try {
          await once();
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  agent.destroy();
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { throughput: latencies.length / elapsed, p50Ms: at(0.5), p99Ms: at(0.99), count: latencies.length, errors };
}

function medianOf(rounds: HttpFigures[]): HttpFigures {
  return [...rounds].sort((a, b) => a.throughput - b.throughput)[Math.floor(rounds.length / 2)]!;
}

export async function runGatewayBench(options: GatewayBenchOptions): Promise<GatewayBenchResult> {
  const concurrency = options.concurrency ?? 64;
  const rounds = options.rounds ?? 5;
  const roundMs = Math.max(300, Math.round(options.durationMs / rounds));
  const tag = randomUUID().slice(0, 8);
  const namespace = `bench-${tag}`;
  const database = `bench_${tag}`;
  const mysqlUrl = new URL(options.mysql);
  const dsn = `${mysqlUrl.protocol}//${mysqlUrl.username}:${mysqlUrl.password}@${mysqlUrl.hostname}:${mysqlUrl.port || 3306}/${database}`;
  const masterKey = `bench-master-${randomUUID()}`;

  const modules: ServiceModule[] = [customerManagerModule, flowManagerModule, apiGatewayModule];
  const byName = new Map<string, FlagSpec>(commonFlags('platform').map((spec) => [spec.name, spec]));
  for (const module of modules) for (const spec of module.flags ?? []) if (!byName.has(spec.name)) byName.set(spec.name, spec);
  const argv = ['-rabbit_addr', options.url, '-rabbit_namespace', namespace, '-dbDSN', dsn, '-redis_addr', options.redis, '-prom_listen_addr', '127.0.0.1:0', '-log_level', 'silent'];
  argv.push('-http_listen_addr', '127.0.0.1:0', '-ws_listen_addr', '127.0.0.1:0', '-master_api_key', masterKey);
  argv.push('-rate_limit_ip_rps', '0', '-rate_limit_account_rps', '0');
  const { values, explicit } = parseFlags([...byName.values()], argv);
  const shared = await openSharedResources(meshConfigFrom('platform', values, explicit), silentLogger());
  const running: RunningService[] = [];
  let gateway: GatewayHandle | undefined;
  let bareServer: Server | undefined;
  let same: SameWorkGateway | undefined;
  try {
    for (const module of modules) {
      const service = await startModule(module, createServiceContext(module, meshConfigFrom(module.name, values, explicit), values, shared));
      running.push(service);
      if (module === apiGatewayModule) gateway = service as GatewayHandle;
    }
    const base = gateway!.httpUrl;
    const login = (await (await fetch(`${base}/v2/api_auth`, { method: 'PUT', body: JSON.stringify({ data: { api_key: masterKey } }) })).json()) as {
      auth_token: string;
      data: { account_id: string };
    };
    const headers = { 'x-auth-token': login.auth_token };
    const accountId = login.data.account_id;
    const made = (await (
      await fetch(`${base}/v2/accounts/${accountId}/callflows`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ data: { numbers: ['+15550001111'], flow: { module: 'tts', data: { text: 'hello' } } } }),
      })
    ).json()) as { data: { id: string } };
    const target = `${base}/v2/accounts/${accountId}/callflows/${made.data.id}`;
    const sample = await (await fetch(target, { headers })).text();

    // The baseline answers the gateway's own reply, byte for byte, with nothing behind it.
    bareServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': randomUUID() });
      res.end(sample);
    });
    await new Promise<void>((resolve) => bareServer!.listen(0, '127.0.0.1', () => resolve()));
    const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/v2/accounts/${accountId}/callflows/${made.data.id}`;

    same = await sameWorkGateway({ url: options.url, document: sample, path: new URL(target).pathname, prefetch: concurrency });

    const bareRounds: HttpFigures[] = [];
    const sameRounds: HttpFigures[] = [];
    const gatewayRounds: HttpFigures[] = [];
    for (let round = 0; round < rounds; round++) {
      bareRounds.push(await drive(bareUrl, headers, concurrency, roundMs));
      sameRounds.push(await drive(same.url, headers, concurrency, roundMs));
      gatewayRounds.push(await drive(target, headers, concurrency, roundMs));
    }
    const bare = medianOf(bareRounds);
    const sameWork = medianOf(sameRounds);
    const through = medianOf(gatewayRounds);
    const line = (name: string, figures: HttpFigures) =>
      `  ${name.padEnd(28)} ${figures.throughput.toFixed(0).padStart(7)} req/s  p50 ${figures.p50Ms.toFixed(2).padStart(6)} ms  p99 ${figures.p99Ms.toFixed(2).padStart(6)} ms${figures.errors ? `  (${figures.errors} errors)` : ''}`;
    options.log(`GET /v2/accounts/{A}/callflows/{id}, ${concurrency} connections, median of ${rounds} alternating rounds of ${roundMs} ms`);
    options.log(line('bare node:http, same JSON', bare));
    options.log(line('same work: http → amqplib RPC', sameWork));
    options.log(line('gateway → RPC → flow-manager', through));
    options.log(
      `  gateway throughput ${((through.throughput / bare.throughput) * 100).toFixed(1)}% of bare, ${((through.throughput / sameWork.throughput) * 100).toFixed(1)}% of same work, p99 ${(through.p99Ms / bare.p99Ms).toFixed(1)}x bare`,
    );
    return { bare, sameWork, gateway: through };
  } finally {
    await same?.close().catch(() => undefined);
    if (bareServer) await new Promise<void>((resolve) => bareServer!.close(() => resolve()));
    for (const service of running.reverse()) await service.stop().catch(() => undefined);
    await shared.close().catch(() => undefined);
    await cleanUp(options, namespace, database);
  }
}

async function cleanUp(options: GatewayBenchOptions, namespace: string, database: string): Promise<void> {
  const names = new MeshNames(namespace);
  const services = ['customer-manager', 'flow-manager', 'api-gateway', 'webhook-manager', 'call-manager'];
  await deleteQueuesAndExchanges(
    options.url,
    services.flatMap((service) => [names.requestQueue(service), names.subscribeQueue(service), names.deadLetterQueue(service)]),
    services.map((service) => names.eventExchange(service)),
  );
  await dropDatabase(options.mysql, database);
  await deleteRedisKeys(options.redis, `${namespace}:*`);
}
