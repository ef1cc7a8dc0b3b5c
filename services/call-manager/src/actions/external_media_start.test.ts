import { describe, expect, it } from '@jest/globals';
import { externalMediaStart, splitHost } from './external_media_start.js';
import { fakeRun } from './test-support.js';

describe('external_media_start', () => {
  it('reads host and port', () => {
    expect(splitHost('10.0.0.1:4000')).toEqual({ host: '10.0.0.1', port: '4000' });
    expect(splitHost('[::1]:5')).toEqual({ host: '::1', port: '5' });
    expect(splitHost('media.example.com')).toEqual({ host: 'media.example.com', port: '8026' });
  });

  it('streams a websocket through audio fork and records the stream on the call', async () => {
    const ws = fakeRun('external_media_start', { external_host: 'wss://media.example.com/in' }, { modules: { mod_audio_fork: true } });
    await externalMediaStart.start(ws.run);
    expect(ws.did).toEqual(['api uuid_audio_fork chan-1 start wss://media.example.com/in mono 8k']);
    expect(ws.call.external_medias).toMatchObject([{ external_host: 'wss://media.example.com/in', encapsulation: 'audiofork', transport: 'websocket', status: 'running' }]);
  });

  it('refuses RTP, which FreeSWITCH stops with the next application, and a websocket without mod_audio_fork', async () => {
    const rtp = fakeRun('external_media_start', { external_host: '10.0.0.1:4000' });
    await externalMediaStart.start(rtp.run);
    expect(rtp.did).toEqual(['refuse EXTERNAL_MEDIA_UNSUPPORTED']);
    expect(rtp.call.external_medias).toEqual([]);
    const bare = fakeRun('external_media_start', { external_host: 'wss://media.example.com/in' }, { modules: { mod_audio_fork: false } });
    await externalMediaStart.start(bare.run);
    expect(bare.did).toEqual(['refuse MODULE_MISSING']);
  });
});
