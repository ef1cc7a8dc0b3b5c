import { describe, expect, it } from '@jest/globals';
import { flowManager } from '@voxmesh/contracts';
import { actionHandlers, mediaActionHandlers } from './index.js';
import { fakeRun } from './test-support.js';
import type { ActionHandler } from './types.js';

const { actionCatalog, mediaActionTypes } = flowManager;

describe("call-manager's handler table", () => {
  it('has a handler for exactly the types the catalog says the media layer runs', () => {
    expect(Object.keys(mediaActionHandlers).sort()).toEqual([...mediaActionTypes].sort());
  });

  it.each(mediaActionTypes.flatMap((type) => actionCatalog[type].examples.map((option, index) => [type, index, option] as const)))(
    'starts %s example %d on the call',
    async (type, _index, option) => {
      // A stream already running, so stopping one has something to stop.
      const { run, did } = fakeRun(type, option, { medias: [{ status: 'running', transport: 'websocket' }] });
      await (actionHandlers[type] as ActionHandler<typeof type>).start(run);
      // Each does something to the call, or says why it cannot.
      expect(did.length).toBeGreaterThan(0);
    },
  );
});
