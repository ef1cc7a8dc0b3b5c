import { describe, expect, it } from '@jest/globals';
import { GREGORIAN_OFFSET_SECONDS, channelPayload } from './kazoo.js';
import { newLeg } from './leg.js';
import { newCall } from './model.js';

describe("Kazoo's channel payload", () => {
  const call = newCall({
    id: 'call-1',
    direction: 'incoming',
    status: 'progressing',
    source: { type: 'sip', target: '1001', target_name: 'Alice' },
    destination: { type: 'tel', target: '2001', target_name: 'Sales' },
    channelId: 'chan-1',
    mediaServer: '127.0.0.1:8021',
    accountId: 'acct-1',
    activeflowId: 'af-1',
  });
  call.device = { id: 'dev-1', account_id: 'acct-1', user_id: 'user-1', sip_username: 'alice', name: 'desk' };
  const leg = newLeg({ id: 'chan-1', callId: 'call-1', accountId: 'acct-1', mediaServer: '127.0.0.1:8021', direction: 'inbound', callerIdName: 'Alice', callerIdNumber: '1001', destination: '2001', username: 'alice', now: call.tm_create });
  leg.fromUri = '1001@example.com';
  leg.toUri = '2001@example.com';
  leg.requestUri = '2001@example.com';
  leg.createdUs = 1_000_000_000;
  leg.answeredUs = 1_004_000_000;
  leg.hangupUs = 1_064_500_000;
  leg.sipTermStatus = '200';
  leg.channel.hangup_cause = 'NORMAL_CLEARING';

  it('names the leg, its account, device and owner, and where the call started', () => {
    const payload = channelPayload('channel_create', call, leg, 1_700_000_000_000);
    expect(payload).toMatchObject({
      account_id: 'acct-1',
      call_id: 'chan-1',
      call_direction: 'inbound',
      caller_id_name: 'Alice',
      caller_id_number: '1001',
      callee_id_name: 'Sales',
      callee_id_number: '2001',
      from: '1001@example.com',
      to: '2001@example.com',
      request: '2001@example.com',
      inception: 'onnet',
      authorizing_id: 'dev-1',
      authorizing_type: 'device',
      owner_id: 'user-1',
      is_internal_leg: false,
      custom_channel_vars: { account_id: 'acct-1', call_id: 'call-1', activeflow_id: 'af-1', authorizing_id: 'dev-1', authorizing_type: 'device', owner_id: 'user-1' },
      timestamp: 1_700_000_000 + GREGORIAN_OFFSET_SECONDS,
    });
    expect(payload.hangup_cause).toBeUndefined();
  });

  it('adds the durations and the SIP code on destroy, and the other leg on bridge', () => {
    expect(channelPayload('channel_destroy', call, leg)).toMatchObject({ hangup_cause: 'NORMAL_CLEARING', hangup_code: 'sip:200', duration_seconds: 64, billing_seconds: 60, ringing_seconds: 4 });
    leg.otherLegId = 'chan-2';
    leg.otherLegDestination = '+15550001';
    expect(channelPayload('channel_bridge', call, leg)).toMatchObject({ other_leg_call_id: 'chan-2', other_leg_destination_number: '+15550001', original_number: '2001' });
  });
});
