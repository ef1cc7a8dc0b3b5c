import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { callManager } from '@voxmesh/contracts';
import { VoipError } from '@voxmesh/wire';

/** Larger files are not sent over RPC: a voicemail or a fax is far below. */
const MAX_BYTES = 16 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.pdf': 'application/pdf',
};

/**
 * Reads back files the media server wrote (voicemail messages, received faxes) for the
 * REST API. Only files under the recording directory are served, checked after links
 * are followed, so a stored path can never reach anything else on the disk.
 */
export class MediaFiles {
  constructor(private readonly directory: string) {}

  async read(path: string): Promise<callManager.MediaFile> {
    const root = resolve(this.directory);
    let real: string;
    try {
      real = await realpath(resolve(root, path));
    } catch {
      throw VoipError.notFound(`the media file ${path} is not on the media server`, 'MEDIA_FILE_NOT_FOUND');
    }
    const realRoot = await realpath(root).catch(() => root);
    if (!real.startsWith(realRoot + sep)) throw VoipError.notFound(`the media file ${path} is not on the media server`, 'MEDIA_FILE_NOT_FOUND');
    const info = await stat(real);
    if (!info.isFile()) throw VoipError.notFound(`the media file ${path} is not on the media server`, 'MEDIA_FILE_NOT_FOUND');
    if (info.size > MAX_BYTES) throw VoipError.invalidArgument('path', `the media file is ${info.size} bytes; at most ${MAX_BYTES} are served`);
    const body = await readFile(real);
    return { content_type: TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream', size: body.length, data_base64: body.toString('base64') };
  }
}
