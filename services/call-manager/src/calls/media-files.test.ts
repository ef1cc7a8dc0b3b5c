import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import { MediaFiles } from './media-files.js';

describe('MediaFiles', () => {
  const root = mkdtempSync(join(tmpdir(), 'voxmesh-media-files-'));
  const directory = join(root, 'recordings');
  mkdirSync(directory);
  writeFileSync(join(directory, 'voicemail-1.wav'), 'RIFF....WAVE');
  writeFileSync(join(directory, 'fax-1.tiff'), 'II*\u0000');
  writeFileSync(join(root, 'secret.wav'), 'not yours');
  symlinkSync(join(root, 'secret.wav'), join(directory, 'link.wav'));
  const files = new MediaFiles(directory);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const notFound = async (path: string) => {
    const error = await files.read(path).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(VoipError);
    expect((error as VoipError).status).toBe('NOT_FOUND');
  };

  it('reads a file the media server wrote under the directory, typed by its extension', async () => {
    const audio = await files.read(join(directory, 'voicemail-1.wav'));
    expect(audio).toMatchObject({ content_type: 'audio/wav', size: 12 });
    expect(Buffer.from(audio.data_base64, 'base64').toString()).toBe('RIFF....WAVE');
    expect((await files.read(join(directory, 'fax-1.tiff'))).content_type).toBe('image/tiff');
  });

  it('answers 404 for anything outside the directory, through .. or a link, and for what is not there', async () => {
    await notFound(join(root, 'secret.wav'));
    await notFound(join(directory, '..', 'secret.wav'));
    await notFound(join(directory, 'link.wav'));
    await notFound('/etc/passwd');
    await notFound(join(directory, 'missing.wav'));
    await notFound(directory);
  });
});
