import { describe, expect, it } from '@jest/globals';
import { flowManager } from '@voxmesh/contracts';
import { mediaActionHandlers } from './index.js';
import { handlerTable, notOnTheCall } from './refused.js';
import type { ActionRun } from './types.js';

describe("flow-manager's actions on a call", () => {
  it('are refused in one place, with the type named, and the flow goes on', async () => {
    const refused: [string, string][] = [];
    const run = { action: { id: 'x', type: 'goto', option: { target_id: 'a' } }, refuse: async (reason: string, message: string) => void refused.push([reason, message]) };
    await notOnTheCall.start(run as unknown as ActionRun<'goto'>);
    expect(notOnTheCall.manual).toBe(true);
    expect(refused).toEqual([['NOT_A_MEDIA_ACTION', 'goto is run by flow-manager, not on the call']]);
  });

  it('are looked up to that refusal, the media ones to their own handlers', () => {
    const table = handlerTable(mediaActionHandlers);
    for (const type of flowManager.flowActionTypes) expect(table[type]).toBe(notOnTheCall);
    for (const type of flowManager.mediaActionTypes) expect(table[type]).toBe(mediaActionHandlers[type]);
  });
});
