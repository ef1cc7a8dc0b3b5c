import { describe, expect, it } from '@jest/globals';
import { amd } from './amd.js';
import { completion, fakeRun } from './test-support.js';

describe('amd', () => {
  it('answers, detects, and hangs up on a machine when asked', async () => {
    const { run, did, listeners } = fakeRun('amd', { machine_handle: 'hangup' });
    await amd.start(run);
    await listeners.get('amd')!(completion({ amd_result: 'MACHINE' }));
    expect(did).toEqual(['answer', 'amd', 'hangup amd']);
    expect(run.state.result).toBe('MACHINE');
  });

  it('is refused where the media server lacks mod_amd, and the call goes on', async () => {
    const { run, did } = fakeRun('amd', { machine_handle: 'hangup' }, { modules: { mod_amd: false } });
    await amd.start(run);
    expect(did).toEqual(['refuse MODULE_MISSING']);
  });

  it('goes on for a person, or a machine without machine_handle hangup', async () => {
    const { run, did, listeners } = fakeRun('amd', {}, { answered: true });
    await amd.start(run);
    await listeners.get('amd')!(completion({ amd_result: 'MACHINE' }));
    expect(did).toEqual(['amd']);
  });
});
