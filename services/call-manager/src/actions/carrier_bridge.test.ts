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
    expect(did.at(-1)).toBe('variables {"voipbin.bridge.result":"USER_BUSY"}');
  });

  it("presents the caller ID the flow set, behind its prefixes, else the call's own", () => {
    const source = { target: '+15557001', target_name: 'Caller' };
    expect(presentedCallerId(undefined, source)).toEqual({ number: '+15557001', name: 'Caller' });
    expect(presentedCallerId({ number: '', name: '', number_prefix: '', name_prefix: '' }, source)).toEqual({ number: '+15557001', name: 'Caller' });
    expect(presentedCallerId({ number: '+15550199', name: 'Front Desk', number_prefix: '', name_prefix: 'VIP ' }, source)).toEqual({ number: '+15550199', name: 'VIP Front Desk' });
    expect(presentedCallerId({ number_prefix: '9' }, { target: '+15557001' })).toEqual({ number: '9+15557001', name: '+15557001' });
  });
});
