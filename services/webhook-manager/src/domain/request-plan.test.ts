import { describe, expect, it } from '@jest/globals';
import type { Webhook } from '../contract.js';
import type { Delivery } from '../db/delivery-repository.js';
import { attemptHeaders, planRequest } from './request-plan.js';
import { verifySignature } from './signature.js';

function delivery(overrides: Partial<Delivery>): Delivery {
  return {
    seq: 1,
    id: 'd1',
    eventId: 'e1',
    target: 'hook:h1',
    eventKey: 'k',
    lane: 'l',
    ordered: false,
    hookId: 'h1',
    accountId: 'a1',
    hookEvent: 'channel_create',
    uri: null,
    method: null,
    contentType: null,
    payload: JSON.stringify({ call_id: 'c1', custom_channel_vars: { x: 'y' } }),
    maxTries: 2,
    tryCount: 0,
    state: 'pending',
    nextAttemptAt: 0,
    leaseUntil: 0,
    createdAt: '',
    ...overrides,
  };
}

const hook = (overrides: Partial<Webhook>) => ({ uri: 'https://h.example.com/x?k=1', http_verb: 'post', format: 'form-data', ...overrides }) as Webhook;

describe('planRequest', () => {
  it('hooks: form-data and json bodies, GET in the query string', () => {
    const form = planRequest(delivery({}), hook({}));
    expect([form.method, form.contentType, form.body?.toString()]).toEqual(['POST', 'application/x-www-form-urlencoded', 'call_id=c1&custom_channel_vars[x]=y']);
    const json = planRequest(delivery({}), hook({ format: 'json', http_verb: 'put' }));
    expect([json.method, json.contentType, json.body?.toString()]).toEqual(['PUT', 'application/json', '{"call_id":"c1","custom_channel_vars":{"x":"y"}}']);
    const get = planRequest(delivery({}), hook({ http_verb: 'get', format: 'json' }));
    expect([get.method, get.uri, get.body, get.signed]).toEqual(['GET', 'https://h.example.com/x?k=1&call_id=c1&custom_channel_vars[x]=y', undefined, 'call_id=c1&custom_channel_vars[x]=y']);
  });

  it('destinations: their own method and data_type, strings sent as they are', () => {
    const base = { hookId: null, uri: 'https://d.example.com/', method: 'POST', contentType: 'application/json' };
    expect(planRequest(delivery({ ...base, payload: '{"type":"call_updated","data":{"id":"c"}}' }), undefined).body?.toString()).toBe('{"type":"call_updated","data":{"id":"c"}}');
    expect(planRequest(delivery({ ...base, contentType: 'text/plain', payload: '"hello"' }), undefined).body?.toString()).toBe('hello');
    expect(planRequest(delivery({ ...base, contentType: 'application/x-www-form-urlencoded', payload: '{"a":{"b":1}}' }), undefined).body?.toString()).toBe('a[b]=1');
    expect(planRequest(delivery({ ...base, method: 'DELETE', payload: 'null' }), undefined)).toMatchObject({ method: 'DELETE', body: undefined, signed: '' });
  });
});

describe('attemptHeaders', () => {
  it('carries the hook, account, event id, try number and a signature over what is sent', () => {
    const d = delivery({});
    const plan = planRequest(d, hook({ format: 'json' }));
    const now = 1_800_000_000_000;
    const headers = attemptHeaders({ delivery: d, plan, secret: 'shh', tryNumber: 2, now });
    expect(headers).toMatchObject({ 'X-Hook-ID': 'h1', 'X-Account-ID': 'a1', 'X-Event-ID': 'e1', 'X-Webhook-Attempt': '2', 'Content-Type': 'application/json' });
    expect(verifySignature('shh', headers['X-Webhook-Signature'], plan.body!, { now })).toBe(true);
    expect(attemptHeaders({ delivery: delivery({ hookId: null }), plan, secret: 's', tryNumber: 1, now })['X-Hook-ID']).toBeUndefined();
  });
});
