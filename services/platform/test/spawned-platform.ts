import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built platform, as `npm start` runs it (`npm test` builds before testing). */
export const platformMain = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');

/** Every listener on an ephemeral port, so a test never meets another process's 8000 or 8021. */
export const ephemeralPorts = [
  ...['-prom_listen_addr', '127.0.0.1:0', '-http_listen_addr', '127.0.0.1:0', '-ws_listen_addr', '127.0.0.1:0'],
  ...['-esl_sim_listen_addr', '127.0.0.1:0', '-esl_sim_control_listen_addr', '127.0.0.1:0', '-esl_listen_addr', '127.0.0.1:0'],
];

/** A platform started as a child process, with what its banner said. */
export interface SpawnedPlatform {
  child: ChildProcess;
  output(): string;
  /** The REST API's base, without `/v2`. */
  api: string;
  websockets: string;
  control: string;
  account: string;
  /** The banner's `master API key` line: the key, or where it is kept. */
  keyLine: string;
  /** Stops it with `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function bannerValue(output: string, label: string): string {
  return new RegExp(`^  ${label}\\s+(.+)$`, 'm').exec(output)?.[1]?.trim() ?? '';
}

/** Starts the platform and resolves once its banner (and first steps) are printed. */
export function spawnPlatform(args: string[], options: { cwd?: string } = {}): Promise<SpawnedPlatform> {
  const child = spawn(process.execPath, [platformMain, ...ephemeralPorts, '-log_level', 'warn', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      child.kill('SIGKILL');
      reject(new Error(`platform did not start:\n${output}`));
    }, 30_000);
    const poll = setInterval(() => {
      if (!/^  live events: /m.test(output)) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve({
        child,
        output: () => output,
        api: /^(http:\/\/\S+)\/v2/.exec(bannerValue(output, 'REST API'))?.[1] ?? '',
        websockets: bannerValue(output, 'websockets'),
        control: /^(http:\/\/\S+)/.exec(bannerValue(output, 'esl-sim control'))?.[1] ?? '',
        account: bannerValue(output, 'master account').slice(0, 32),
        keyLine: bannerValue(output, 'master API key'),
        stop: (signal = 'SIGTERM') => {
          child.kill(signal);
          return exited;
        },
      });
    }, 20);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`platform exited with ${code}:\n${output}`));
    });
  });
}

/** A small client of the REST API, signed in with an API key. */
export class ApiClient {
  private constructor(
    private readonly api: string,
    private readonly token: string,
  ) {}

  static async signIn(api: string, apiKey: string): Promise<ApiClient> {
    const reply = await fetch(`${api}/v2/api_auth`, { method: 'PUT', body: JSON.stringify({ data: { api_key: apiKey } }) });
    if (reply.status !== 201) throw new Error(`sign-in answered ${reply.status}: ${await reply.text()}`);
    return new ApiClient(api, ((await reply.json()) as { auth_token: string }).auth_token);
  }

  async request(method: string, path: string, data?: unknown): Promise<{ status: number; data: Record<string, unknown> & Record<string, unknown>[] }> {
    const reply = await fetch(`${this.api}/v2${path}`, {
      method,
      headers: { 'x-auth-token': this.token, 'content-type': 'application/json' },
      ...(data === undefined ? {} : { body: JSON.stringify({ data }) }),
    });
    const body = (await reply.json()) as { data: never };
    return { status: reply.status, data: body.data };
  }
}

/** The simulator's record of a call: the applications it ran, among them what it spoke. */
export interface SimulatedCall {
  uuid: string;
  to: string;
  destroyed: boolean;
  applications: { name: string; arg: string; response: string | null }[];
}

export async function simulatedCalls(control: string): Promise<SimulatedCall[]> {
  return (await (await fetch(`${control}/calls`)).json()) as SimulatedCall[];
}

/** Polls `check` until it returns a value, or fails after `ms`. */
export async function eventually<T>(check: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What the call spoke: the text of each `speak` it ran. */
export function spoken(call: SimulatedCall): string[] {
  return call.applications.filter((app) => app.name === 'speak').map((app) => app.arg.split('|').at(-1) ?? '');
}
