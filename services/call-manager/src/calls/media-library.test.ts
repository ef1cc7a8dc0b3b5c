import { describe, expect, it } from '@jest/globals';
import type { customerManager } from '@voxmesh/contracts';
import type { RpcClient } from '@voxmesh/mesh';
import { VoipError } from '@voxmesh/wire';
import { MediaLibrary } from './media-library.js';

const UPLOADED = 'a4b1f2c000004000800000000000ee01';
const SPOKEN = 'a4b1f2c000004000800000000000ee02';
const EMPTY = 'a4b1f2c000004000800000000000ee03';

function library() {
  const docs: Record<string, Partial<customerManager.Media>> = {
    [UPLOADED]: { media_source: 'upload', media_path: '/rec/media/acct/ee01.wav' },
    [SPOKEN]: { media_source: 'tts', tts: { text: 'Hello there', voice: 'female/en-US' } },
    [EMPTY]: { media_source: 'upload' },
  };
  const client = {
    call: async (_name: string, request: { params: { account_id: string; id: string } }) => {
      const doc = request.params.account_id === 'acct' ? docs[request.params.id] : undefined;
      if (!doc) throw VoipError.notFound('no such media');
      return { id: request.params.id, account_id: 'acct', name: 'prompt', created: '', updated: '', ...doc };
    },
  } as unknown as RpcClient<customerManager.CustomerManagerRoutes>;
  return new MediaLibrary(client);
}

describe('MediaLibrary', () => {
  it("turns a media id into its uploaded file or its text, and leaves URLs and paths as written", async () => {
    const media = library();
    expect(await media.playable('acct', UPLOADED)).toEqual({ path: '/rec/media/acct/ee01.wav' });
    expect(await media.playable('acct', SPOKEN)).toEqual({ speak: 'Hello there', voice: 'female/en-US' });
    expect(await media.playable('acct', 'https://media.example.com/a.wav')).toEqual({ path: 'https://media.example.com/a.wav' });
  });

  it("says why a media id plays nothing: another account's, unknown, or without audio", async () => {
    const media = library();
    expect(await media.playable('other', UPLOADED)).toEqual({ missing: `the account has no media ${UPLOADED}` });
    expect(await media.playable('acct', EMPTY)).toEqual({ missing: `media ${EMPTY} has no audio uploaded` });
  });
});
