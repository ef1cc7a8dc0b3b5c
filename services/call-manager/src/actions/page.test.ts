import { describe, expect, it } from '@jest/globals';
import { page } from './page.js';
import { fakeRun } from './test-support.js';

const leg = (endpoint: string, forwarded = false) => ({ endpoint, deviceId: endpoint, forwarded, delaySeconds: 0, timeoutSeconds: 5 });

describe('page', () => {
  it('queues an auto-answered outcall per device and joins the page conference as its moderator', async () => {
    const { run, did } = fakeRun('page', { endpoints: [{ type: 'group', id: 'g1' }], timeout: 8000 }, { ringLegs: [leg('user/jane@a.example'), leg('user/joe@a.example'), leg('sofia/gateway/carrier/+15550100', true)] });
    await page.start(run);
    expect(did).toEqual([
      'answer',
      'set conference_auto_outcall_flags=mute',
      'set conference_auto_outcall_timeout=8',
      'conference_set_auto_outcall {sip_auto_answer=true}user/jane@a.example',
      'conference_set_auto_outcall {sip_auto_answer=true}user/joe@a.example',
      'variables {"voipbin.bridge.result":"SUCCESS"}',
      'conference page_call-1@default+flags{endconf|moderator}',
    ]);
  });

  it('lets the paged answer back with two_way, and says NO_ENDPOINTS when nobody can be paged', async () => {
    const twoWay = fakeRun('page', { endpoints: [{ type: 'device', id: 'd1' }], two_way: true }, { answered: true });
    await page.start(twoWay.run);
    expect(twoWay.did.slice(0, 2)).toEqual(['set conference_auto_outcall_flags=none', 'set conference_auto_outcall_timeout=5']);
    const nobody = fakeRun('page', { endpoints: [{ type: 'device', id: 'd1' }] }, { ringLegs: [] });
    await page.start(nobody.run);
    expect(nobody.did).toEqual(['variables {"voipbin.bridge.result":"NO_ENDPOINTS"}']);
  });
});
