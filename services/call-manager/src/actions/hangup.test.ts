import { describe, expect, it } from '@jest/globals';
import { hangup } from './hangup.js';
import { fakeRun } from './test-support.js';

describe('hangup', () => {
  it('hangs up with the reason given, normal when none or an unknown one', async () => {
    const busy = fakeRun('hangup', { reason: 'busy' });
    await hangup.start(busy.run);
    const unknown = fakeRun('hangup', { reason: 'bored' });
    await hangup.start(unknown.run);
    expect([...busy.did, ...unknown.did]).toEqual(['hangup busy', 'hangup normal']);
  });

  it('relays the reason another call ended with', async () => {
    const { run, did } = fakeRun('hangup', { reference_id: 'leg-1' }, { otherCall: { hangup_reason: 'noanswer' } });
    await hangup.start(run);
    expect(did).toEqual(['hangup noanswer']);
  });
});
