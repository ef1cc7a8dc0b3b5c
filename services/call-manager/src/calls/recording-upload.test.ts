import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { RecordingUploader } from './recording-upload.js';

describe('RecordingUploader', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'voxmesh-upload-')), 'r.wav');
  writeFileSync(file, 'RIFF');

  it('keeps out of our own networks unless allowed, naming the flag', async () => {
    const uploader = new RecordingUploader({ allowPrivate: false, timeoutMs: 500 });
    for (const url of ['http://127.0.0.1:9/r.wav', 'http://10.1.2.3/r.wav', 'http://[::1]:9/r.wav', 'http://169.254.169.254/latest']) {
      const outcome = await uploader.upload(file, 'wav', { url, method: 'put' });
      expect(outcome).toMatchObject({ ok: false, status: 0, message: expect.stringContaining('-recording_upload_allow_private') });
    }
  });

  it('reports a file that is not there', async () => {
    const uploader = new RecordingUploader({ allowPrivate: true, timeoutMs: 500 });
    expect(await uploader.upload('/nonexistent/r.wav', 'wav', { url: 'http://127.0.0.1:9/r.wav', method: 'put' })).toMatchObject({ ok: false, message: expect.stringContaining('cannot be read') });
  });
});
