import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * A service run from its built binary as its own process, as it is deployed, so that
 * the CPU it spends is read from /proc for it alone, apart from the bench's client.
 */
export interface ServiceProcess {
  pid: number;
  stop(): Promise<void>;
}

export function startServiceProcess(service: string, argv: string[], timeoutMs = 60_000): Promise<ServiceProcess> {
  const child: ChildProcess = spawn(process.execPath, [join(root, 'services', service, 'bin', service), ...argv], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      child.kill('SIGKILL');
      reject(new Error(`${service} did not start:\n${output}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      if (!output.includes(`${service} is running`)) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve({
        pid: child.pid!,
        stop: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.kill('SIGTERM');
          await exited;
          clearTimeout(force);
        },
      });
    }, 25);
    void exited.then(() => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`${service} exited while starting:\n${output}`));
    });
  });
}
