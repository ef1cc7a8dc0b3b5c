import { describe, expect, it } from '@jest/globals';
import { pickup } from './pickup.js';
import { completion, fakeRun } from './test-support.js';

const jane = { id: 'd-jane', enabled: true, sip: { username: 'jane', realm: 'a.example' } };
const row = (uuid: string, presence_id: string, callstate: string, direction = 'outbound') => ({ uuid, presence_id, callstate, direction });

describe('pickup', () => {
  it('takes the leg ringing the device with intercept -bleg, and stays once bridged', async () => {
    const { run, did, listeners } = fakeRun(
      'pickup',
      { targets: [{ type: 'group', id: 'g1' }] },
      { devices: [jane], bridgedTo: 'caller-1', switchChannels: [row('talk-1', 'jane@a.example', 'ACTIVE'), row('ring-1', 'jane@a.example', 'RINGING'), row('chan-1', 'jane@a.example', 'RINGING')] },
    );
    await pickup.start(run);
    expect(did).toEqual(['api show channels as json', 'set intercept_unbridged_only=true', 'intercept -bleg ring-1']);
    await listeners.get('intercept')!(completion({}));
    expect(did.at(-1)).toBe('variables {"voipbin.feature.result":"SUCCESS"}');
    expect(did).not.toContain('complete');
  });

  it('with unbridged_only false takes a talking device too', async () => {
    const { run, did } = fakeRun('pickup', { targets: [{ type: 'device', id: 'd-jane' }], unbridged_only: false }, { devices: [jane], switchChannels: [row('talk-1', 'jane@a.example', 'ACTIVE', 'inbound')] });
    await pickup.start(run);
    expect(did.slice(-2)).toEqual(['set intercept_unbridged_only=false', 'intercept -bleg talk-1']);
  });

  it('gives up after waiting when the switch did not bridge the call', async () => {
    const { run, did, listeners } = fakeRun('pickup', { targets: [{ type: 'device', id: 'd-jane' }] }, { devices: [jane], switchChannels: [row('ring-1', 'jane@a.example', 'EARLY')] });
    await pickup.start(run);
    await listeners.get('intercept')!(completion({}));
    expect(did.at(-1)).toBe('timeout 5000');
    await pickup.onTimeout!(run);
    expect(did.slice(-3)).toEqual(['variables {"voipbin.feature.result":"NO_CHANNELS"}', 'answer', 'complete']);
  });

  it('answers and ends with the reason when nothing can be taken', async () => {
    const none = fakeRun('pickup', { targets: [{ type: 'device', id: 'd-jane' }] }, { devices: [jane], switchChannels: [row('talk-1', 'jane@a.example', 'ACTIVE')] });
    await pickup.start(none.run);
    expect(none.did).toEqual(['api show channels as json', 'variables {"voipbin.feature.result":"NO_CHANNELS"}', 'answer', 'complete']);
    const refused = fakeRun('pickup', { targets: [{ type: 'device', id: 'd-jane' }], approved: { device_id: 'd-boss' } }, { devices: [jane], answered: true });
    await pickup.start(refused.run);
    expect(refused.did).toEqual(['variables {"voipbin.feature.result":"NOT_APPROVED"}', 'complete']);
  });

  it("takes a call ringing at whoever a feature code's extension reaches", async () => {
    const { run, did } = fakeRun('pickup', { targets: [{ type: 'extension', id: '5001' }] }, { devices: [jane], switchChannels: [row('ring-1', 'jane@a.example', 'RINGING')] });
    await pickup.start(run);
    expect(did.at(-1)).toBe('intercept -bleg ring-1');
    const nobody = fakeRun('pickup', { targets: [{ type: 'extension', id: '' }] }, { devices: [jane], switchChannels: [row('ring-1', 'jane@a.example', 'RINGING')], answered: true });
    await pickup.start(nobody.run);
    expect(nobody.did).toEqual(['variables {"voipbin.feature.result":"NO_USERS"}', 'complete']);
  });
});
