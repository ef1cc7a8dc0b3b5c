import { describe, expect, it } from '@jest/globals';
import { bridge } from './bridge.js';
import { completion, fakeRun } from './test-support.js';

const leg = (endpoint: string, delaySeconds = 0, timeoutSeconds = 20) => ({ endpoint, address: { type: 'endpoint' as const, target: endpoint }, deviceId: endpoint, forwarded: false, delaySeconds, timeoutSeconds });

describe('bridge', () => {
  it('rings the legs together, the group lasting until the last delayed leg gives up, and reports the winner', async () => {
    const { run, did, listeners } = fakeRun('bridge', { endpoints: [{ type: 'user', id: 'u1' }], ignore_early_media: true }, { ringLegs: [leg('user/alice@a.example'), leg('user/bob@a.example', 5, 10)] });
    await bridge.start(run);
    expect(did).toEqual([
      'set continue_on_fail=true',
      'set hangup_after_bridge=false',
      'bridge {ignore_early_media=true,originate_timeout=20}[leg_timeout=20]user/alice@a.example,[leg_timeout=10,leg_delay_start=5]user/bob@a.example',
    ]);
    await listeners.get('bridge')!(
      completion({ DIALSTATUS: 'SUCCESS', originate_disposition: 'SUCCESS', last_bridge_to: 'leg-b' }, { 'Caller-Channel-Bridged-Time': '1000000000', 'Event-Date-Timestamp': '1012600000' }),
    );
    expect(did.slice(-2)).toEqual(['variables {"voipbin.bridge.result":"SUCCESS","voipbin.bridge.leg_id":"leg-b","voipbin.bridge.duration":"13"}', 'complete']);
  });

  it('rings the legs in turn with single, and reports the cause when nobody answered', async () => {
    const { run, did, listeners } = fakeRun('bridge', { endpoints: [{ type: 'user', id: 'u1' }], strategy: 'single', ignore_forward: true }, { ringLegs: [leg('user/alice'), leg('sofia/gateway/carrier/+15550001', 0, 15)] });
    await bridge.start(run);
    expect(did.at(-1)).toBe('bridge {outbound_redirect_fatal=true,originate_continue_on_timeout=true}[leg_timeout=20]user/alice|[leg_timeout=15]sofia/gateway/carrier/+15550001');
    await listeners.get('bridge')!(completion({ DIALSTATUS: 'NOANSWER', originate_disposition: 'ALLOTTED_TIMEOUT' }));
    expect(did.slice(-2)).toEqual(['variables {"voipbin.bridge.result":"ALLOTTED_TIMEOUT","voipbin.bridge.leg_id":"","voipbin.bridge.duration":"0"}', 'complete']);
  });

  it('shows the rung legs the caller id asked for', async () => {
    const { run, did } = fakeRun('bridge', { endpoints: [{ type: 'number', id: '+15550002' }], caller_id_number: '+15550001111', caller_id_name: 'Front Desk' }, { ringLegs: [leg('sofia/gateway/carrier/+15550002')] });
    await bridge.start(run);
    expect(did.at(-1)).toBe("bridge {origination_caller_id_number=+15550001111,origination_caller_id_name='Front Desk',originate_timeout=20}[leg_timeout=20]sofia/gateway/carrier/+15550002");
  });

  it('shows the rung legs the caller id the flow set, behind its prefixes, and the caller own when the flow set nothing', async () => {
    const ring = { ringLegs: [leg('user/alice')] };
    const set = fakeRun('bridge', { endpoints: [{ type: 'device', id: 'd1' }], caller_id: { number: '+15559990000', name: '', number_prefix: '', name_prefix: 'VIP ' } }, ring);
    await bridge.start(set.run);
    expect(set.did.at(-1)).toBe("bridge {origination_caller_id_number=+15559990000,origination_caller_id_name='VIP +15559990000',originate_timeout=20}[leg_timeout=20]user/alice");
    const prefixed = fakeRun('bridge', { endpoints: [{ type: 'device', id: 'd1' }], caller_id: { number: '', name: '', number_prefix: '9', name_prefix: '' } }, ring);
    await bridge.start(prefixed.run);
    expect(prefixed.did.at(-1)).toBe('bridge {origination_caller_id_number=9+15550001,origination_caller_id_name=+15550001,originate_timeout=20}[leg_timeout=20]user/alice');
    const unset = fakeRun('bridge', { endpoints: [{ type: 'device', id: 'd1' }], caller_id: { number: '', name: '', number_prefix: '', name_prefix: '' } }, ring);
    await bridge.start(unset.run);
    expect(unset.did.at(-1)).toBe('bridge {originate_timeout=20}[leg_timeout=20]user/alice');
    const explicit = fakeRun('bridge', { endpoints: [{ type: 'device', id: 'd1' }], caller_id_number: '+15550001111', caller_id: { number: '+15559990000|x', name: "O'Brien, {Pat}" } }, ring);
    await bridge.start(explicit.run);
    expect(explicit.did.at(-1)).toBe("bridge {origination_caller_id_number=+15550001111,origination_caller_id_name='OBrien, Pat',originate_timeout=20}[leg_timeout=20]user/alice");
  });

  it('rings nobody when no endpoint can be rung, and says so', async () => {
    const { run, did } = fakeRun('bridge', { endpoints: [{ type: 'device', id: 'd1' }] }, { ringLegs: [] });
    await bridge.start(run);
    expect(did).toEqual(['variables {"voipbin.bridge.result":"NO_ENDPOINTS","voipbin.bridge.leg_id":"","voipbin.bridge.duration":"0"}', 'complete']);
  });

  it('stays with the call when another phone picked it up while it rang', async () => {
    const { run, did, listeners } = fakeRun('bridge', { endpoints: [{ type: 'device', id: 'd1' }] });
    await bridge.start(run);
    await listeners.get('bridge')!(completion({ DIALSTATUS: 'CANCEL', originate_disposition: 'PICKED_OFF' }));
    expect(did.at(-1)).toBe('variables {"voipbin.bridge.result":"SUCCESS","voipbin.bridge.leg_id":"","voipbin.bridge.duration":"0"}');
  });

  it('sets the ringback the caller hears and stops ringing everyone after total_timeout', async () => {
    const { run, did } = fakeRun('bridge', { endpoints: [{ type: 'group', id: 'g1' }], total_timeout: 30_500, ringback: '%(2000,4000,440,480)' }, { ringLegs: [leg('user/alice'), leg('user/bob', 40, 10)] });
    await bridge.start(run);
    expect(did).toEqual([
      'set continue_on_fail=true',
      'set hangup_after_bridge=false',
      'set ringback=%(2000,4000,440,480)',
      'bridge {originate_timeout=31}[leg_timeout=20]user/alice,[leg_timeout=10,leg_delay_start=40]user/bob',
    ]);
  });
});

describe('bridge with weighted_random', () => {
  it('looks the endpoints up in an order drawn by weight and rings them in turn', async () => {
    const endpoints = [
      { type: 'device' as const, id: 'light', weight: 1 },
      { type: 'device' as const, id: 'heavy', weight: 100 },
    ];
    let heavyFirst = 0;
    for (let i = 0; i < 50; i += 1) {
      const { run, did, resolved } = fakeRun('bridge', { endpoints, strategy: 'weighted_random' }, { ringLegs: [leg('user/one'), leg('user/two')] });
      await bridge.start(run);
      expect(did.at(-1)).toBe('bridge {originate_continue_on_timeout=true}[leg_timeout=20]user/one|[leg_timeout=20]user/two');
      const asked = resolved.at(-1)!.endpoints.map((endpoint) => endpoint.id);
      expect([...asked].sort()).toEqual(['heavy', 'light']);
      if (asked[0] === 'heavy') heavyFirst += 1;
    }
    // 100 of 101 each time: fifty draws with the light one first at most a few times.
    expect(heavyFirst).toBeGreaterThan(44);
  });
});
