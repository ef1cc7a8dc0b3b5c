import { describe, expect, it } from '@jest/globals';
import { externalMediaStop } from './external_media_stop.js';
import { fakeRun } from './test-support.js';

describe('external_media_stop', () => {
  it('stops the running streams and marks them stopped', async () => {
    const { run, did, call } = fakeRun('external_media_stop', {}, { medias: [{ status: 'running', transport: 'websocket' }, { status: 'running', transport: 'udp' }] });
    await externalMediaStop.start(run);
    expect(did).toEqual(['api uuid_audio_fork chan-1 stop']);
    expect(call.external_medias.map((media) => media.status)).toEqual(['stopped', 'stopped']);
  });

  it('has nothing to do without a running stream', async () => {
    const { run, did } = fakeRun('external_media_stop', {});
    await externalMediaStop.start(run);
    expect(did).toEqual([]);
  });
});
