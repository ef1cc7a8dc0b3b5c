import { callManager } from '@voxmesh/contracts';
import { TargetGuard } from '@voxmesh/http-guard';
import { VoipError } from '@voxmesh/wire';
import { guardedGet } from './guarded-get.js';
import type { MediaFiles } from './media-files.js';

/** Kazoo's media.json caps `content_length` here. */
const MAX_BYTES = 5 * 1024 * 1024;

/** The file starts as its Content-Type says: a server labelling HTML as audio is refused, not played. */
function looksLike(extension: 'wav' | 'mp3', data: Buffer): boolean {
  if (extension === 'wav') return data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WAVE';
  return data.subarray(0, 3).toString('latin1') === 'ID3' || (data.length > 1 && data[0] === 0xff && (data[1]! & 0xe0) === 0xe0);
}

/**
 * A prompt fetched from a customer's URL and stored as an upload would be. The request
 * goes through the shared target guard with the recording upload's flag and defaults
 * (`-recording_upload_allow_private`), as the customer chose the address.
 */
export class MediaDownloads {
  private readonly guard: TargetGuard;

  constructor(private readonly options: { files: MediaFiles; allowPrivate: boolean; timeoutMs: number }) {
    this.guard = new TargetGuard({ allowPrivate: options.allowPrivate, allowFlag: '-recording_upload_allow_private' });
  }

  async fetch(request: { account_id: string; media_id: string; url: string }): Promise<{ path: string; size: number; content_type: string }> {
    let target: URL;
    try {
      target = new URL(request.url);
      this.guard.checkUrl(target);
    } catch (error) {
      throw VoipError.invalidArgument('url', (error as Error).message);
    }
    const fetched = await guardedGet(target, this.guard, { timeoutMs: this.options.timeoutMs, maxBytes: MAX_BYTES });
    if ('error' in fetched) throw VoipError.invalidArgument('url', `the audio could not be fetched: ${fetched.error}`);
    const extension = callManager.mediaUploadTypes[fetched.contentType];
    if (extension === undefined) {
      throw VoipError.invalidArgument('url', `the server sent ${fetched.contentType || 'no Content-Type'}; the audio must be one of ${Object.keys(callManager.mediaUploadTypes).join(', ')}`);
    }
    if (fetched.data.length === 0) throw VoipError.invalidArgument('url', 'the server sent an empty file');
    if (!looksLike(extension, fetched.data)) throw VoipError.invalidArgument('url', `the server sent ${fetched.contentType}, but the file is not ${extension === 'wav' ? 'a WAVE file' : 'an MP3 file'}`);
    const written = await this.options.files.write({ account_id: request.account_id, media_id: request.media_id, content_type: fetched.contentType, data_base64: fetched.data.toString('base64') });
    return { ...written, content_type: fetched.contentType };
  }
}
