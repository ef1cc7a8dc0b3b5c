import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { Router, buildUri, defineContract, splitUri } from './routes.js';

const contract = defineContract('svc', {
  list: { method: 'GET', path: '/v1/flows', reply: z.array(z.unknown()) },
  get: { method: 'GET', path: '/v1/flows/:id', reply: z.unknown() },
  put: { method: 'PUT', path: '/v1/flows/:id', reply: z.unknown() },
  action: { method: 'GET', path: '/v1/flows/<flow_id>/actions/<action_id>', reply: z.unknown() },
});

describe('Router', () => {
  const router = new Router(contract.routes);

  it('matches literals exactly and placeholders to one segment', () => {
    expect(router.match('GET', '/v1/flows')).toMatchObject({ kind: 'found', name: 'list' });
    expect(router.match('GET', '/v1/flows/abc')).toMatchObject({ kind: 'found', name: 'get', params: { id: 'abc' } });
    expect(router.match('GET', '/v1/flows/f1/actions/a1')).toMatchObject({ kind: 'found', params: { flow_id: 'f1', action_id: 'a1' } });
    expect(router.match('GET', '/v1/flows/abc/')).toMatchObject({ kind: 'found', name: 'get' });
  });

  it('tells an unknown path (404) from a known path with another method (405)', () => {
    expect(router.match('GET', '/v1/calls/1')).toEqual({ kind: 'not_found' });
    expect(router.match('GET', '/v1/flows/a/b')).toEqual({ kind: 'not_found' });
    expect(router.match('DELETE', '/v1/flows/abc')).toEqual({ kind: 'method_not_allowed', allowed: ['GET', 'PUT'] });
  });

  it('decodes percent-encoded segments', () => {
    expect(router.match('GET', '/v1/flows/a%20b')).toMatchObject({ params: { id: 'a b' } });
  });
});

describe('defineContract', () => {
  it('refuses a route declared twice', () => {
    expect(() =>
      defineContract('svc', {
        a: { method: 'GET', path: '/v1/x/:id', reply: z.unknown() },
        b: { method: 'GET', path: '/v1/x/:other', reply: z.unknown() },
      }),
    ).toThrow(/declared twice/);
  });
});

describe('buildUri and splitUri', () => {
  it('round-trips params and query', () => {
    const uri = buildUri('/v1/flows/:id', { id: 'a/b' }, { page_size: 10, skip: undefined });
    expect(uri).toBe('/v1/flows/a%2Fb?page_size=10');
    expect(splitUri(uri)).toEqual({ path: '/v1/flows/a%2Fb', query: { page_size: '10' } });
  });

  it('refuses a missing param', () => {
    expect(() => buildUri('/v1/flows/:id', {})).toThrow(/id/);
  });
});
