import { customerManager, type customerManager as CM } from '@voxmesh/contracts';
import type { RpcClient } from '@voxmesh/mesh';
import { VoipError } from '@voxmesh/wire';

const TIMEOUT_MS = 2000;

/**
 * What the media server is given to play for a prompt named by a Kazoo media id: the
 * file its upload was written to, or the text of a tts media to speak. Anything that is not a
 * media id (a URL, a path, a tone) is played as written. A media id the account does
 * not have, or one without audio yet, plays nothing: the caller would hear silence,
 * so the reason is returned instead.
 */
export class MediaLibrary {
  constructor(private readonly client: RpcClient<CM.CustomerManagerRoutes>) {}

  async playable(accountId: string, reference: string): Promise<{ path: string } | { speak: string; voice?: string | undefined } | { missing: string }> {
    if (!customerManager.isId(reference)) return { path: reference };
    let media: CM.Media;
    try {
      media = await this.client.call('getMedia', { params: { account_id: accountId, id: reference } }, { timeoutMs: TIMEOUT_MS });
    } catch (error) {
      if (error instanceof VoipError && error.status === 'NOT_FOUND') return { missing: `the account has no media ${reference}` };
      throw error;
    }
    if (media.media_source === 'tts' && media.tts) return { speak: media.tts.text, voice: media.tts.voice };
    if (media.media_path !== undefined) return { path: media.media_path };
    return { missing: `media ${reference} has no audio uploaded` };
  }
}
