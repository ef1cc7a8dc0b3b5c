import { describe, expect, it } from '@jest/globals';
import { BEEP, beep } from './beep.js';
import { fakeRun } from './test-support.js';

describe('beep', () => {
  it('plays a short tone', async () => {
    const { run, did } = fakeRun('beep', {});
    await beep.start(run);
    expect(did).toEqual([`playback ${BEEP}`]);
  });
});
