import { describe, expect, it } from '@jest/globals';
import { conferenceJoin } from './conference_join.js';
import { fakeRun } from './test-support.js';

describe('conference_join', () => {
  it('joins the named conference, and an interruption kicks this call out of it', async () => {
    const { run, did } = fakeRun('conference_join', { conference_id: 'sync' });
    await conferenceJoin.start(run);
    await conferenceJoin.onInterrupt!(run);
    expect(did).toEqual(['conference sync@default', 'api conference sync list', 'api conference sync kick 7']);
  });
});
