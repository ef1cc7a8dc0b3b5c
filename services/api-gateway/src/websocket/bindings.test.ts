import { describe, expect, it } from '@jest/globals';
import { bindingCatalogue, matches, parseBinding, type LiveEvent } from './bindings.js';
import { liveEventOf } from './live-events.js';

describe('blackhole bindings', () => {
  it('parses call and object bindings and refuses the rest with blackhole\'s words', () => {
    expect(parseBinding('call.CHANNEL_CREATE.*')).toEqual({ ok: true, binding: { kind: 'call', text: 'call.CHANNEL_CREATE.*', event: 'CHANNEL_CREATE', callId: '*' } });
    expect(parseBinding('call.*.abc.def@host')).toMatchObject({ ok: true, binding: { callId: 'abc.def@host' } });
    expect(parseBinding('object.doc_edited.callflow')).toMatchObject({ ok: true, binding: { kind: 'object', action: 'doc_edited', type: 'callflow' } });
    expect(parseBinding('fax.status.1')).toEqual({ ok: false, error: 'no available subscriptions to requested binding' });
    expect(parseBinding('call.CHANNEL_NOPE.*')).toEqual({ ok: false, error: 'event CHANNEL_NOPE not supported' });
    expect(parseBinding('object.doc_created.spaceship')).toMatchObject({ ok: false });
    expect(parseBinding('call.CHANNEL_CREATE')).toMatchObject({ ok: false });
    expect(parseBinding(42)).toMatchObject({ ok: false });
  });

  it('matches events by event and call id, or action and type, with * for any', () => {
    const created: LiveEvent = { kind: 'call', accounts: ['a'], event: 'CHANNEL_CREATE', callId: 'c1', data: {} };
    const bind = (text: string) => {
      const parsed = parseBinding(text);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.binding;
    };
    expect(matches(bind('call.CHANNEL_CREATE.*'), created)).toBe(true);
    expect(matches(bind('call.*.c1'), created)).toBe(true);
    expect(matches(bind('call.*.c2'), created)).toBe(false);
    expect(matches(bind('call.CHANNEL_ANSWER.*'), created)).toBe(false);
    expect(matches(bind('object.*.*'), created)).toBe(false);
  });

  it("turns mesh events into what a socket may see, and nothing else", () => {
    const channel = liveEventOf({ type: 'channel_answer', data: { account_id: 'a', call_id: 'c', caller_id_number: '1', secret_thing: 'x', activeflow_id: 'f' } });
    expect(channel).toEqual({ kind: 'call', accounts: ['a'], event: 'CHANNEL_ANSWER', callId: 'c', data: { account_id: 'a', call_id: 'c', caller_id_number: '1' } });
    const account = liveEventOf({ type: 'account_updated', data: { id: 'child', parent_id: 'parent', webhook_secret: 's' } });
    expect(account).toEqual({ kind: 'object', accounts: ['child', 'parent'], action: 'doc_edited', type: 'account', data: { id: 'child', account_id: 'child', action: 'doc_edited', type: 'account' } });
    expect(liveEventOf({ type: 'flow_created', data: { id: 'f', account_id: 'a', type: 'callflow' } })).toMatchObject({ type: 'callflow' });
    expect(liveEventOf({ type: 'auth_token_revoked', data: { token_hash: 'h' } })).toBeUndefined();
    expect(liveEventOf({ type: 'channel_create', data: { call_id: 'no account' } })).toBeUndefined();
    expect(liveEventOf({ type: 'user_created', data: 'not an object' })).toBeUndefined();
    expect(liveEventOf({ type: 'vmbox_updated', data: { id: 'v', account_id: 'a', pin: '1234' } })).toEqual({ kind: 'object', accounts: ['a'], action: 'doc_edited', type: 'vmbox', data: { id: 'v', account_id: 'a', action: 'doc_edited', type: 'vmbox' } });
    expect(liveEventOf({ type: 'mailbox_message_created', data: { media_id: 'm', account_id: 'a' } })).toMatchObject({ type: 'mailbox_message', data: { id: 'm' } });
  });

  it("reads conference bindings, the park events and the README's older object form", () => {
    expect(parseBinding('conference.event.conf-1.*')).toEqual({ ok: true, binding: { kind: 'conference', text: 'conference.event.conf-1.*', conferenceId: 'conf-1', callId: '*' } });
    expect(parseBinding('conference.command.conf-1')).toMatchObject({ ok: false });
    expect(parseBinding('conference.event.conf-1')).toMatchObject({ ok: false });
    expect(parseBinding('call.PARK_PARKED.*')).toMatchObject({ ok: true, binding: { event: 'PARK_PARKED' } });
    expect(parseBinding('doc_created.*.user.*')).toEqual({ ok: true, binding: { kind: 'object', text: 'doc_created.*.user.*', action: 'doc_created', type: 'user' } });
    expect(parseBinding('object.doc_deleted.mailbox_message')).toMatchObject({ ok: true });
    const joined: LiveEvent = { kind: 'conference', accounts: ['a'], event: 'add-member', conferenceId: 'conf-1', callId: 'c1', data: {} };
    const bind = (text: string) => (parseBinding(text) as { ok: true; binding: Parameters<typeof matches>[0] }).binding;
    expect(matches(bind('conference.event.conf-1.*'), joined)).toBe(true);
    expect(matches(bind('conference.event.*.c1'), joined)).toBe(true);
    expect(matches(bind('conference.event.conf-2.*'), joined)).toBe(false);
    expect(matches(bind('call.*.*'), joined)).toBe(false);
    expect(liveEventOf({ type: 'confbridge_joined', data: { id: 'conf-1', account_id: 'a', call_id: 'c1', call_ids: ['c0', 'c1'], type: 'conference' } })).toEqual({
      kind: 'conference',
      accounts: ['a'],
      event: 'add-member',
      conferenceId: 'conf-1',
      callId: 'c1',
      data: { event: 'add-member', account_id: 'a', conference_id: 'conf-1', call_id: 'c1', participants: ['c0', 'c1'] },
    });
    expect(liveEventOf({ type: 'recording_finished', data: { id: 'r', customer_id: 'a' } })).toMatchObject({ kind: 'object', action: 'doc_created', type: 'call_recording' });
  });

  it('offers the seed\'s bindings first', () => {
    expect(bindingCatalogue().call!.slice(0, 4).map((entry) => entry.event)).toEqual(['CHANNEL_CREATE', 'CHANNEL_ANSWER', 'CHANNEL_DESTROY', 'CHANNEL_BRIDGE']);
  });

  it('binds presence updates by presence id (user@realm, dots and all) or all of them', () => {
    const bind = (text: string) => {
      const parsed = parseBinding(text);
      if (!parsed.ok) throw new Error(parsed.error);
      return parsed.binding;
    };
    const update = liveEventOf({ type: 'call_presence_updated', data: { id: 'c1', account_id: 'a', call_id: 'c1', presence_id: 'Bob@sip.example.com', status: 'busy', tm_create: 't' } });
    expect(update).toEqual({ kind: 'presence', accounts: ['a'], event: 'update', presenceId: 'Bob@sip.example.com', data: { event: 'update', account_id: 'a', presence_id: 'Bob@sip.example.com', state: 'busy', call_id: 'c1' } });
    expect(matches(bind('presence.update.*'), update!)).toBe(true);
    expect(matches(bind('presence.*'), update!)).toBe(true);
    expect(matches(bind('presence.update.bob@sip.example.com'), update!)).toBe(true);
    expect(matches(bind('presence.update.alice@sip.example.com'), update!)).toBe(false);
    expect(matches(bind('call.*.*'), update!)).toBe(false);
    expect(parseBinding('presence.dialog.x')).toMatchObject({ ok: false, error: expect.stringContaining('presence.update.<presence_id|*>') });
    expect(parseBinding('presence.update.')).toMatchObject({ ok: false });
    expect(liveEventOf({ type: 'call_presence_updated', data: { account_id: 'a', presence_id: 'x@y' } })).toBeUndefined();
    expect(bindingCatalogue().presence!.map((entry) => entry.binding)).toEqual(['presence.update.*', 'presence.*']);
  });
});
