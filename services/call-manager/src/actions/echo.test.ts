import { describe, expect, it } from '@jest/globals';
import { ECHO_DEFAULT_MS, echo, streamEcho } from './echo.js';
import { fakeRun } from './test-support.js';

describe('echo and stream_echo', () => {
  it('echoes until the duration, voipbin\'s default when none is given', async () => {
    const timed = fakeRun('echo', { duration: 4000 });
    await echo.start(timed.run);
    expect(timed.did).toEqual(['echo', 'timeout 4000']);
    const open = fakeRun('stream_echo', {});
    await streamEcho.start(open.run);
    expect(open.did).toEqual(['echo', `timeout ${ECHO_DEFAULT_MS}`]);
  });

  it('at its duration breaks echo off and waits for it to end (the run ends with the application)', async () => {
    const timed = fakeRun('echo', { duration: 4000 });
    await echo.start(timed.run);
    await echo.onTimeout!(timed.run);
    expect(timed.did).toEqual(['echo', 'timeout 4000', 'break false']);
  });
});
