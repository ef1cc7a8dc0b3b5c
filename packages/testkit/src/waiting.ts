import { createServer, type AddressInfo } from 'node:net';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves with what `predicate` returns once truthy, polling; fails after `timeoutMs` saying what it waited for. */
export async function eventually<T>(
  what: string,
  predicate: () => T | Promise<T>,
  timeoutMs = 15_000,
  everyMs = 25,
): Promise<Exclude<T, undefined | null | false | 0 | ''>> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value as Exclude<T, undefined | null | false | 0 | ''>;
    if (Date.now() > giveUpAt) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(everyMs);
  }
}

/** A TCP port nobody listens on right now, for a server a test starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
