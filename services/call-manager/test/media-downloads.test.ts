import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import { MediaDownloads } from '../src/calls/media-downloads.js';
import { MediaFiles } from '../src/calls/media-files.js';

const ACCOUNT = 'a'.repeat(32);
const MEDIA = 'b'.repeat(32);

/**
 * The guard's defaults for media by url: without `-recording_upload_allow_private` a
 * loopback or private address is refused before any connection; a server that answers too
 * slowly is given up on.
 */
describe('MediaDownloads', () => {
  const directory = mkdtempSync(join(tmpdir(), 'voxmesh-media-dl-'));
  let server: Server;
  let base = '';
  let hits = 0;

  beforeAll(async () => {
    server = createServer((request, response) => {
      hits += 1;
      if (request.url === '/slow.wav') return void setTimeout(() => response.end(), 2_000).unref();
      response.setHeader('content-type', 'audio/wav');
      response.end(Buffer.concat([Buffer.from('RIFF\u0000\u0000\u0000\u0000WAVE', 'latin1'), Buffer.alloc(32)]));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(directory, { recursive: true, force: true });
  });

  /** The refusal's message, after checking it is a 400 naming `url`. */
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => undefined, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(VoipError);
    expect((error as VoipError).toBody()).toMatchObject({ status: 'INVALID_ARGUMENT', field: 'url' });
    return (error as VoipError).message;
  };

  it('refuses loopback, private and localhost addresses by default, naming the flag', async () => {
    const downloads = new MediaDownloads({ files: new MediaFiles(directory), allowPrivate: false, timeoutMs: 1_000 });
    for (const url of [`${base}/a.wav`, 'http://10.1.2.3/a.wav', 'http://localhost/a.wav', 'http://[::1]/a.wav']) {
      expect(await refusal(downloads.fetch({ account_id: ACCOUNT, media_id: MEDIA, url }))).toContain('-recording_upload_allow_private');
    }
    expect(hits).toBe(0);
  });

  it('fetches from loopback when allowed, and gives up on a server slower than the timeout', async () => {
    const downloads = new MediaDownloads({ files: new MediaFiles(directory), allowPrivate: true, timeoutMs: 300 });
    const written = await downloads.fetch({ account_id: ACCOUNT, media_id: MEDIA, url: `${base}/a.wav` });
    expect(written).toEqual({ path: join(directory, 'media', ACCOUNT, `${MEDIA}.wav`), size: 44, content_type: 'audio/wav' });
    expect(await refusal(downloads.fetch({ account_id: ACCOUNT, media_id: MEDIA, url: `${base}/slow.wav` }))).toContain('no answer within 300 ms');
  });
});
