import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { mkdir, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { TargetGuard } from '@voxmesh/http-guard';

/** A fax document is a few pages: far below this. */
const MAX_BYTES = 16 * 1024 * 1024;

/**
 * Fetches the document an outbound fax sends (Kazoo's `document.url`) and writes it where
 * the media server's txfax reads it. Like every request a customer's data points
 * somewhere, it goes through the shared target guard (`-recording_upload_allow_private`
 * opens private addresses for development); a redirect is an answer, not followed. The
 * media server sends TIFF only, so anything else is refused before a call is spent on it.
 */
export class FaxDocuments {
  private readonly guard: TargetGuard;

  constructor(private readonly options: { directory: string; allowPrivate: boolean; timeoutMs: number }) {
    this.guard = new TargetGuard({ allowPrivate: options.allowPrivate, allowFlag: '-recording_upload_allow_private' });
  }

  /** The written file's path, or why there is none. */
  async fetch(url: string): Promise<{ path: string } | { error: string }> {
    let target: URL;
    try {
      target = new URL(url);
      this.guard.checkUrl(target);
    } catch (error) {
      return { error: (error as Error).message };
    }
    const body = await this.get(target);
    if ('error' in body) return body;
    const magic = body.data.subarray(0, 4).toString('binary');
    if (magic !== 'II*\u0000' && magic !== 'MM\u0000*') return { error: 'the document is not a TIFF (the media server sends TIFF only)' };
    await mkdir(this.options.directory, { recursive: true });
    const path = `${this.options.directory}/fax-out-${randomUUID()}.tiff`;
    await writeFile(path, body.data);
    return { path };
  }

  private get(url: URL): Promise<{ data: Buffer } | { error: string }> {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const outgoing = send(url, { method: 'GET', lookup: this.guard.lookup, timeout: this.options.timeoutMs, headers: { 'user-agent': 'voxmesh-call-manager' } }, (response) => {
        const status = response.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          response.resume();
          resolve({ error: `the document server answered ${status}` });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BYTES) {
            outgoing.destroy(new Error(`the document is over ${MAX_BYTES} bytes`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () => resolve({ data: Buffer.concat(chunks) }));
        response.on('error', (error) => resolve({ error: error.message }));
      });
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${this.options.timeoutMs} ms`)));
      outgoing.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      outgoing.end();
    });
  }
}
