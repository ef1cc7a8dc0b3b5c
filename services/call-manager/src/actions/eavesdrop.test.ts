import { describe, expect, it } from '@jest/globals';
import { eavesdrop } from './eavesdrop.js';
import { fakeRun } from './test-support.js';

const jane = { id: 'd-jane', enabled: true, sip: { username: 'jane', realm: 'a.example' } };
const caller = { id: 'd-boss', user_id: 'u-boss' };
const row = (uuid: string, presence_id: string, callstate: string) => ({ uuid, presence_id, callstate, direction: 'outbound' });

describe('eavesdrop', () => {
  it('listens to the call the target device is talking on, in the mode asked', async () => {
    const { run, did } = fakeRun(
      'eavesdrop',
      { target: { type: 'device', id: 'd-jane' }, mode: 'whisper', approved: { device_id: 'd-boss' } },
      { device: caller, devices: [jane], switchChannels: [row('ring-1', 'jane@a.example', 'RINGING'), row('talk-1', 'JANE@a.example', 'ACTIVE'), row('other', 'joe@a.example', 'ACTIVE')] },
    );
    await eavesdrop.start(run);
    expect(did).toEqual([
      'api show channels as json',
      'answer',
      'set eavesdrop_whisper_aleg=false',
      'set eavesdrop_whisper_bleg=true',
      'variables {"voipbin.feature.result":"SUCCESS"}',
      'eavesdrop talk-1',
    ]);
  });

  it('refuses a caller who is not approved, and everyone when no approval is given', async () => {
    for (const approved of [{ device_id: 'd-other' }, { user_id: 'u-other' }, undefined]) {
      const { run, did } = fakeRun('eavesdrop', { target: { type: 'device', id: 'd-jane' }, ...(approved ? { approved } : {}) }, { device: caller, devices: [jane], switchChannels: [row('talk-1', 'jane@a.example', 'ACTIVE')] });
      await eavesdrop.start(run);
      expect(did).toEqual(['variables {"voipbin.feature.result":"NOT_APPROVED"}', 'answer']);
    }
  });

  it('approves by the owner of the calling device and by group membership', async () => {
    const byUser = fakeRun('eavesdrop', { target: { type: 'device', id: 'd-jane' }, approved: { user_id: 'u-boss' } }, { device: caller, devices: [jane], answered: true });
    await eavesdrop.start(byUser.run);
    expect(byUser.did).toEqual(['api show channels as json', 'variables {"voipbin.feature.result":"NO_CHANNELS"}']);
    const byGroup = fakeRun('eavesdrop', { target: { type: 'user', id: 'u-jane' }, approved: { group_id: 'g1' } }, { device: caller, devices: [jane, { ...jane, id: 'd-boss' }], answered: true });
    await eavesdrop.start(byGroup.run);
    expect(byGroup.did.at(-1)).toBe('variables {"voipbin.feature.result":"NO_CHANNELS"}');
  });

  it('says NO_USERS when the target has no device', async () => {
    const { run, did } = fakeRun('eavesdrop', { target: { type: 'device', id: 'd-gone' }, approved: { device_id: 'd-boss' } }, { device: caller, devices: [jane], answered: true });
    await eavesdrop.start(run);
    expect(did).toEqual(['variables {"voipbin.feature.result":"NO_USERS"}']);
  });
});
