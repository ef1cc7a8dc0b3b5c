import { describe, expect, it } from '@jest/globals';
import { externalMediaStart, splitHost } from './external_media_start.js';
import { fakeRun } from './test-support.js';

describe('external_media_start', () => {
  it('reads host and port', () => {
    expect(splitHost('10.0.0.1:4000')).toEqual({ host: '10.0.0.1', port: '4000' });
    expect(splitHost('[::1]:5')).toEqual({ host: '::1', port: '5' });
    expect(splitHost('media.example.com')).toEqual({ host: 'media.example.com', port: '8026' });
  });

  it('streams RTP by unicast, or a websocket through audio fork, and records the stream on the call', async () => {
    const rtp = fakeRun('external_media_start', { external_host: '10.0.0.1:4000' });
    await externalMediaStart.start(rtp.run);
    expect(rtp.did).toEqual(['unicast 10.0.0.1:4000 udp']);
    expect(rtp.call.external_medias).toMatchObject([{ external_host: '10.0.0.1:4000', encapsulation: 'rtp', transport: 'udp', status: 'running' }]);
    const ws = fakeRun('external_media_start', { external_host: 'wss://media.example.com/in' });
    await externalMediaStart.start(ws.run);
    expect(ws.did).toEqual(['api uuid_audio_fork chan-1 start wss://media.example.com/in mono 8k']);
    expect(ws.call.external_medias).toMatchObject([{ encapsulation: 'audiofork', transport: 'websocket' }]);
  });
});
