import { createServer, request, type Server } from 'node:http';
import type { LookupAddress } from 'node:dns';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TargetGuard, TargetRefused, type Resolver } from './target-guard.js';

const resolver =
  (answers: Record<string, string[]>): Resolver =>
  async (host) =>
    (answers[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

/** What `lookup` hands a connection: an error, or the addresses (one, or all when asked). */
function lookupOf(guard: TargetGuard, host: string, options: { all?: boolean; family?: number | 'IPv4' | 'IPv6' } = {}) {
  return new Promise<{ error: Error | null; answer: string | LookupAddress[] }>((resolve) => {
    guard.lookup(host, options as never, (error: Error | null, answer: string | LookupAddress[]) => resolve({ error, answer }));
  });
}

describe('TargetGuard.checkUrl', () => {
  it('refuses non-http schemes, private literals and localhost without asking DNS', () => {
    const guard = new TargetGuard({ allowPrivate: false, resolver: async () => [] });
    expect(() => guard.checkUrl(new URL('file:///etc/passwd'))).toThrow(TargetRefused);
    expect(() => guard.checkUrl(new URL('http://127.0.0.1/'))).toThrow(TargetRefused);
    expect(() => guard.checkUrl(new URL('http://[::1]:8080/'))).toThrow(TargetRefused);
    expect(() => guard.checkUrl(new URL('http://api.localhost/'))).toThrow(TargetRefused);
    expect(() => guard.checkUrl(new URL('https://8.8.8.8/'))).not.toThrow();
    expect(() => guard.checkUrl(new URL('https://hooks.example.com/'))).not.toThrow();
  });

  it('reads addresses as the URL parser normalizes them (decimal, hex, IPv4-mapped IPv6)', () => {
    const guard = new TargetGuard({ allowPrivate: false, resolver: async () => [] });
    for (const url of ['http://2130706433/', 'http://0x7f.1/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:a9fe:a9fe]/latest/meta-data', 'http://169.254.169.254/', 'http://[fd00::1]/']) {
      expect({ url, refused: refusedBy(guard, url) }).toEqual({ url, refused: true });
    }
  });

  it('names the flag that allows private targets, when told it', () => {
    const guard = new TargetGuard({ allowPrivate: false, resolver: async () => [], allowFlag: '-fetch_allow_private' });
    expect(() => guard.checkUrl(new URL('http://10.0.0.1/'))).toThrow('10.0.0.1 is a private, loopback or link-local address (-fetch_allow_private allows it)');
  });

  it('lets private literals through when the operator allows them, never another scheme', () => {
    const guard = new TargetGuard({ allowPrivate: true, resolver: async () => [] });
    expect(guard.allowsPrivate).toBe(true);
    expect(() => guard.checkUrl(new URL('http://127.0.0.1/'))).not.toThrow();
    expect(() => guard.checkUrl(new URL('ftp://127.0.0.1/'))).toThrow(TargetRefused);
  });
});

function refusedBy(guard: TargetGuard, url: string): boolean {
  try {
    guard.checkUrl(new URL(url));
    return false;
  } catch (error) {
    return error instanceof TargetRefused;
  }
}

describe('TargetGuard.resolve', () => {
  it('refuses a name when any of its addresses is private (DNS pointing inside)', async () => {
    const guard = new TargetGuard({
      allowPrivate: false,
      resolver: resolver({ 'inside.example.com': ['93.184.216.34', '10.0.0.5'], 'outside.example.com': ['93.184.216.34'], 'v6.example.com': ['2606:4700::1', 'fe80::1'] }),
    });
    await expect(guard.resolve('inside.example.com')).rejects.toThrow(/10\.0\.0\.5/);
    await expect(guard.resolve('v6.example.com')).rejects.toThrow(TargetRefused);
    await expect(guard.resolve('outside.example.com')).resolves.toEqual([{ address: '93.184.216.34', family: 4 }]);
    await expect(guard.resolve('nowhere.example.com')).rejects.toThrow(/no address/);
    await expect(guard.resolve('[::1]')).rejects.toThrow(TargetRefused);
  });

  it('lets everything through when the operator allows private targets', async () => {
    const guard = new TargetGuard({ allowPrivate: true, resolver: resolver({ 'inside.example.com': ['10.0.0.5'] }) });
    await expect(guard.resolve('inside.example.com')).resolves.toHaveLength(1);
  });
});

describe('TargetGuard.lookup', () => {
  it('refuses the real localhost through the system resolver', async () => {
    const { error } = await lookupOf(new TargetGuard({ allowPrivate: false }), 'localhost', { all: true });
    expect(error?.name).toBe('TargetRefused');
  });

  it('checks every answer, so a name that rebinds to a private address between two connections is refused the second time', async () => {
    const answers = [['93.184.216.34'], ['127.0.0.1']];
    const guard = new TargetGuard({ allowPrivate: false, resolver: async () => answers.shift()!.map((address) => ({ address, family: 4 })) });
    expect(await lookupOf(guard, 'rebind.example.com')).toEqual({ error: null, answer: '93.184.216.34' });
    const second = await lookupOf(guard, 'rebind.example.com');
    expect(second.error).toBeInstanceOf(TargetRefused);
  });

  it('answers one address of the family asked for, or all of them', async () => {
    const guard = new TargetGuard({ allowPrivate: false, resolver: resolver({ 'both.example.com': ['2606:4700::1', '93.184.216.34'] }) });
    expect((await lookupOf(guard, 'both.example.com', { family: 4 })).answer).toBe('93.184.216.34');
    expect((await lookupOf(guard, 'both.example.com', { family: 'IPv4' })).answer).toBe('93.184.216.34');
    expect((await lookupOf(guard, 'both.example.com')).answer).toBe('2606:4700::1');
    expect((await lookupOf(guard, 'both.example.com', { all: true, family: 6 })).answer).toEqual([{ address: '2606:4700::1', family: 6 }]);
    expect((await lookupOf(guard, 'both.example.com', { all: true })).answer).toHaveLength(2);
  });

  describe('as the resolver of node:http', () => {
    let server: Server;
    let port: number;

    beforeAll(async () => {
      server = createServer((_req, res) => res.end('reached'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      port = (server.address() as AddressInfo).port;
    });

    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    const get = (guard: TargetGuard) =>
      new Promise<string>((resolve) => {
        const outgoing = request(`http://hooks.example.test:${port}/`, { lookup: guard.lookup, agent: false }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve(body));
        });
        outgoing.on('error', (error) => resolve(error.name));
        outgoing.end();
      });

    it('connects to the address it checked, and refuses the connection when that address is private', async () => {
      const to127 = resolver({ 'hooks.example.test': ['127.0.0.1'] });
      expect(await get(new TargetGuard({ allowPrivate: true, resolver: to127 }))).toBe('reached');
      expect(await get(new TargetGuard({ allowPrivate: false, resolver: to127 }))).toBe('TargetRefused');
    });
  });
});

describe('TargetGuard with allowLoopback', () => {
  it('lets this machine through and keeps private networks closed', async () => {
    const guard = new TargetGuard({ allowPrivate: false, allowLoopback: true, resolver: resolver({ 'local.test': ['127.0.0.1'], 'inside.test': ['10.0.0.5'], 'mixed.test': ['127.0.0.1', '192.168.1.9'] }) });
    for (const url of ['http://127.0.0.1:8080/', 'http://[::1]/', 'http://localhost:3000/', 'http://api.localhost/']) expect(() => guard.checkUrl(new URL(url))).not.toThrow();
    for (const url of ['http://10.0.0.1/', 'http://192.168.1.1/', 'http://169.254.169.254/', 'ftp://127.0.0.1/']) expect(() => guard.checkUrl(new URL(url))).toThrow(TargetRefused);
    expect(await guard.resolve('local.test')).toEqual([{ address: '127.0.0.1', family: 4 }]);
    await expect(guard.resolve('inside.test')).rejects.toThrow(TargetRefused);
    await expect(guard.resolve('mixed.test')).rejects.toThrow('192.168.1.9');
  });
});
