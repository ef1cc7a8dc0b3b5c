import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import amqp from 'amqplib';
import { freePort, sleep } from './waiting.js';

/**
 * A RabbitMQ node of a test's own: its own node name, ports, data and Erlang cookie in a
 * temporary directory, so a test may stop, start or kill its broker without touching the
 * machine's shared one. It runs the installed server's scripts directly (Debian puts them
 * in /usr/lib/rabbitmq/bin; `RABBITMQ_SCRIPTS_DIR` says where else), as the current user.
 */
export interface PrivateRabbit {
  /** `amqp://guest:guest@127.0.0.1:<port>`: guest may log in from anywhere on this node. */
  readonly url: string;
  readonly port: number;
  /** The Erlang node name, e.g. `vx-hold-1234-ab12@localhost`. */
  readonly node: string;
  /** The temporary directory holding its config, data and logs (removed by `stop`). */
  readonly dir: string;
  /** `rabbitmqctl stop_app`: the broker closes every connection and refuses new ones; the node stays up. */
  stopApp(): Promise<void>;
  /** `rabbitmqctl start_app`, resolving once an AMQP client can connect again. */
  startApp(): Promise<void>;
  /** Any other `rabbitmqctl` command on this node (e.g. `['list_queues', 'name', 'type']`); resolves with its stdout. */
  ctl(args: string[]): Promise<string>;
  /** Stops the node, kills what is left of it and removes its directory. */
  stop(): Promise<void>;
}

export interface PrivateRabbitOptions {
  /** A word in the node name, to tell nodes apart in `epmd -names` and logs. */
  name?: string;
  /** How long the node may take to boot; 90 s unless said (a loaded two-core machine needs 10–20 s). */
  startTimeoutMs?: number;
}

const scriptsDir = process.env.RABBITMQ_SCRIPTS_DIR ?? '/usr/lib/rabbitmq/bin';

/** Whether this machine has the RabbitMQ server scripts a private node runs from. */
export function privateRabbitAvailable(): boolean {
  return existsSync(join(scriptsDir, 'rabbitmq-server')) && existsSync(join(scriptsDir, 'rabbitmqctl'));
}

/** Boots a private node and resolves once it takes AMQP connections. */
export async function startPrivateRabbit(options: PrivateRabbitOptions = {}): Promise<PrivateRabbit> {
  if (!privateRabbitAvailable()) throw new Error(`no RabbitMQ server scripts in ${scriptsDir} (set RABBITMQ_SCRIPTS_DIR)`);
  const word = (options.name ?? 'test').replace(/[^a-z0-9]/gi, '').slice(0, 20) || 'test';
  const node = `vx-${word}-${process.pid}-${randomBytes(2).toString('hex')}@localhost`;
  const dir = mkdtempSync(join(tmpdir(), `vx-rabbit-${word}-`));
  const port = await freePort();
  let distPort = await freePort();
  while (distPort === port) distPort = await freePort();
  // The system's rabbitmq.conf and rabbitmq-env.conf name the shared node and its port:
  // this node reads empty ones of its own instead.
  writeFileSync(join(dir, 'rabbitmq.conf'), [`listeners.tcp.default = 127.0.0.1:${port}`, 'loopback_users = none', ''].join('\n'));
  writeFileSync(join(dir, 'rabbitmq-env.conf'), '');
  writeFileSync(join(dir, 'enabled_plugins'), '[].\n');
  const env = {
    ...process.env,
    // The Erlang cookie lives in $HOME; our own keeps the CLI and this node paired.
    HOME: dir,
    RABBITMQ_CONF_ENV_FILE: join(dir, 'rabbitmq-env.conf'),
    RABBITMQ_CONFIG_FILE: join(dir, 'rabbitmq.conf'),
    RABBITMQ_NODENAME: node,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(dir, 'enabled_plugins'),
    RABBITMQ_PID_FILE: join(dir, 'pid'),
    ERL_EPMD_ADDRESS: '127.0.0.1',
  };
  const server = spawn(join(scriptsDir, 'rabbitmq-server'), [], { env, cwd: dir, detached: true, stdio: ['ignore', 'ignore', 'ignore'] });
  let exited: string | undefined;
  server.on('exit', (code, signal) => {
    exited = `exited with ${signal ?? code}`;
  });
  // A test that dies before `stop` must not leave a broker running behind it.
  const killOnExit = () => killGroup(server);
  process.on('exit', killOnExit);
  const url = `amqp://guest:guest@127.0.0.1:${port}`;

  const ctl = (args: string[]) =>
    new Promise<string>((resolve, reject) => {
      execFile(join(scriptsDir, 'rabbitmqctl'), ['-n', node, '-q', ...args], { env, cwd: dir, timeout: 60_000 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`rabbitmqctl ${args.join(' ')} on ${node}: ${stderr.trim() || error.message}`));
        else resolve(stdout);
      });
    });

  const waitForAmqp = async (timeoutMs: number) => {
    const giveUpAt = Date.now() + timeoutMs;
    for (;;) {
      if (exited) throw new Error(`private RabbitMQ ${node} ${exited}: ${logTail(dir, node)}`);
      try {
        const connection = await amqp.connect(url, { timeout: 2000 });
        await connection.close();
        return;
      } catch (error) {
        if (Date.now() > giveUpAt) throw new Error(`private RabbitMQ ${node} took no connection within ${timeoutMs} ms (${(error as Error).message}): ${logTail(dir, node)}`);
        await sleep(200);
      }
    }
  };

  const stop = async () => {
    process.off('exit', killOnExit);
    if (!exited) {
      await ctl(['stop']).catch(() => undefined);
      const deadline = Date.now() + 10_000;
      while (!exited && Date.now() < deadline) await sleep(100);
      killGroup(server);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await waitForAmqp(options.startTimeoutMs ?? 90_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    port,
    node,
    dir,
    ctl,
    stop,
    stopApp: async () => {
      await ctl(['stop_app']);
    },
    startApp: async () => {
      await ctl(['start_app']);
      await waitForAmqp(60_000);
    },
  };
}

/** The server runs in its own process group (the script, then Erlang's beam and epmd children); kill all of it. */
function killGroup(server: ChildProcess): void {
  if (server.pid === undefined || server.exitCode !== null) return;
  try {
    process.kill(-server.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function logTail(dir: string, node: string): string {
  try {
    const lines = readFileSync(join(dir, 'log', `${node}.log`), 'utf8').trim().split('\n');
    return lines.slice(-5).join(' | ');
  } catch {
    return '(no log)';
  }
}
