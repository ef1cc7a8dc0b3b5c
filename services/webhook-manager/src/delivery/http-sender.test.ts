import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TargetGuard } from '@voxmesh/http-guard';
import { HttpSender } from './http-sender.js';

describe('HttpSender', () => {
  let server: Server;
  let base: string;
  let port: number;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (req.url === '/big') {
          res.writeHead(200);
          res.end('x'.repeat(100_000));
        } else if (req.url === '/slow') {
          setTimeout(() => res.end('late'), 1000);
        } else if (req.url === '/auth') {
          res.setHeader('x-twice', ['a', 'b']);
          res.end(req.headers.authorization ?? '');
        } else if (req.url === '/redirect') {
          res.writeHead(302, { location: 'http://169.254.169.254/' });
          res.end();
        } else {
          res.writeHead(201, { 'x-echo-method': req.method ?? '' });
          res.end(`${req.headers['content-type'] ?? ''}|${Buffer.concat(chunks).toString()}`);
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const sender = (options: Partial<ConstructorParameters<typeof HttpSender>[0]> = {}) =>
    new HttpSender({ guard: new TargetGuard({ allowPrivate: true }), connectTimeoutMs: 500, requestTimeoutMs: 300, responseLimitBytes: 1024, ...options });

  it('sends the method, headers and body and reads the answer', async () => {
    const http = sender();
    const outcome = await http.send({ url: new URL(`${base}/echo`), method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: Buffer.from('hello') });
    http.close();
    expect(outcome).toMatchObject({ kind: 'response', status: 201, body: 'text/plain|hello', truncated: false });
    expect(outcome.kind === 'response' && outcome.headers['x-echo-method']).toBe('PUT');
  });

  it('sends a URL\'s credentials as basic auth and joins repeated response headers', async () => {
    const http = sender();
    const outcome = await http.send({ url: new URL(`http://user:p%40ss@127.0.0.1:${port}/auth`), method: 'GET', headers: {} });
    http.close();
    expect(outcome).toMatchObject({ kind: 'response', status: 200, body: `Basic ${Buffer.from('user:p@ss').toString('base64')}` });
    expect(outcome.kind === 'response' && outcome.headers['x-twice']).toBe('a, b');
  });

  it('reads a response body only up to the limit', async () => {
    const http = sender();
    const outcome = await http.send({ url: new URL(`${base}/big`), method: 'GET', headers: {} });
    http.close();
    expect(outcome).toMatchObject({ kind: 'response', status: 200, truncated: true });
    expect(outcome.kind === 'response' && outcome.body.length).toBe(1024);
  });

  it('gives up on a slow answer at the request timeout', async () => {
    const http = sender();
    const outcome = await http.send({ url: new URL(`${base}/slow`), method: 'POST', headers: {}, body: Buffer.from('x') });
    http.close();
    expect(outcome).toMatchObject({ kind: 'error', reason: 'timeout' });
    expect(outcome.elapsedMs).toBeLessThan(900);
  });

  it('does not follow redirects', async () => {
    const http = sender();
    const outcome = await http.send({ url: new URL(`${base}/redirect`), method: 'GET', headers: {} });
    http.close();
    expect(outcome).toMatchObject({ kind: 'response', status: 302 });
  });

  it('refuses private targets, literal or resolved, unless allowed', async () => {
    const http = sender({
      guard: new TargetGuard({ allowPrivate: false, resolver: async () => [{ address: '127.0.0.1', family: 4 }] }),
    });
    const literal = await http.send({ url: new URL(`${base}/echo`), method: 'GET', headers: {} });
    const named = await http.send({ url: new URL(`http://hooks.example.test:${port}/echo`), method: 'GET', headers: {} });
    http.close();
    expect(literal).toMatchObject({ kind: 'error', reason: 'target refused' });
    expect(named).toMatchObject({ kind: 'error', reason: 'target refused' });
    expect(named.kind === 'error' && named.message).toContain('127.0.0.1');
  });

  it('connects to the address the guard checked', async () => {
    const http = sender({ guard: new TargetGuard({ allowPrivate: true, resolver: async () => [{ address: '127.0.0.1', family: 4 }] }) });
    const outcome = await http.send({ url: new URL(`http://hooks.example.test:${port}/echo`), method: 'POST', headers: {}, body: Buffer.from('via name') });
    http.close();
    expect(outcome).toMatchObject({ kind: 'response', status: 201, body: '|via name' });
  });

  it('times out a connection that never completes (here: a name that never resolves)', async () => {
    const http = sender({
      connectTimeoutMs: 200,
      requestTimeoutMs: 5000,
      guard: new TargetGuard({ allowPrivate: true, resolver: () => new Promise(() => undefined) }),
    });
    const outcome = await http.send({ url: new URL('http://stuck.example.test/'), method: 'GET', headers: {} });
    http.close();
    expect(outcome).toMatchObject({ kind: 'error', reason: 'connect timeout' });
    expect(outcome.elapsedMs).toBeLessThan(2000);
  });
});
