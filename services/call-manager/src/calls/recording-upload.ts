import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { TargetGuard } from '@voxmesh/http-guard';

/** Where a finished recording goes: Kazoo's recording `url`, with its method. */
export interface RecordingUpload {
  url: string;
  method: 'put' | 'post';
}

export interface UploadOutcome {
  ok: boolean;
  /** The HTTP status, or 0 when none came. */
  status: number;
  message: string;
}

/**
 * Sends a finished recording to the customer's server by HTTP PUT (or POST), the body
 * being the file as the media server wrote it (Kazoo's recording.md). Like every request
 * a customer's data points somewhere, it goes through the shared target guard: kept out
 * of our own networks unless `-recording_upload_allow_private`, checked on the address
 * connected to.
 */
export class RecordingUploader {
  private readonly guard: TargetGuard;

  constructor(private readonly options: { allowPrivate: boolean; timeoutMs: number }) {
    this.guard = new TargetGuard({ allowPrivate: options.allowPrivate, allowFlag: '-recording_upload_allow_private' });
  }

  async upload(path: string, format: string, target: RecordingUpload): Promise<UploadOutcome> {
    let body: Buffer;
    try {
      body = await readFile(path);
    } catch (error) {
      return { ok: false, status: 0, message: `the recording file ${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
    }
    const url = new URL(target.url);
    try {
      this.guard.checkUrl(url);
    } catch (error) {
      return { ok: false, status: 0, message: (error as Error).message };
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers = { 'content-type': format === 'mp3' ? 'audio/mpeg' : 'audio/wav', 'content-length': String(body.length), 'user-agent': 'voxmesh-call-manager' };
    return new Promise<UploadOutcome>((resolve) => {
      const outgoing = send(url, { method: target.method.toUpperCase(), headers, lookup: this.guard.lookup, timeout: this.options.timeoutMs }, (response) => {
        response.resume();
        const status = response.statusCode ?? 0;
        resolve({ ok: status >= 200 && status < 300, status, message: `the server answered ${status}` });
      });
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${this.options.timeoutMs} ms`)));
      outgoing.on('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, status: 0, message: error.code ?? error.message }));
      outgoing.end(body);
    });
  }
}
