import { describe, expect, it } from '@jest/globals';
import { presenceSet } from './presence_set.js';
import { fakeRun } from './test-support.js';

describe('presence_set', () => {
  it("sends PRESENCE_IN for user@realm, a bare name taking the call's realm, and publishes the update", async () => {
    const full = fakeRun('presence_set', { presence_id: 'frontdesk@example.com', status: 'busy' });
    await presenceSet.start(full.run);
    const bare = fakeRun('presence_set', { presence_id: 'lobby', status: 'idle' });
    await presenceSet.start(bare.run);
    expect([...full.did, ...bare.did]).toEqual([
      'sendevent PRESENCE_IN frontdesk@example.com confirmed',
      'publish call_presence_updated frontdesk@example.com',
      'sendevent PRESENCE_IN lobby@pbx.example.com terminated',
      'publish call_presence_updated lobby@pbx.example.com',
    ]);
  });

  it('refuses a bare name when the call has no realm to lend it', async () => {
    const { run, did } = fakeRun('presence_set', { presence_id: 'lobby', status: 'ringing' }, { destination: '2001' });
    await presenceSet.start(run);
    expect(did).toEqual([expect.stringMatching(/^refuse PRESENCE_WITHOUT_REALM/)]);
  });
});
