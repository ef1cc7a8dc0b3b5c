import { mkdir, readFile, realpath, rename, stat, writeFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { callManager } from '@voxmesh/contracts';
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
 * Writes uploaded prompts (`<dir>/media/<account>/<media id>.<ext>`) and reads back files
 * the media server wrote (voicemail messages, received faxes) for the
 * REST API. Only files under the recording directory are served, checked after links
 * are followed, so a stored path can never reach anything else on the disk.
 */
export class MediaFiles {
  constructor(private readonly directory: string) {}

  /** The ids are checked by the contract (hex only), so the path stays in the directory. */
  async write(upload: { account_id: string; media_id: string; content_type: string; data_base64: string }): Promise<{ path: string; size: number }> {
    const extension = callManager.mediaUploadTypes[upload.content_type];
    if (extension === undefined) throw VoipError.invalidArgument('content_type', `${upload.content_type} is not an audio type the media server plays`);
    const body = Buffer.from(upload.data_base64, 'base64');
    if (body.length > MAX_BYTES) throw VoipError.invalidArgument('data_base64', `the file is ${body.length} bytes; at most ${MAX_BYTES}`);
    const folder = join(resolve(this.directory), 'media', upload.account_id);
    await mkdir(folder, { recursive: true });
    const path = join(folder, `${upload.media_id}.${extension}`);
    // Whole or not at all: a call playing the prompt never reads half a file.
    const partial = `${path}.${process.pid}.part`;
    await writeFile(partial, body);
    await rename(partial, path);
    return { path, size: body.length };
  }

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
