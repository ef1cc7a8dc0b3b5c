import { describe, expect, it } from '@jest/globals';
import type { ChannelEvent } from '../esl/event.js';
import { play } from './play.js';
import { fakeRun } from './test-support.js';

describe('play', () => {
  it('plays each URL in order', async () => {
    const { run, did } = fakeRun('play', { stream_urls: ['https://m/a.wav', 'https://m/b.wav'] });
    await play.start(run);
    expect(did).toEqual(['playback https://m/a.wav', 'playback https://m/b.wav']);
  });

  it('stops at a key with digits_handle next, and ignores keys otherwise', async () => {
    const next = fakeRun('play', { stream_urls: ['tone_stream://%(10000,0,350,440)'], digits_handle: 'next' });
    await play.start(next.run);
    await play.onDigit!(next.run, '2');
    expect(next.did).toEqual(['playback tone_stream://%(10000,0,350,440)', 'break false', 'complete']);
    const plain = fakeRun('play', { stream_urls: ['https://m/a.wav'] });
    await play.start(plain.run);
    await play.onDigit!(plain.run, '2');
    expect(plain.did).toEqual(['playback https://m/a.wav']);
  });
});

describe('play, when the media did not play', () => {
  const response = (value: string) => ({ header: (name: string) => ({ 'Application-Response': value, Application: 'playback', 'Application-Data': 'https://m/a.wav' })[name] }) as unknown as ChannelEvent;

  it('records FILE NOT FOUND on the call, and nothing for FILE PLAYED', async () => {
    const { run, did, listeners } = fakeRun('play', { stream_urls: ['https://m/a.wav'] });
    await play.start(run);
    await listeners.get('playback')!(response('FILE PLAYED'));
    await listeners.get('playback')!(response('FILE NOT FOUND'));
    expect(did).toEqual(['playback https://m/a.wav', 'error MEDIA_NOT_PLAYED']);
  });
});

describe('play by Kazoo media id', () => {
  it("plays an uploaded media's file, speaks a tts media, and records a media without audio as not played", async () => {
    const { run, did } = fakeRun('play', {
      stream_urls: ['a4b1f2c000004000800000000000ee01', 'a4b1f2c000004000800000000000ee02', 'a4b1f2c000004000800000000000ee03', 'tone_stream://%(100,0,440)'],
    });
    await play.start(run);
    expect(did).toEqual([
      'playback /rec/media/acct-1/a4b1f2c000004000800000000000ee01.wav',
      'speak flite|kal|Welcome to the shop',
      'error MEDIA_NOT_PLAYED',
      'playback tone_stream://%(100,0,440)',
    ]);
  });
});
