import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from '@jest/globals';
import amqp from 'amqplib';
import mysql from 'mysql2/promise';
import { freePort } from '@voxmesh/testkit';

const rabbitUrl = process.env.RABBIT_ADDR ?? 'amqp://guest:guest@127.0.0.1:5672';

/**
 * Removes every queue and exchange of a namespace. The platform declares names for all
 * its services, so they are read from the broker (rabbitmqctl) rather than listed here.
 */
async function deleteNamespace(namespace: string): Promise<void> {
  const list = (what: string) =>
    execFileSync('rabbitmqctl', ['-q', what, 'name'], { encoding: 'utf8', timeout: 30_000 })
      .split('\n')
      .map((line) => line.trim())
      .filter((name) => name.startsWith(`${namespace}.`));
  const connection = await amqp.connect(rabbitUrl);
  try {
    for (const queue of list('list_queues')) {
      const channel = await connection.createChannel();
      await channel.deleteQueue(queue).catch(() => undefined);
      await channel.close().catch(() => undefined);
    }
    for (const exchange of list('list_exchanges')) {
      const channel = await connection.createChannel();
      await channel.deleteExchange(exchange).catch(() => undefined);
      await channel.close().catch(() => undefined);
    }
  } finally {
    await connection.close();
  }
}

/** The built platform, as `npm start` runs it (`npm test` builds before testing). */
const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');

interface Started {
  child: ChildProcess;
  output: () => string;
  metricsUrl: string;
}

function start(args: string[]): Promise<Started> {
  // Ephemeral ports for every listener, so the test never meets another process's 8000 or 5555.
  const ports = ['-prom_listen_addr', '127.0.0.1:0', '-http_listen_addr', '127.0.0.1:0', '-ws_listen_addr', '127.0.0.1:0'];
  // Each start keeps its data in a directory of its own (by default it would be ./.voxmesh, one holder at a time).
  const data = ['-data_dir', mkdtempSync(join(tmpdir(), 'voxmesh-platform-'))];
  const child = spawn(process.execPath, [main, ...ports, ...data, '-log_level', 'warn', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`platform did not start:\n${output}`)), 20_000);
    const poll = setInterval(() => {
      const match = /metrics\s+(http:\/\/\S+)/.exec(output);
      if (match) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve({ child, output: () => output, metricsUrl: match[1]! });
      }
    }, 20);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`platform exited with ${code}:\n${output}`));
    });
  });
}

