import { describe, expect, it } from '@jest/globals';
import { formEncode, withQuery } from './encoding.js';

describe('formEncode', () => {
  it('encodes nested objects as a[b]=c and lists as a[]=v, as Kazoo does', () => {
    const text = formEncode({ call_id: 'c 1', custom_channel_vars: { account_id: 'a1', nested: { deep: true } }, tags: ['x', 'y'], empty: null, skip: undefined });
    expect(text).toBe('call_id=c%201&custom_channel_vars[account_id]=a1&custom_channel_vars[nested][deep]=true&tags[]=x&tags[]=y&empty=');
    const form = new URLSearchParams(text);
    expect(form.get('custom_channel_vars[nested][deep]')).toBe('true');
    expect(form.getAll('tags[]')).toEqual(['x', 'y']);
  });

  it('indexes objects inside lists so their fields stay together', () => {
    expect(formEncode({ legs: [{ id: 'a' }, { id: 'b' }] })).toBe('legs[0][id]=a&legs[1][id]=b');
  });

  it('escapes what would break the form', () => {
    expect(new URLSearchParams(formEncode({ 'a&b': 'c=d&e' })).get('a&b')).toBe('c=d&e');
  });
});

describe('withQuery', () => {
  it('appends to a URI with or without a query already', () => {
    expect(withQuery('http://h/p', 'a=1')).toBe('http://h/p?a=1');
    expect(withQuery('http://h/p?t=x', 'a=1')).toBe('http://h/p?t=x&a=1');
    expect(withQuery('http://h/p?', 'a=1')).toBe('http://h/p?a=1');
    expect(withQuery('http://h/p#frag', 'a=1')).toBe('http://h/p?a=1');
    expect(withQuery('http://h/p', '')).toBe('http://h/p');
  });
});
