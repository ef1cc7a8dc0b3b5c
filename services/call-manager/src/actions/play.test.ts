import { describe, expect, it } from '@jest/globals';
import { play } from './play.js';
import { fakeRun } from './test-support.js';

describe('play', () => {
  it('plays each URL in order', async () => {
    const { run, did } = fakeRun('play', { stream_urls: ['https://m/a.wav', 'https://m/b.wav'] });
    await play.start(run);
    expect(did).toEqual(['playback https://m/a.wav', 'playback https://m/b.wav']);
  });
});
