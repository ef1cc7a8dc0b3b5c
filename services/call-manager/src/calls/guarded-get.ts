import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TargetGuard } from '@voxmesh/http-guard';

export type Fetched = { data: Buffer; contentType: string } | { error: string };

/**
 * GETs a URL a customer's data points to, through the shared target guard's lookup so a
 * name resolving to a refused address is never connected to. A redirect is an answer,
 * not followed (it could lead anywhere the guard already refused).
 */
export function guardedGet(url: URL, guard: TargetGuard, limits: { timeoutMs: number; maxBytes: number }): Promise<Fetched> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const outgoing = send(url, { method: 'GET', lookup: guard.lookup, timeout: limits.timeoutMs, headers: { 'user-agent': 'voxmesh-call-manager' } }, (response) => {
      const status = response.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        response.resume();
        resolve({ error: `the server answered ${status}` });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limits.maxBytes) {
          outgoing.destroy(new Error(`the file is over ${limits.maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve({ data: Buffer.concat(chunks), contentType: (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() }));
      response.on('error', (error) => resolve({ error: error.message }));
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${limits.timeoutMs} ms`)));
    outgoing.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.message.startsWith('the file is over') || error.message.startsWith('no answer') ? error.message : (error.code ?? error.message) }));
    outgoing.end();
  });
}
