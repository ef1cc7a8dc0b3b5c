import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** A service's built binary, as a deployment runs it. */
export function serviceBin(service: string): string {
  return join(root, 'services', service, 'bin', service);
}

/**
 * One replica of a service as its own process, started from its binary with fixed
 * flags, so that it can be killed and started again the way a pod is replaced.
 */
export class Replica {
  private child: ChildProcess | undefined;
  private output = '';

  constructor(
    readonly service: string,
    readonly name: string,
    private readonly argv: string[],
  ) {}

  /** Starts the process and resolves once it prints that it is running. */
  start(timeoutMs = 60_000): Promise<this> {
    const child = spawn(process.execPath, [serviceBin(this.service), ...this.argv], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let output = '';
    const keep = (chunk: Buffer) => {
      output += chunk.toString();
      // Only the tail matters when a replica fails; a long run must not grow the test's heap.
      if (output.length > 200_000) output = output.slice(-100_000);
      this.output = output;
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        clearInterval(poll);
        reject(new Error(`${this.name} did not start:\n${output.slice(-4000)}`));
      }, timeoutMs);
      const poll = setInterval(() => {
        if (!output.includes(`${this.service} is running`)) return;
        clearInterval(poll);
        clearTimeout(timer);
        child.removeListener('exit', onExit);
        resolve(this);
      }, 25);
      const onExit = (code: number | null) => {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`${this.name} exited with ${code} while starting:\n${output.slice(-4000)}`));
      };
      child.once('exit', onExit);
    });
  }

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** What it printed lately, for a failure message. */
  tail(chars = 3000): string {
    return this.output.slice(-chars);
  }

  /** `kill -9`: no shutdown, no goodbye to the broker, whatever it held is left as it was. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM, as an orderly stop at the end; SIGKILL when it does not end within `ms`. */
  async stop(ms = 10_000): Promise<void> {
    const child = this.child;
    if (!child || !this.alive) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    await exited;
    clearTimeout(timer);
  }
}