/** The first capture of `pattern` in the output, once it is printed. */
async function eventuallyMatch(output: () => string, pattern: RegExp): Promise<string> {
  for (let tries = 0; tries < 100; tries++) {
    const found = pattern.exec(output())?.[1];
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${pattern} never printed:\n${output()}`);
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('npm start (the platform in one process)', () => {
  let running: ChildProcess | undefined;
  afterEach(() => {
    running?.kill('SIGKILL');
    running = undefined;
  });

  it('runs on the embedded stand-ins when given no addresses, reports where, and stops cleanly', async () => {
    const started = await start([]);
    running = started.child;
    expect(started.output()).toContain('embedded in-process bus');
    expect(started.output()).toContain('embedded SQLite');
    // sup cannot reach the bus inside this process: the banner says so and gives the REST call instead.
    expect(await eventuallyMatch(started.output, /^(Admin commands: .+)$/m)).toContain('bin/sup talks over RabbitMQ');
    expect(started.output()).toMatch(/curl -s -X PATCH http:\/\/\S+\/v2\/system_configs\/metaflows/);
    // The API, the master account and its key are printed, and the key works.
    const api = /REST API\s+(http:\/\/\S+)\/v2/.exec(started.output())?.[1];
    const master = /master account\s+([0-9a-f]{32})/.exec(started.output())?.[1];
    const key = /master API key\s+([0-9a-f]{64})/.exec(started.output())?.[1];
    expect(api && master && key).toBeTruthy();
    const login = await fetch(`${api}/v2/api_auth`, { method: 'PUT', body: JSON.stringify({ data: { api_key: key } }) });
    expect(login.status).toBe(201);
    expect(((await login.json()) as { data: { account_id: string } }).data.account_id).toBe(master);
    const ready = await fetch(started.metricsUrl.replace('/metrics', '/readyz'));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { broker: true, database: true, cache: true } });
    expect((await fetch(started.metricsUrl)).status).toBe(200);
    expect(await stop(started.child)).toBe(0);
    running = undefined;
  });

  it('runs the same on RabbitMQ, MySQL and Redis when given their addresses', async () => {
    const database = `test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const namespace = `test-${randomUUID().slice(0, 8)}`;
    const started = await start([
      '-rabbit_addr',
      process.env.RABBIT_ADDR ?? 'amqp://guest:guest@127.0.0.1:5672',
      '-dbDSN',
      `root:@tcp(127.0.0.1:3306)/${database}`,
      '-redis_addr',
      process.env.TEST_REDIS_ADDR ?? '127.0.0.1:6379',
      '-rabbit_namespace',
      namespace,
    ]);
    running = started.child;
    try {
      expect(started.output()).toContain('amqp://guest:***@');
      expect(started.output()).toContain(`mysql 127.0.0.1:3306/${database}`);
      expect((await fetch(started.metricsUrl.replace('/metrics', '/readyz'))).status).toBe(200);
      // The banner's sup command, run as printed (with the password it hides), reaches this platform.
      const supLine = await eventuallyMatch(started.output, /^  (bin\/sup .+)$/m);
      const printed = supLine.replace(':***@', ':guest@');
      const sup = spawnSync('bash', ['-euc', printed], { cwd: join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'), encoding: 'utf8', timeout: 20_000 });
      expect({ status: sup.status, stderr: sup.stderr }).toMatchObject({ status: 0 });
      expect(sup.stdout).toBe('undefined\n');
      expect(await stop(started.child)).toBe(0);
      running = undefined;
    } finally {
      const connection = await mysql.createConnection({ host: '127.0.0.1', user: 'root', password: '' });
      await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await connection.end();
      await deleteNamespace(namespace);
    }
  });

  it('points call-manager at the simulator wherever its event socket listens', async () => {
    const [esl, control, outbound] = [await freePort(), await freePort(), await freePort()];
    const started = await start([
      ...['-esl_sim_listen_addr', `127.0.0.1:${esl}`, '-esl_sim_control_listen_addr', `127.0.0.1:${control}`],
      ...['-esl_listen_addr', `127.0.0.1:${outbound}`],
    ]);
    running = started.child;
    expect(started.output()).toContain(`event socket 127.0.0.1:${esl}`);
    expect(started.output()).toContain(`media servers 127.0.0.1:${esl};`);
    // call-manager's inbound event socket is up on the moved address, and a call placed
    // on the simulator reaches call-manager.
    const metric = async (pattern: RegExp) => {
      for (let tries = 0; tries < 100; tries++) {
        if (pattern.test(await (await fetch(started.metricsUrl)).text())) return true;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return false;
    };
    expect(await metric(new RegExp(`call_manager_media_server_up\\{media_server="127\\.0\\.0\\.1:${esl}"\\} 1`))).toBe(true);
    const placed = await fetch(`http://127.0.0.1:${control}/calls`, { method: 'POST', body: JSON.stringify({ from: '+15550001', to: '+15550002' }) });
    expect(placed.status).toBeLessThan(300);
    expect(await metric(/call_manager_calls_started_total\{[^}]*\} [1-9]/)).toBe(true);
    expect(await stop(started.child)).toBe(0);
    running = undefined;
  });

  it('wires esl-sim and call-manager together on ephemeral ports, both ways', async () => {
    const started = await start(['-esl_sim_listen_addr', '127.0.0.1:0', '-esl_sim_control_listen_addr', '127.0.0.1:0', '-esl_listen_addr', '127.0.0.1:0']);
    running = started.child;
    const socket = /event socket 127\.0\.0\.1:(\d+)/.exec(started.output())?.[1];
    const outbound = /calls handed to 127\.0\.0\.1:(\d+)/.exec(started.output())?.[1];
    const control = /esl-sim control\s+(http:\/\/\S+)/.exec(started.output())?.[1];
    expect(Number(socket)).toBeGreaterThan(0);
    expect(Number(outbound)).toBeGreaterThan(0);
    expect(started.output()).toContain(`media servers 127.0.0.1:${socket}; outbound sockets on 127.0.0.1:${outbound}`);
    // A call placed on the simulator reaches call-manager's outbound-socket server.
    expect((await fetch(`${control}/calls`, { method: 'POST', body: JSON.stringify({ from: '+15550001', to: '+15550002' }) })).status).toBeLessThan(300);
    let reached = false;
    for (let tries = 0; tries < 100 && !reached; tries++) {
      reached = /call_manager_calls_started_total\{[^}]*\} [1-9]/.test(await (await fetch(started.metricsUrl)).text());
      if (!reached) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(reached).toBe(true);
    expect(await stop(started.child)).toBe(0);
    running = undefined;
  });

  it('logs JSON lines that name their service once, the service and not the platform', async () => {
    const started = await start(['-log_level', 'info', '-log_format', 'json']);
    running = started.child;
    expect(await stop(started.child)).toBe(0);
    running = undefined;
    const lines = started.output().split('\n').filter((line) => line.startsWith('{'));
    const migrated = lines.filter((line) => line.includes('"msg":"migration applied"'));
    expect(migrated.length).toBeGreaterThan(0);
    for (const line of lines) expect({ line, services: line.split('"service":').length - 1 }).toEqual({ line, services: 1 });
    for (const line of migrated) expect(line).not.toContain('"service":"platform"');
    expect(lines.some((line) => line.includes('"service":"customer-manager"'))).toBe(true);
  });

  it('logs readable lines with -log_format pretty: time, level, service, message, fields', async () => {
    const started = await start(['-log_level', 'info', '-log_format', 'pretty']);
    running = started.child;
    expect(await stop(started.child)).toBe(0);
    running = undefined;
    const migrated = started.output().split('\n').filter((line) => line.includes(' migration applied '));
    expect(migrated.length).toBeGreaterThan(0);
    for (const line of migrated) expect(line).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO  [a-z-]+-manager migration applied version=\d+ name=/);
    expect(started.output()).not.toContain('{"level"');
  });

  it('prints usage for -h and exits 0', () => {
    const result = spawnSync(process.execPath, [main, '-h'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('-rabbit_addr string');
    expect(result.stdout).toContain('-dbDSN string');
    expect(result.stdout).toContain('-log_format string');
  });

  it('refuses a bad flag value at start, naming the flag', () => {
    const result = spawnSync(process.execPath, [main, '-redis_db', 'many'], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('invalid value "many" for flag -redis_db');
    const format = spawnSync(process.execPath, [main, '-log_format', 'xml'], { encoding: 'utf8' });
    expect(format.status).toBe(2);
    expect(format.stderr).toContain('invalid value "xml" for flag -log_format: use pretty or json');
  });
});
