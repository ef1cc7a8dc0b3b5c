import { describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import { fakeContext } from '../test-support.js';
import { callSettingsUpdate } from './call_settings_update.js';
import type { CallSettingsDocument, CallSettingsStore } from './types.js';

/** An account holding `documents`, recording each save. */
function store(documents: CallSettingsDocument[], refuse?: VoipError) {
  const saved: { id: string; change: unknown }[] = [];
  const looked: string[] = [];
  const callSettings: CallSettingsStore = {
    find: async (_account, id) => (looked.push(id), documents.find((doc) => doc.id === id)),
    save: async (_account, doc, change) => {
      if (refuse) throw refuse;
      saved.push({ id: doc.id, change });
    },
  };
  return { callSettings, saved, looked };
}

const user = (call_forward: CallSettingsDocument['call_forward'] = {}, dnd = {}): CallSettingsDocument => ({ kind: 'user', id: 'u1', call_forward, do_not_disturb: dnd });
const device: CallSettingsDocument = { kind: 'device', id: 'd1', call_forward: {}, do_not_disturb: {} };
const caller = { 'voipbin.call.owner_id': 'u1', 'voipbin.call.device_id': 'd1' };

async function run(option: Record<string, unknown>, documents: CallSettingsDocument[], variables: Record<string, string> = caller, refuse?: VoipError) {
  const deps = store(documents, refuse);
  const fake = fakeContext('call_settings_update', option, { state: { variables }, deps: { callSettings: deps.callSettings } });
  await callSettingsUpdate.run(fake.context);
  return { ...deps, result: fake.variables['voipbin.call_settings.result'], number: fake.variables['voipbin.call_settings.number'], failures: fake.failures };
}

describe('call_settings_update', () => {
  it("activates the owner's forwarding with the given number, a keyed-in one losing its #", async () => {
    const done = await run({ setting: 'call_forward', action: 'activate', number: '15550100#' }, [user(), device]);
    expect(done).toMatchObject({ result: 'activated', number: '15550100' });
    expect(done.saved).toEqual([{ id: 'u1', change: { call_forward: { enabled: true, number: '15550100' } } }]);
  });

  it('activates with the stored number when none is given, and asks for one when none is stored', async () => {
    expect((await run({ setting: 'call_forward', action: 'activate', number: '' }, [user({ number: '200' })])).saved).toEqual([{ id: 'u1', change: { call_forward: { enabled: true, number: '200' } } }]);
    const missing = await run({ setting: 'call_forward', action: 'toggle' }, [user()]);
    expect(missing).toMatchObject({ result: 'number_missing', saved: [] });
  });

  it('toggles off what is on, updates the number keeping the state, and deactivates', async () => {
    expect((await run({ setting: 'call_forward', action: 'toggle' }, [user({ enabled: true, number: '1' })])).saved[0]!.change).toEqual({ call_forward: { enabled: false } });
    expect((await run({ setting: 'call_forward', action: 'update', number: '777' }, [user({ enabled: true, number: '1' })])).saved[0]!.change).toEqual({ call_forward: { enabled: true, number: '777' } });
    expect((await run({ setting: 'call_forward', action: 'update' }, [user()])).result).toBe('number_missing');
    expect((await run({ setting: 'call_forward', action: 'deactivate' }, [user()])).result).toBe('deactivated');
  });

  it('changes do-not-disturb on the given id first, then the owner, then the device', async () => {
    const given = await run({ setting: 'do_not_disturb', action: 'activate', id: 'd1' }, [user(), device]);
    expect(given.saved).toEqual([{ id: 'd1', change: { do_not_disturb: { enabled: true } } }]);
    const ownerless = await run({ setting: 'do_not_disturb', action: 'toggle' }, [device], { 'voipbin.call.device_id': 'd1' });
    expect(ownerless).toMatchObject({ result: 'activated', looked: ['d1'] });
    const toggledOff = await run({ setting: 'do_not_disturb', action: 'toggle' }, [user({}, { enabled: true })]);
    expect(toggledOff.saved[0]!.change).toEqual({ do_not_disturb: { enabled: false } });
  });

  it('is unavailable without a document, and failed (recorded) when customer-manager refuses', async () => {
    expect(await run({ setting: 'do_not_disturb', action: 'activate' }, [], {})).toMatchObject({ result: 'unavailable', looked: [] });
    const refused = await run({ setting: 'call_forward', action: 'activate', number: '12' }, [user()], caller, VoipError.invalidArgument('call_forward.number', 'bad'));
    expect(refused.result).toBe('failed');
    expect(refused.failures[0]!.reason).toBe('CALL_SETTINGS_REFUSED');
    expect((await run({ setting: 'do_not_disturb', action: 'update' }, [user()])).result).toBe('failed');
  });
});
