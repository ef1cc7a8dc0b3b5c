import { describe, expect, it } from '@jest/globals';
import { carrierBridge, presentedCallerId } from './carrier_bridge.js';
import { completion, fakeRun } from './test-support.js';

describe('carrier_bridge', () => {
  it('bridges over the carriers one after another and reports the outcome', async () => {
    const { run, did, listeners } = fakeRun('carrier_bridge', { to_did: '+15550100', timeout: 15_000, emit_account_id: true });
    await carrierBridge.start(run);
    expect(did).toEqual([
      'set continue_on_fail=true',
      'set hangup_after_bridge=false',
      'bridge {originate_continue_on_timeout=true,sip_h_X-Account-ID=acct-1}[leg_timeout=15,origination_caller_id_number=+15550001,origination_caller_id_name=Alice]sofia/external/+15550100@carrier.example',
    ]);
    await listeners.get('bridge')!(completion({ DIALSTATUS: 'BUSY', originate_disposition: 'USER_BUSY' }));
    expect(did.at(-1)).toBe('variables {"voipbin.bridge.result":"USER_BUSY","voipbin.bridge.leg_id":"","voipbin.bridge.duration":"0"}');
  });

  it('refuses a to_did whose variable did not hold a number, dialling nothing', async () => {
    const { run, did } = fakeRun('carrier_bridge', { to_did: '${kazoo.disa.number}' });
    (run.action.option as { to_did: string }).to_did = '12#4a';
    await carrierBridge.start(run);
    expect(did).toEqual(['error INVALID_NUMBER', 'variables {"voipbin.bridge.result":"NO_RESOURCES"}']);
  });

  it("dials the call's destination when to_did came from a variable holding nothing", async () => {
    const { run, did } = fakeRun('carrier_bridge', { to_did: '${voipbin.route.number}' }, { destination: '2125550100' });
    (run.action.option as { to_did: string }).to_did = '';
    const asked: string[] = [];
    const legs = run.deps.carriers.legs;
    Object.assign(run.deps.carriers, { legs: (request: Parameters<typeof legs>[0]) => (asked.push(request.number), legs(request)) });
    await carrierBridge.start(run);
    expect(asked).toEqual(['2125550100']);
    expect(did).not.toContain('error INVALID_NUMBER');
  });

  it("presents the caller ID the flow set, behind its prefixes, else the call's own", () => {
    const source = { target: '+15557001', target_name: 'Caller' };
    expect(presentedCallerId(undefined, source)).toEqual({ number: '+15557001', name: 'Caller' });
    expect(presentedCallerId({ number: '', name: '', number_prefix: '', name_prefix: '' }, source)).toEqual({ number: '+15557001', name: 'Caller' });
    expect(presentedCallerId({ number: '+15550199', name: 'Front Desk', number_prefix: '', name_prefix: 'VIP ' }, source)).toEqual({ number: '+15550199', name: 'VIP Front Desk' });
    expect(presentedCallerId({ number_prefix: '9' }, { target: '+15557001' })).toEqual({ number: '9+15557001', name: '+15557001' });
  });
});
