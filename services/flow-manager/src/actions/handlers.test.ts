import { describe, expect, it } from '@jest/globals';
import { flowManager } from '@voxmesh/contracts';
import { fakeContext } from '../test-support.js';
import { actionHandlers, flowActionHandlers, withoutCallHandlers } from './index.js';
import type { ActionHandler } from './types.js';

const { actionCatalog, actionTypes, flowActionTypes, mediaActionTypes } = flowManager;

/** Every example of every type flow-manager runs, from the catalog. */
const flowExamples = flowActionTypes.flatMap((type) => actionCatalog[type].examples.map((option, index) => [type, index, option] as const));

describe("flow-manager's handler table", () => {
  it('has a handler for exactly the types the catalog says flow-manager runs', () => {
    expect(Object.keys(flowActionHandlers).sort()).toEqual([...flowActionTypes].sort());
    for (const type of Object.keys(withoutCallHandlers)) expect(mediaActionTypes).toContain(type);
  });

  it("looks every catalog type up: its own handler, or the media layer's hand-over", () => {
    for (const type of actionTypes) {
      const handler = actionHandlers[type];
      expect({ type, found: typeof handler?.run }).toEqual({ type, found: 'function' });
      if (type in flowActionHandlers) expect(handler).toBe(flowActionHandlers[type as keyof typeof flowActionHandlers]);
    }
  });

  it.each(flowExamples)('runs %s example %d without failing', async (type, _index, option) => {
    const run = fakeContext(type, option, {
      deps: { flows: { findRunnable: async () => ({ id: 'f2', account_id: 'acc-1', actions: [] }) as never, createTemporary: async () => ({ id: 'legs' }) as never } },
    });
    const outcome = await (actionHandlers[type] as ActionHandler<typeof type>).run(run.context as never);
    expect(['continue', 'finish']).toContain(outcome.kind);
    // A handler steps over what it cannot do (no default target, no call-manager here), recording why.
    for (const failure of run.failures) expect(failure).toEqual({ reason: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) });
  });

  it.each(mediaActionTypes.map((type) => [type] as const))('hands %s to the media layer on a call', async (type) => {
    const run = fakeContext(type, actionCatalog[type].examples[0]);
    await expect((actionHandlers[type] as ActionHandler<typeof type>).run(run.context as never)).resolves.toEqual({ kind: 'media' });
    expect(run.failures).toEqual([]);
  });
});
