import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, sleep } from './waiting.js';

/**
 * A Redis master, its replicas and a Sentinel watching them, all of a test's own on free
 * ports, so a test may kill the master and watch the failover without touching the
 * machine's Redis. Sentinel is the same `redis-server` binary in sentinel mode.
 */
export interface PrivateRedisGroup {
  /** The master name the sentinel monitors. */
  readonly masterName: string;
  readonly sentinels: { host: string; port: number }[];
  /** The port of the server that is master now (asked of the sentinel). */
  masterPort(): Promise<number>;
  /** Kills the current master at once (SIGKILL), as a crash does; resolves with its port. */
  killMaster(): Promise<number>;
  /** Resolves once the sentinel names a master other than `port`. */
  failedOverFrom(port: number, timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

export interface PrivateRedisOptions {
  replicas?: number;
  /** How long the sentinel waits before it calls a silent master down. */
  downAfterMs?: number;
}

const redisServer = process.env.REDIS_SERVER_BIN ?? 'redis-server';

/** Whether this machine has `redis-server` to run private servers and sentinels from. */
export function privateRedisAvailable(): boolean {
  try {
    execFileSync(redisServer, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function startPrivateRedisGroup(options: PrivateRedisOptions = {}): Promise<PrivateRedisGroup> {
  const dir = mkdtempSync(join(tmpdir(), 'vx-redis-'));
  const masterName = 'vxmaster';
  const servers = new Map<number, ChildProcess>();
  const children: ChildProcess[] = [];
  const run = (args: string[]) => {
    const child = spawn(redisServer, args, { cwd: dir, stdio: 'ignore' });
    children.push(child);
    return child;
  };
  const killAll = () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.on('exit', killAll);
  const stop = async () => {
    process.off('exit', killAll);
    killAll();
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const serverArgs = (port: number) => ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--dbfilename', `dump-${port}.rdb`];
    const masterPort = await freePort();
    servers.set(masterPort, run(serverArgs(masterPort)));
    await answers(masterPort);
    for (let i = 0; i < (options.replicas ?? 1); i++) {
      const port = await freePort();
      servers.set(port, run([...serverArgs(port), '--replicaof', '127.0.0.1', String(masterPort)]));
      await answers(port);
    }
    const sentinelPort = await freePort();
    // Sentinel rewrites its config as it learns the group, so it gets a file of its own.
    const config = join(dir, 'sentinel.conf');
    writeFileSync(
      config,
      [
        `port ${sentinelPort}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor ${masterName} 127.0.0.1 ${masterPort} 1`,
        `sentinel down-after-milliseconds ${masterName} ${options.downAfterMs ?? 1000}`,
        `sentinel failover-timeout ${masterName} 5000`,
        '',
      ].join('\n'),
    );
    run([config, '--sentinel']);
    await answers(sentinelPort);
    const sentinel = () => {
      const client = new Redis({ host: '127.0.0.1', port: sentinelPort, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
      client.on('error', () => undefined);
      return client;
    };
    const masterPortNow = async () => {
      const client = sentinel();
      try {
        await client.connect();
        const reply = (await client.call('SENTINEL', 'get-master-addr-by-name', masterName)) as [string, string] | null;
        if (!reply) throw new Error(`sentinel knows no master ${masterName}`);
        return Number(reply[1]);
      } finally {
        client.disconnect();
      }
    };
    // Wait until the sentinel has found the replicas: only then can it fail over.
    const giveUpAt = Date.now() + 15_000;
    for (;;) {
      const client = sentinel();
      await client.connect();
      const replicas = (await client.call('SENTINEL', 'replicas', masterName)) as unknown[];
      client.disconnect();
      if (replicas.length >= (options.replicas ?? 1)) break;
      if (Date.now() > giveUpAt) throw new Error('the sentinel did not find the replicas within 15 s');
      await sleep(100);
    }
    return {
      masterName,
      sentinels: [{ host: '127.0.0.1', port: sentinelPort }],
      masterPort: masterPortNow,
      killMaster: async () => {
        const port = await masterPortNow();
        servers.get(port)?.kill('SIGKILL');
        return port;
      },
      failedOverFrom: async (port, timeoutMs = 20_000) => {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const now = await masterPortNow().catch(() => port);
          if (now !== port) return now;
          if (Date.now() > deadline) throw new Error(`no failover from :${port} within ${timeoutMs} ms`);
          await sleep(100);
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resolves once a server on `port` answers PING. */
async function answers(port: number, timeoutMs = 10_000): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      if ((await client.ping()) === 'PONG') return;
    } catch {
      if (Date.now() > giveUpAt) throw new Error(`redis-server on :${port} did not answer within ${timeoutMs} ms`);
      await sleep(50);
    } finally {
      client.disconnect();
    }
  }
}
