import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@voxmesh/testkit';

/** The server scripts without the Debian wrapper, which would switch to the rabbitmq user and its shared home. */
const RABBIT_BIN = existsSync('/usr/lib/rabbitmq/bin/rabbitmq-server') ? '/usr/lib/rabbitmq/bin' : '';

function tool(name: string): string {
  return RABBIT_BIN === '' ? name : join(RABBIT_BIN, name);
}

/** Whether this machine has RabbitMQ's server installed (CI does; a laptop using a broker elsewhere may not). */
export function privateRabbitAvailable(): boolean {
  return RABBIT_BIN !== '' || spawnSync('sh', ['-c', 'command -v rabbitmq-server'], { encoding: 'utf8' }).status === 0;
}

/**
 * A RabbitMQ node of a test's own, beside the machine's: its own node name, AMQP and
 * distribution ports, data directory, cookie and configuration. A test that stops and
 * starts the broker does it here, so other tests on the shared node never see it.
 */
export class PrivateRabbit {
  readonly node = `voxmesh-${randomUUID().slice(0, 8)}@localhost`;
  port = 0;
  private dir = '';
  private server: ChildProcess | undefined;

  get url(): string {
    return `amqp://guest:guest@127.0.0.1:${this.port}`;
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      // The cookie is made in HOME; the CLI finds it there too.
      HOME: this.dir,
      RABBITMQ_NODENAME: this.node,
      RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
      RABBITMQ_NODE_PORT: String(this.port),
      RABBITMQ_DIST_PORT: String(this.distPort),
      RABBITMQ_MNESIA_BASE: join(this.dir, 'mnesia'),
      RABBITMQ_LOG_BASE: join(this.dir, 'log'),
      RABBITMQ_PID_FILE: join(this.dir, 'pid'),
      // The machine's configuration names its own listener; this node reads its own file.
      RABBITMQ_CONFIG_FILE: join(this.dir, 'rabbitmq'),
      RABBITMQ_ENABLED_PLUGINS_FILE: join(this.dir, 'enabled_plugins'),
    };
  }

  private distPort = 0;

  private ctl(args: string[], timeoutMs = 120_000): string {
    const result = spawnSync(tool('rabbitmqctl'), ['-n', this.node, ...args], { env: this.env(), encoding: 'utf8', timeout: timeoutMs });
    if (result.status !== 0) throw new Error(`rabbitmqctl ${args.join(' ')} failed: ${result.stdout}${result.stderr}${result.error ? String(result.error) : ''}`);
    return result.stdout;
  }

  /** Starts the node and resolves once it takes AMQP connections. */
  async start(): Promise<this> {
    this.dir = mkdtempSync(join(tmpdir(), 'voxmesh-rabbit-'));
    mkdirSync(join(this.dir, 'log'));
    writeFileSync(join(this.dir, 'rabbitmq.conf'), 'loopback_users = none\n');
    writeFileSync(join(this.dir, 'enabled_plugins'), '[].\n');
    this.port = await freePort();
    this.distPort = await freePort();
    this.server = spawn(tool('rabbitmq-server'), [], { env: this.env(), cwd: this.dir, stdio: 'ignore', detached: true });
    this.ctl(['wait', join(this.dir, 'pid'), '--timeout', '120'], 130_000);
    return this;
  }

  /** The CLI without blocking: the test's own event loop (and the media servers on it) keeps running meanwhile. */
  private ctlAsync(args: string[]): Promise<void> {
    return new Promise((resolve, reject) =>
      execFile(tool('rabbitmqctl'), ['-n', this.node, ...args], { env: this.env(), timeout: 120_000 }, (error, stdout, stderr) =>
        error ? reject(new Error(`rabbitmqctl ${args.join(' ')} failed: ${stdout}${stderr}${String(error)}`)) : resolve(),
      ),
    );
  }

  /** `rabbitmqctl stop_app`: every connection is closed and the listener is gone until startApp. */
  stopApp(): Promise<void> {
    return this.ctlAsync(['stop_app']);
  }

  startApp(): Promise<void> {
    return this.ctlAsync(['start_app']);
  }

  /** Stops the node and removes its data. */
  close(): void {
    if (this.dir === '') return;
    try {
      this.ctl(['stop'], 60_000);
    } catch {
      // A node that will not stop is ended by its process group, which only this test started.
      if (this.server?.pid !== undefined) {
        try {
          process.kill(-this.server.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
    this.dir = '';
  }
}
