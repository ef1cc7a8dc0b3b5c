import { describe, expect, it } from '@jest/globals';
import { flowManager } from '@voxmesh/contracts';
import { actionHandlers, mediaActionHandlers } from './index.js';
import type { ActionHandler, ActionRun } from './types.js';

const { actionCatalog, mediaActionTypes } = flowManager;

/** A run on a fake call that records what the handler did to it. */
function fakeRun(type: string, option: unknown) {
  const did: string[] = [];
  // A stream already running, so stopping one has something to stop.
  const call = { id: 'call-1', channel_id: 'chan-1', hangup_reason: '', external_medias: [{ status: 'running', transport: 'websocket' }] as unknown[] };
  const parsed = flowManager.actionOptionSchemas[type as keyof typeof flowManager.actionOptionSchemas].parse(option);
  const run = {
    action: { id: 'a1', type, option: parsed },
    live: {
      call,
      answered: false,
      update: (change: (value: typeof call) => void) => change(call),
      breakMedia: async () => void did.push('break'),
      link: { unicast: async () => void did.push('unicast') },
    },
    deps: {
      settings: { ttsEngine: 'flite' },
      calls: { get: async () => undefined },
      registry: { get: () => ({ call }) },
      confbridges: { join: async () => void did.push('confbridge'), left: () => undefined },
      recordings: {
        begin: async (_live: unknown, _options: unknown, record: (path: string) => Promise<string>) => void (await record('/tmp/r.wav')),
        stop: async (_live: unknown, stop: (path: string) => Promise<string>) => void (await stop('/tmp/r.wav')),
      },
    },
    state: {},
    active: true,
    execute: async (app: string) => (did.push(`execute ${app}`), 'ok'),
    api: async (command: string) => (did.push(`api ${command.split(' ')[0]}`), ''),
    complete: async () => void did.push('complete'),
    refuse: async (reason: string) => void did.push(`refuse ${reason}`),
    hangup: async (reason: string) => void did.push(`hangup ${reason}`),
    timeoutAfter: async () => void did.push('timeout'),
    setVariables: async () => void did.push('variables'),
    digits: () => '',
  };
  return { run: run as unknown as ActionRun<never>, did };
}

describe("call-manager's handler table", () => {
  it('has a handler for exactly the types the catalog says the media layer runs', () => {
    expect(Object.keys(mediaActionHandlers).sort()).toEqual([...mediaActionTypes].sort());
  });

  it.each(mediaActionTypes.flatMap((type) => actionCatalog[type].examples.map((option, index) => [type, index, option] as const)))(
    'starts %s example %d on the call',
    async (type, _index, option) => {
      const { run, did } = fakeRun(type, option);
      await (actionHandlers[type] as ActionHandler<never>).start(run);
      // Each does something to the call, or says why it cannot.
      expect(did.length).toBeGreaterThan(0);
    },
  );
});
