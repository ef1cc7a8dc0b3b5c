import { describe, expect, it } from '@jest/globals';
import { respond } from './respond.js';
import { fakeRun } from './test-support.js';

describe('respond', () => {
  it('plays early media, then answers the INVITE with the status', async () => {
    const busy = fakeRun('respond', { code: 486, message: 'Busy Here', media: 'https://example.com/closed.wav' });
    await respond.start(busy.run);
    expect(busy.did).toEqual(['pre_answer', 'playback https://example.com/closed.wav', 'respond 486 Busy Here']);
  });

  it('sends a provisional status alone, and no early media once answered', async () => {
    const ringing = fakeRun('respond', { code: 180 });
    await respond.start(ringing.run);
    const answered = fakeRun('respond', { code: 480, media: 'https://example.com/x.wav' }, { answered: true });
    await respond.start(answered.run);
    expect([...ringing.did, ...answered.did]).toEqual(['respond 180', 'respond 480']);
  });
});
