import { describe, expect, it } from '@jest/globals';
import { confbridgeJoin } from './confbridge_join.js';
import { completion, fakeRun } from './test-support.js';

describe('confbridge_join', () => {
  it('joins through the confbridges and is done when the confbridge lets the call go', async () => {
    const { run, did } = fakeRun('confbridge_join', { confbridge_id: 'cb-1' });
    await confbridgeJoin.start(run);
    await confbridgeJoin.onAppComplete!(run, completion({}));
    expect(did).toEqual(['confbridge join', 'confbridge left', 'complete']);
    expect(confbridgeJoin.manual).toBe(true);
  });
});
