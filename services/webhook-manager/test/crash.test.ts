import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Receiver, TestEnv, accountEvent, channelEvent, eventually, newId } from './harness.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = join(root, 'services', 'webhook-manager', 'bin', 'webhook-manager');

interface Child {
  process: ChildProcess;
  output: () => string;
}

/**
 * The real binary, killed with SIGKILL in the middle of a backlog: nothing it had
 * acknowledged may be lost, and what it was sending when it died may come twice, but
 * only under the same event id.
 */
describe('kill -9 with 1,000 events pending', () => {
  const env = new TestEnv();
  const receiver = new Receiver();
  const account = newId();
  const children: ChildProcess[] = [];
  const flags = [
    '-log_level',
    'warn',
    '-webhook_allow_private',
    '-webhook_concurrency',
    '16',
    '-webhook_retry_base_ms',
    '200',
    '-webhook_retry_max_ms',
    '1000',
    '-webhook_request_timeout_ms',
    '2000',
    '-webhook_connect_timeout_ms',
    '1000',
    '-webhook_sweep_interval_ms',
    '500',
  ];

  function start(): Promise<Child> {
    const child = spawn(process.execPath, [bin, ...env.argv(flags)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`webhook-manager did not start:\n${output}`)), 30_000);
      const poll = setInterval(() => {
        if (!output.includes('webhook-manager is running')) return;
        clearInterval(poll);
        clearTimeout(timer);
        resolve({ process: child, output: () => output });
      }, 20);
      child.once('exit', (code) => {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`webhook-manager exited with ${code}:\n${output}`));
      });
    });
  }

  beforeAll(async () => {
    // The test runs the built binary; build it (incrementally) first.
    const build = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'services/webhook-manager'], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) {
      // A package being edited elsewhere in the workspace may not compile this minute; the last build still runs.
      if (!existsSync(join(root, 'services', 'webhook-manager', 'dist', 'standalone.js'))) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
      process.stderr.write(`webhook-manager build failed; testing the previous build:\n${build.stdout}${build.stderr}\n`);
    }
    // A receiver a little slow to answer keeps a backlog in the outbox.
    receiver.respond = () => ({ status: 200, delayMs: 15 });
    await receiver.start();
  }, 240_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await receiver.close();
    await env.cleanup();
  }, 60_000);

  it('delivers every event after a restart, a duplicate only with the same event id, each call in order', async () => {
    const first = await start();
    await env.publish('customer-manager', 'account_created', accountEvent(account));
    const client = await env.rpc();
    await client.call('createWebhook', {
      params: { account_id: account },
      body: { name: 'crash', uri: receiver.url('/crash'), hook: 'channel_answer', format: 'json', retries: 5 },
    });

    const calls = Array.from({ length: 10 }, () => newId());
    const total = 1000;
    const perCall = total / calls.length;
    for (let n = 0; n < perCall; n++) {
      await Promise.all(calls.map((call) => env.publish('call-manager', 'channel_answer', channelEvent(account, call, { custom_channel_vars: { seq: n } }))));
    }
    const callEvents = () => receiver.on('/crash').map((each) => ({ eventId: String(each.headers['x-event-id']), body: JSON.parse(each.body) as Record<string, unknown> }));
    await eventually('some delivered', () => callEvents().length >= 100, 30_000);
    first.process.kill('SIGKILL');
    await new Promise((resolve) => first.process.once('exit', resolve));
    const atKill = callEvents().length;
    expect(atKill).toBeLessThan(total);

    await start();
    await eventually('every event delivered', () => new Set(callEvents().map((each) => each.eventId)).size >= total, 120_000);

    const received = callEvents();
    const byEvent = new Map<string, Set<string>>();
    const eventOf = new Map<string, string>();
    for (const { eventId, body } of received) {
      const key = `${body.call_id}:${(body.custom_channel_vars as { seq: number }).seq}`;
      byEvent.set(eventId, (byEvent.get(eventId) ?? new Set()).add(key));
      // The same event never arrives under two ids.
      expect(eventOf.get(key) ?? eventId).toBe(eventId);
      eventOf.set(key, eventId);
    }
    expect(byEvent.size).toBe(total);
    expect(eventOf.size).toBe(total);
    for (const keys of byEvent.values()) expect(keys.size).toBe(1);
    for (const call of calls) {
      const firsts: number[] = [];
      const seen = new Set<string>();
      for (const { eventId, body } of received) {
        if (body.call_id !== call || seen.has(eventId)) continue;
        seen.add(eventId);
        firsts.push((body.custom_channel_vars as { seq: number }).seq);
      }
      expect(firsts).toEqual(Array.from({ length: perCall }, (_, n) => n));
    }
    const pending = await env.sql<{ n: number }>("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE state <> 'done'");
    expect(Number(pending[0]!.n)).toBe(0);
    process.stdout.write(`kill -9 test: ${atKill} delivered before the kill, ${received.length - total} duplicate(s) after the restart\n`);
  }, 240_000);
});
