import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Resolver } from '@voxmesh/http-guard';
import { createRegistry } from '@voxmesh/telemetry';
import { FlowMetrics } from '../metrics.js';
import { HttpFetcher } from './http-fetcher.js';

describe('HttpFetcher and the target guard', () => {
  let server: Server;
  let port: number;
  const seen: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.url ?? '');
      if (req.url === '/redirect') {
        res.writeHead(302, { location: `http://127.0.0.1:${port}/inside` });
        res.end();
      } else {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ reached: req.url }));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const toLoopback: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
  const fetcher = (allowPrivate: boolean, resolver?: Resolver) =>
    new HttpFetcher({ metrics: new FlowMetrics(createRegistry({ defaultMetrics: false }), async () => 0), allowPrivate, ...(resolver ? { resolver } : {}) });
  const get = (http: HttpFetcher, url: string) => http.fetch({ url, method: 'GET', timeoutMs: 2000, encoding: 'json', payload: {} });

  it('refuses a private address written in the URL, naming the flag that allows it', async () => {
    const result = await get(fetcher(false), `http://[::ffff:7f00:1]:${port}/literal`);
    expect(result).toMatchObject({ ok: false, status: 'refused' });
    expect(!result.ok && result.message).toContain('-fetch_allow_private');
  });

  it('refuses a name that resolves to a private address, before connecting', async () => {
    const result = await get(fetcher(false, toLoopback), `http://customer.example.test:${port}/named`);
    expect(result).toMatchObject({ ok: false, status: 'refused' });
    expect(!result.ok && result.message).toContain('127.0.0.1');
    expect(seen).not.toContain('/named');
  });

  it('refuses another scheme', async () => {
    expect(await get(fetcher(true), 'ftp://127.0.0.1/file')).toMatchObject({ ok: false, status: 'refused' });
  });

  it('connects to the address the guard resolved when private targets are allowed', async () => {
    expect(await get(fetcher(true, toLoopback), `http://customer.example.test:${port}/allowed`)).toEqual({ ok: true, body: { reached: '/allowed' } });
  });

  it('does not follow a redirect: it is the answer', async () => {
    const result = await get(fetcher(true), `http://127.0.0.1:${port}/redirect`);
    expect(result).toMatchObject({ ok: false, status: 'http_error', message: 'the server answered 302' });
    expect(seen).toContain('/redirect');
    expect(seen).not.toContain('/inside');
  });
});
