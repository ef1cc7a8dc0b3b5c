import { describe, expect, it } from '@jest/globals';
import type { ConfbridgeRepository } from '../db/repositories.js';
import { ConfbridgeService, type JoinRun } from './confbridges.js';
import type { LiveCall } from './live-call.js';
import type { CallRegistry } from './registry.js';

/** A call as the confbridges see it, recording what they make its channel do. */
function liveCall(id: string) {
  const did: string[] = [];
  const live = {
    call: { id, media_server: 'ms-1' },
    answered: true,
    ending: false,
    control: {
      breakMedia: async () => void did.push('break'),
      answer: async () => void did.push('answer'),
      parkAfterBridge: async () => void did.push('park_after_bridge'),
      bridgeTo: async (other: LiveCall) => void did.push(`bridge ${other.call.id}`),
    },
    publish() {},
    update() {},
    enqueue: (_what: string, work: () => Promise<void>) => void work(),
    breakMedia: async () => void did.push('break'),
    finishAction: async () => void did.push('confbridge over'),
  } as unknown as LiveCall;
  return { live, did };
}

/** A confbridge_join run of `confbridgeId`, recording how it ended. */
function joinRun(confbridgeId: string) {
  const ended: string[] = [];
  const run: JoinRun = {
    action: { id: `join-${Math.random()}`, option: { confbridge_id: confbridgeId } },
    execute: async (app) => (ended.push(`execute ${app}`), ''),
    complete: async () => void ended.push('complete'),
    refuse: async (reason) => void ended.push(`refuse ${reason}`),
    hangup: async (reason) => void ended.push(`hangup ${reason}`),
  };
  return { run, ended };
}

function service() {
  const stored = new Map<string, unknown>();
  const repository = { save: (doc: { id: string }) => void stored.set(doc.id, doc), get: async (id: string) => stored.get(id) } as unknown as ConfbridgeRepository;
  const registry = { get: () => undefined } as unknown as CallRegistry;
  const logger = { warn() {} } as never;
  return new ConfbridgeService({ repository, registry, logger });
}

describe('a connect whose dialled leg answers before its caller joins', () => {
  it('keeps the leg waiting and bridges the two once the caller comes in', async () => {
    const confbridges = service();
    const connect = confbridges.create({ type: 'connect', reference_id: 'caller' });
    confbridges.addPendingLeg('caller', 'leg');
    const leg = liveCall('leg');
    const legJoin = joinRun(connect.id);
    await confbridges.join(legJoin.run, leg.live);
    expect(legJoin.ended).toEqual([]);
    expect((await confbridges.get(connect.id)).status).toBe('progressing');

    const caller = liveCall('caller');
    await confbridges.join(joinRun(connect.id).run, caller.live);
    expect(caller.did).toContain('bridge leg');
    expect(leg.did).not.toContain('confbridge over');
  });

  it('lets a second leg that answers while the first waits for the caller lose the race', async () => {
    const confbridges = service();
    const connect = confbridges.create({ type: 'connect', reference_id: 'caller' });
    confbridges.addPendingLeg('caller', 'leg-1');
    confbridges.addPendingLeg('caller', 'leg-2');
    await confbridges.join(joinRun(connect.id).run, liveCall('leg-1').live);
    const second = joinRun(connect.id);
    await confbridges.join(second.run, liveCall('leg-2').live);
    expect(second.ended).toEqual(['hangup cancel']);

    const caller = liveCall('caller');
    await confbridges.join(joinRun(connect.id).run, caller.live);
    expect(caller.did).toContain('bridge leg-1');
  });

  it('still ends a connect whose caller joins with no leg left ringing', async () => {
    const confbridges = service();
    const connect = confbridges.create({ type: 'connect', reference_id: 'caller' });
    const caller = liveCall('caller');
    await confbridges.join(joinRun(connect.id).run, caller.live);
    expect((await confbridges.get(connect.id)).status).toBe('terminated');
    expect(caller.did).toContain('confbridge over');
  });
});
