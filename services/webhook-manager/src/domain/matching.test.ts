import { describe, expect, it } from '@jest/globals';
import type { Webhook } from '../contract.js';
import { hookAccepts, modifiersAccept, payloadFor } from './matching.js';
import type { HookOccurrence } from './occurrences.js';

function hook(overrides: Partial<Webhook>): Webhook {
  return {
    id: 'h1',
    account_id: 'a1',
    name: 'n',
    uri: 'https://example.com',
    hook: 'channel_create',
    http_verb: 'post',
    retries: 2,
    custom_data: {},
    include_subaccounts: false,
    include_internal_legs: true,
    enabled: true,
    format: 'json',
    modifiers: {},
    log_successful_attempts: false,
    disable_reason: null,
    disabled_at: null,
    created_at: '',
    updated_at: '',
    ...overrides,
  };
}

const create: HookOccurrence = { hook: 'channel_create', payload: { call_id: 'c', call_direction: 'inbound', is_internal_leg: false }, orderingKey: 'call:c' };
const internal: HookOccurrence = { hook: 'channel_create', payload: { call_id: 'c', is_internal_leg: true }, orderingKey: 'call:c' };
const userCreated: HookOccurrence = { hook: 'object', payload: { id: 'u', account_id: 'a1', action: 'doc_created', type: 'user' }, orderingKey: 'doc:u' };
const disabled: HookOccurrence = { hook: 'notifications', payload: { type: 'webhook_disabled', account_id: 'a1' }, orderingKey: undefined };

describe('which hooks an occurrence fires', () => {
  it('matches the hook type, and `all` matches everything', () => {
    expect(hookAccepts(hook({ hook: 'channel_create' }), create)).toBe(true);
    expect(hookAccepts(hook({ hook: 'channel_destroy' }), create)).toBe(false);
    expect([create, userCreated, disabled].every((each) => hookAccepts(hook({ hook: 'all' }), each))).toBe(true);
  });

  it('drops internal legs when include_internal_legs is false', () => {
    expect(hookAccepts(hook({ include_internal_legs: false }), internal)).toBe(false);
    expect(hookAccepts(hook({ include_internal_legs: false }), create)).toBe(true);
    expect(hookAccepts(hook({}), internal)).toBe(true);
  });

  it('filters object and notification hooks by custom_data type/action, `all` meaning any', () => {
    expect(hookAccepts(hook({ hook: 'object', custom_data: { type: 'user' } }), userCreated)).toBe(true);
    expect(hookAccepts(hook({ hook: 'object', custom_data: { type: 'device' } }), userCreated)).toBe(false);
    expect(hookAccepts(hook({ hook: 'object', custom_data: { type: 'all', action: 'doc_deleted' } }), userCreated)).toBe(false);
    expect(hookAccepts(hook({ hook: 'notifications', custom_data: { type: 'webhook_disabled' } }), disabled)).toBe(true);
    expect(hookAccepts(hook({ hook: 'notifications', custom_data: { type: 'new_user' } }), disabled)).toBe(false);
  });

  it('applies modifiers: absent keys pass, lists mean one of, scalars mean equal', () => {
    expect(modifiersAccept({ call_direction: ['outbound', 'inbound'] }, create.payload)).toBe(true);
    expect(modifiersAccept({ call_direction: 'outbound' }, create.payload)).toBe(false);
    expect(modifiersAccept({ not_in_event: 'x' }, create.payload)).toBe(true);
    expect(modifiersAccept({ is_internal_leg: 'false' }, create.payload)).toBe(true);
    expect(hookAccepts(hook({ hook: 'object', modifiers: { type: ['device', 'user'] } }), userCreated)).toBe(true);
  });
});

describe('payloadFor', () => {
  it('merges custom_data over the event, but keeps filter keys out of object and notification payloads', () => {
    expect(payloadFor(hook({ custom_data: { call_direction: 'x', crm: 1 } }), create)).toMatchObject({ call_direction: 'x', crm: 1, call_id: 'c' });
    expect(payloadFor(hook({ hook: 'object', custom_data: { type: 'all', team: 'ops' } }), userCreated)).toEqual({ ...userCreated.payload, team: 'ops' });
    expect(payloadFor(hook({ hook: 'notifications', custom_data: { type: 'all' } }), disabled)).toEqual(disabled.payload);
  });
});
