import { describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import { GREGORIAN_OFFSET_SECONDS } from '../contract.js';
import { occurrencesOf } from './occurrences.js';

const now = Date.parse('2030-01-01T00:00:00Z');

describe('what an event means for webhooks', () => {
  it('a channel event fires its hook with Kazoo fields only, in the order of its call', () => {
    const result = occurrencesOf({ type: 'channel_destroy', data: { account_id: 'a', call_id: 'c', hangup_cause: 'NORMAL_CLEARING', internal_secret: 'x', activeflow_id: 'af' } }, now)!;
    expect(result.accountId).toBe('a');
    expect(result.hooks).toEqual([
      {
        hook: 'channel_destroy',
        orderingKey: 'call:c',
        payload: { account_id: 'a', call_id: 'c', hangup_cause: 'NORMAL_CLEARING', hook_event: 'channel_destroy', timestamp: now / 1000 + GREGORIAN_OFFSET_SECONDS },
      },
    ]);
    expect(result.voipbin).toBeUndefined();
  });

  it('keeps the publisher’s timestamp', () => {
    const result = occurrencesOf({ type: 'channel_create', data: { account_id: 'a', call_id: 'c', timestamp: 63800000000 } }, now)!;
    expect((result.hooks[0]!.payload as Record<string, unknown>).timestamp).toBe(63800000000);
  });

  it('a channel event without call_id is refused, naming the field', () => {
    let thrown: unknown;
    try {
      occurrencesOf({ type: 'channel_create', publisher: 'call-manager', data: { account_id: 'a' } }, now);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(VoipError);
    expect((thrown as VoipError).field).toBe('data.call_id');
  });

  it('resource events become object changes; accounts and users also notify', () => {
    const account = occurrencesOf({ type: 'account_created', data: { id: 'sub', parent_id: 'reseller' } }, now)!;
    expect(account.accountId).toBe('sub');
    expect(account.hooks.map((each) => each.payload)).toEqual([
      { id: 'sub', account_id: 'sub', action: 'doc_created', type: 'account' },
      { type: 'new_account', event_category: 'notification', event_name: 'new_account', app_name: 'webhook-manager', account_id: 'sub', account_name: null, id: 'sub', name: null },
    ]);
    const device = occurrencesOf({ type: 'device_updated', data: { id: 'd', customer_id: 'a' } }, now)!;
    expect(device.hooks).toEqual([{ hook: 'object', orderingKey: 'doc:d', payload: { id: 'd', account_id: 'a', action: 'doc_edited', type: 'device' } }]);
    const callflow = occurrencesOf({ type: 'flow_deleted', data: { id: 'f', account_id: 'a', flow: { module: 'play' } } }, now)!;
    expect(callflow.hooks[0]!.payload).toMatchObject({ action: 'doc_deleted', type: 'callflow' });
    expect(occurrencesOf({ type: 'flow_created', data: { id: 'f', account_id: 'a', actions: [] } }, now)!.hooks[0]!.payload).toMatchObject({ type: 'flow' });
    expect(occurrencesOf({ type: 'webhook_updated', data: { id: 'w', account_id: 'a' } }, now)!.hooks[0]!.payload).toMatchObject({ type: 'webhook', action: 'doc_edited' });
    expect(occurrencesOf({ type: 'vmbox_created', data: { id: 'v', account_id: 'a', mailbox: '3001' } }, now)!.hooks[0]!.payload).toEqual({ id: 'v', account_id: 'a', action: 'doc_created', type: 'vmbox' });
    // A voicemail message is known by its media_id, as Kazoo's mailbox_message objects are.
    expect(occurrencesOf({ type: 'mailbox_message_created', data: { media_id: 'm', vmbox_id: 'v', account_id: 'a' } }, now)!.hooks[0]).toEqual({
      hook: 'object',
      orderingKey: 'doc:m',
      payload: { id: 'm', account_id: 'a', action: 'doc_created', type: 'mailbox_message' },
    });
  });

  it('a received fax is a fax object and an inbound_fax notification; a failed one an inbound_fax_error', () => {
    const fax = { id: 'x', account_id: 'a', faxbox_id: 'b', folder: 'inbox', timestamp: 63_900_000_000, from_number: '+15550001', from_name: 'Sender', to_number: '7200', call_id: 'c', success: true, result_code: 0, result_text: 'OK', pages: 3, remote_station_id: '+15550001' };
    const received = occurrencesOf({ type: 'fax_created', data: fax, publisher: 'customer-manager' }, now)!;
    expect(received.hooks[0]).toEqual({ hook: 'object', orderingKey: 'doc:x', payload: { id: 'x', account_id: 'a', action: 'doc_created', type: 'fax' } });
    expect(received.hooks[1]).toMatchObject({
      hook: 'notifications',
      payload: { type: 'inbound_fax', event_name: 'inbound_fax', account_id: 'a', fax_id: 'x', faxbox_id: 'b', caller_id_number: '+15550001', callee_id_number: '7200', fax_info: { fax_success: true, fax_transferred_pages: 3 } },
    });
    const failed = occurrencesOf({ type: 'fax_created', data: { ...fax, success: false, result_code: 2, result_text: 'Timed out waiting for initial communication', pages: 0 } }, now)!;
    expect(failed.hooks[1]).toMatchObject({ payload: { type: 'inbound_fax_error', fax_error: 'Timed out waiting for initial communication', fax_result_code: 2 } });
    const sent = occurrencesOf({ type: 'fax_created', data: { ...fax, folder: 'outbox' } }, now)!;
    expect(sent.hooks[1]).toMatchObject({ payload: { type: 'outbound_fax', fax_jobid: 'x', callee_id_number: '7200' } });
    const unsent = occurrencesOf({ type: 'fax_created', data: { ...fax, folder: 'outbox', success: false, result_text: 'the document is not a TIFF' } }, now)!;
    expect(unsent.hooks[1]).toMatchObject({ payload: { type: 'outbound_fax_error', fax_error: 'the document is not a TIFF' } });
    expect(occurrencesOf({ type: 'faxbox_updated', data: { id: 'b', account_id: 'a', name: 'Sales' } }, now)!.hooks).toEqual([
      { hook: 'object', orderingKey: 'doc:b', payload: { id: 'b', account_id: 'a', action: 'doc_edited', type: 'faxbox' } },
    ]);
  });

  it('call, activeflow and recording events go to voipbin destinations, ordered by their call', () => {
    const call = occurrencesOf({ type: 'call_hangup', data: { id: 'c', customer_id: 'a', activeflow_id: 'af' } }, now)!;
    expect(call.voipbin).toEqual({ type: 'call_hangup', data: { id: 'c', customer_id: 'a', activeflow_id: 'af' }, orderingKey: 'c', activeflowId: 'af' });
    const activeflow = occurrencesOf({ type: 'activeflow_updated', data: { id: 'af', customer_id: 'a', reference_type: 'call', reference_id: 'c' } }, now)!;
    expect(activeflow.voipbin).toMatchObject({ orderingKey: 'c', activeflowId: 'af' });
    const recording = occurrencesOf({ type: 'recording_finished', data: { id: 'r', customer_id: 'a', reference_type: 'call', reference_id: 'c' } }, now)!;
    expect(recording.voipbin).toMatchObject({ orderingKey: 'c' });
    expect(recording.hooks).toEqual([
      { hook: 'object', orderingKey: 'doc:r', payload: { id: 'r', account_id: 'a', action: 'doc_created', type: 'call_recording' } },
      {
        hook: 'notifications',
        orderingKey: undefined,
        payload: { type: 'recording_saved', event_category: 'notification', event_name: 'recording_saved', app_name: 'webhook-manager', account_id: 'a', recording_id: 'r', call_id: 'c' },
      },
    ]);
  });

  it("notifications carry Kazoo's event_name and the fields its notification docs name, beside this platform's", () => {
    const user = occurrencesOf({ type: 'user_created', publisher: 'customer-manager', data: { id: 'u', account_id: 'a', name: 'Ann' } }, now)!;
    expect(user.hooks[1]!.payload).toEqual({ type: 'new_user', event_category: 'notification', event_name: 'new_user', app_name: 'customer-manager', account_id: 'a', user_id: 'u', id: 'u', name: 'Ann' });
    const account = occurrencesOf({ type: 'account_created', data: { id: 'sub', name: 'Sub', realm: 'sub.sip.example.com' } }, now)!;
    expect(account.hooks[1]!.payload).toMatchObject({ event_name: 'new_account', account_id: 'sub', account_name: 'Sub', account_realm: 'sub.sip.example.com' });
    const disabled = occurrencesOf(
      {
        type: 'webhook_disabled',
        publisher: 'webhook-manager',
        data: { id: 'h', account_id: 'a', name: 'n', uri: 'http://x', hook: 'channel_create', reason: 'too many failed attempts', failures: 6, window_ms: 60000, disabled_at: '2026-01-01T00:00:00.000Z' },
      },
      now,
    )!;
    expect(disabled.hooks[0]!.payload).toMatchObject({ event_category: 'notification', event_name: 'webhook_disabled', account_id: 'a', hook_id: 'h', type: 'webhook_disabled', reason: 'too many failed attempts' });
  });

  it('ignores what webhooks have nothing to do with', () => {
    expect(occurrencesOf({ type: 'confbridge_joined', data: { id: 'x' } }, now)).toBeUndefined();
    expect(occurrencesOf({ type: 'dtmf_received', data: {} }, now)).toBeUndefined();
  });
});
