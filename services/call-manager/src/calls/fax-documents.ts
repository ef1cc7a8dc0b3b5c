import { mkdir, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { TargetGuard } from '@voxmesh/http-guard';
import { guardedGet } from './guarded-get.js';

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
    const body = await guardedGet(target, this.guard, { timeoutMs: this.options.timeoutMs, maxBytes: MAX_BYTES });
    if ('error' in body) return body;
    const magic = body.data.subarray(0, 4).toString('binary');
    if (magic !== 'II*\u0000' && magic !== 'MM\u0000*') return { error: 'the document is not a TIFF (the media server sends TIFF only)' };
    await mkdir(this.options.directory, { recursive: true });
    const path = `${this.options.directory}/fax-out-${randomUUID()}.tiff`;
    await writeFile(path, body.data);
    return { path };
  }
}
