import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'packages', 'esl-sim', 'bin', 'esl-sim');

/**
 * esl-sim as a process of its own, driven through its control API, as FreeSWITCH runs on
 * a machine of its own: thousands of held calls keep their switch-side sockets there,
 * not in the bench's process beside call-manager's.
 */
export class ProcessSimulator {
  private child: ChildProcess | undefined;

  constructor(
    private readonly options: { eslPort: number; controlPort: number; appAddr: string; timeScale: number },
  ) {}

  private get control(): string {
    return `http://127.0.0.1:${this.options.controlPort}`;
  }

  async start(): Promise<void> {
    const { eslPort, controlPort, appAddr, timeScale } = this.options;
    this.child = spawn(
      process.execPath,
      [bin, '-esl_listen_addr', `127.0.0.1:${eslPort}`, '-control_listen_addr', `127.0.0.1:${controlPort}`, '-app_addr', appAddr, '-time_scale', String(timeScale), '-keep_calls', '100', '-log_level', 'warn'],
      { stdio: 'ignore' },
    );
    const giveUpAt = Date.now() + 30_000;
    for (;;) {
      const up = await fetch(`${this.control}/healthz`).then((reply) => reply.ok, () => false);
      if (up) return;
      if (Date.now() > giveUpAt) throw new Error('esl-sim did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async placeCall(request: { from: string; to: string }): Promise<string> {
    const reply = await fetch(`${this.control}/calls`, { method: 'POST', body: JSON.stringify(request) });
    if (!reply.ok) throw new Error(`esl-sim refused the call: ${reply.status}`);
    return ((await reply.json()) as { uuid: string }).uuid;
  }

  async hangup(uuid: string): Promise<void> {
    await fetch(`${this.control}/calls/${uuid}/hangup`, { method: 'POST', body: '{}' });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(force);
  }
}
