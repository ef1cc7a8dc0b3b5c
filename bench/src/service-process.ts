import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * A service run from its built binary as its own process, as it is deployed, so that
 * the CPU it spends is read from /proc for it alone, apart from the bench's client.
 */
export interface ServiceProcess {
  pid: number;
  /** The inspector's websocket address, when started with `inspect`. */
  inspectorUrl: string | undefined;
  stop(): Promise<void>;
}

export interface ServiceProcessOptions {
  timeoutMs?: number;
  /** Starts the inspector on a free local port, for `profileProcess`. */
  inspect?: boolean;
}

export function startServiceProcess(service: string, argv: string[], options: ServiceProcessOptions = {}): Promise<ServiceProcess> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  // BENCH_SERVICE_NODE_ARGS (for example `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the service under load.
  const nodeArgs = [...deployedNodeOptions(service), ...(options.inspect ? ['--inspect=127.0.0.1:0'] : []), ...(process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ')].filter(
    (arg) => arg !== '',
  );
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, join(root, 'services', service, 'bin', service), ...argv], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
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
        inspectorUrl: /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1],
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

/**
 * The Node options the service's Kubernetes Deployment gives it (heap and young
 * generation sizes), so the bench measures the process as it runs in production.
 */
export function deployedNodeOptions(service: string): string[] {
  const file = join(root, 'k8s', 'base', `${service}.yaml`);
  if (!existsSync(file)) return [];
  for (const document of parseAllDocuments(readFileSync(file, 'utf8'))) {
    const object = document.toJS() as { kind?: string; spec?: { template?: { spec?: { containers?: { env?: { name: string; value?: string }[] }[] } } } } | null;
    if (object?.kind !== 'Deployment') continue;
    for (const container of object.spec?.template?.spec?.containers ?? []) {
      const value = container.env?.find((variable) => variable.name === 'NODE_OPTIONS')?.value;
      if (value !== undefined) return value.split(' ').filter((option) => option !== '');
    }
  }
  return [];
}
