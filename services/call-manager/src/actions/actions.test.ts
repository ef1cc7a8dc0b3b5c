import { describe, expect, it } from '@jest/globals';
import { flowManager } from '@voxmesh/contracts';
import { causeOfOriginate } from '../calls/outgoing.js';
import { actionHandlers } from './index.js';

describe('the action table', () => {
  it('has a handler for every action type of the contract, and nothing else', () => {
    expect(Object.keys(actionHandlers).sort()).toEqual([...flowManager.actionTypes].sort());
  });

  it("refuses flow-manager's own actions and those needing services not run here, leaving the media ones to run", async () => {
    const refused: string[] = [];
    for (const type of flowManager.actionTypes) {
      const run = { action: { id: 'x', type, option: {} }, refuse: async (reason: string) => void refused.push(`${type}:${reason}`) };
      const handler = actionHandlers[type] as { manual?: boolean; start(run: unknown): Promise<void> };
      if (!handler.manual) continue;
      if (['digits_receive', 'dtmf_receive', 'hangup', 'confbridge_join', 'voicemail_check', 'conference_enter', 'bridge', 'pickup', 'fax_detect'].includes(type)) continue;
      await handler.start(run);
    }
    // Every type the catalog gives flow-manager, whatever is added to it later.
    expect(refused.filter((entry) => entry.endsWith(':NOT_A_MEDIA_ACTION')).map((entry) => entry.split(':')[0]).sort()).toEqual([...flowManager.flowActionTypes].sort());
    expect(flowManager.flowActionTypes).toEqual(expect.arrayContaining(['branch', 'connect', 'fetch', 'goto', 'pivot', 'stop', 'variable_set', 'webhook_send']));
    expect(refused.filter((entry) => entry.endsWith(':SERVICE_UNAVAILABLE')).map((entry) => entry.split(':')[0]).sort()).toEqual(
      ['agent_call', 'queue_join', 'transcribe_recording', 'transcribe_start', 'transcribe_stop'].sort(),
    );
  });
});

describe('helpers', () => {
  it('reads the cause of a failed originate', () => {
    expect(causeOfOriginate('originate {…}: -ERR USER_BUSY')).toBe('USER_BUSY');
    expect(causeOfOriginate('socket closed')).toBe('NORMAL_TEMPORARY_FAILURE');
  });
});
