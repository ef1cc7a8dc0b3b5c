import { describe, expect, it } from '@jest/globals';
import { readSupCommand, supValue, SupUsageError } from './command.js';

describe("sup's command line", () => {
  it("reads Kazoo's kapps_config and kapps_account_config calls", () => {
    expect(readSupCommand(['kapps_config', 'set_default', 'metaflows', 'default_metaflow', 'true'])).toEqual({ scope: 'system', verb: 'set', category: 'metaflows', key: 'default_metaflow', value: true });
    expect(readSupCommand(['kapps_config', 'get', 'metaflows', 'default_metaflow'])).toEqual({ scope: 'system', verb: 'get', category: 'metaflows', key: 'default_metaflow' });
    expect(readSupCommand(['kapps_account_config', 'set', 'acct-1', 'metaflows', 'default_metaflow', 'true'])).toEqual({
      scope: 'account', verb: 'set', accountId: 'acct-1', category: 'metaflows', key: 'default_metaflow', value: true,
    });
    expect(readSupCommand(['kapps_account_config', 'unset', 'acct-1', 'metaflows', 'default_metaflow'])).toMatchObject({ scope: 'account', verb: 'unset' });
  });

  it('reads JSON values as JSON and anything else as the string it is', () => {
    expect(supValue('true')).toBe(true);
    expect(supValue('800')).toBe(800);
    expect(supValue('{"a":[1]}')).toEqual({ a: [1] });
    expect(supValue('"quoted"')).toBe('quoted');
    expect(supValue('flite')).toBe('flite');
    // A document with a __proto__ key is no JSON sup will send: it stays the text it was.
    expect(supValue('{"__proto__":{"x":1}}')).toBe('{"__proto__":{"x":1}}');
  });

  it('refuses a bad command or a missing argument', () => {
    for (const words of [[], ['kapps_config'], ['nope', 'get'], ['kapps_config', 'flush'], ['kapps_config', 'get', 'metaflows'], ['kapps_account_config', 'set', 'a', 'metaflows', 'k'], ['kapps_config', 'get', 'Bad Category', 'k']]) {
      expect(() => readSupCommand(words)).toThrow(SupUsageError);
    }
  });
});
