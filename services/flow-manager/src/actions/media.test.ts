import { describe, expect, it } from '@jest/globals';
import { fakeContext } from '../test-support.js';
import { toMediaLayer } from './media.js';

describe('the media hand-over', () => {
  const media = toMediaLayer({ sleep: { run: async (context) => ({ kind: 'wait', delayMs: context.action.option.duration }) } });

  it('hands a media action to the media layer when there is a call', async () => {
    const run = fakeContext('talk', { text: 'hi' });
    await expect(media.run(run.context as never)).resolves.toEqual({ kind: 'media' });
  });

  it('skips it in a run without a call, recording why', async () => {
    const run = fakeContext('play', { stream_urls: ['u'] }, { headless: true });
    await expect(media.run(run.context as never)).resolves.toEqual({ kind: 'continue' });
    expect(run.failures).toEqual([{ reason: 'NEEDS_CALL', message: 'play needs a call; skipped in a run without one' }]);
  });

  it('runs what the action means without a call when it means something', async () => {
    const run = fakeContext('sleep', { duration: 250 }, { headless: true });
    await expect(media.run(run.context as never)).resolves.toEqual({ kind: 'wait', delayMs: 250 });
    expect(run.failures).toEqual([]);
  });
});
