import { describe, expect, it } from '@jest/globals';
import { fakeContext } from '../test-support.js';
import { fetchFlow, patchFlow } from './fetch_flow.js';

const flow = { id: 'f2', account_id: 'acc-1', actions: [{ id: 'x', type: 'answer', option: {} }] };

describe('fetch_flow and patch_flow', () => {
  it("pushes the other flow's actions", async () => {
    for (const [type, handler] of [['fetch_flow', fetchFlow], ['patch_flow', patchFlow]] as const) {
      const run = fakeContext(type, { flow_id: 'f2' }, { deps: { flows: { findRunnable: async () => flow as never, createTemporary: async () => flow as never } } });
      await handler.run(run.context as never);
      expect(run.pushed).toEqual([{ actions: flow.actions, field: 'option.flow_id' }]);
    }
  });

  it("skips a missing flow or another account's, recording the miss", async () => {
    const missing = fakeContext('fetch_flow', { flow_id: 'gone' });
    await fetchFlow.run(missing.context);
    const foreign = fakeContext('fetch_flow', { flow_id: 'f2' }, { deps: { flows: { findRunnable: async () => ({ ...flow, account_id: 'other' }) as never, createTemporary: async () => flow as never } } });
    await fetchFlow.run(foreign.context);
    expect([...missing.failures, ...foreign.failures].map((failure) => failure.reason)).toEqual(['FLOW_NOT_FOUND', 'FLOW_NOT_FOUND']);
    expect([...missing.pushed, ...foreign.pushed]).toEqual([]);
  });
});
