import { describe, expect, it } from '@jest/globals';
import { HttpError } from './errors.js';
import { parseJsonBody } from './json.js';

describe('request bodies', () => {
  it('reads strict JSON as JSON', () => {
    expect(parseJsonBody('{"data": {"a": [1, 2]}}', false)).toEqual({ data: { a: [1, 2] } });
  });

  it("reads the channel-command seed's body on tolerant routes: a comma for a colon, a brace short", () => {
    expect(parseJsonBody('{"data": {"action": "metaflow", "data": { "module", "hangup" }}', true)).toEqual({
      data: { action: 'metaflow', data: { module: 'hangup' } },
    });
  });

  it('refuses that body elsewhere, and refuses real garbage everywhere', () => {
    expect(() => parseJsonBody('{"data": {"action": "metaflow", "data": { "module", "hangup" }}', false)).toThrow(HttpError);
    for (const text of ['{"a" "b"}', '{"a": }', '[1,,2]', 'nope', '{"a": 1} trailing', '{"a": tru}', `${'['.repeat(100)}`]) {
      expect(() => parseJsonBody(text, true)).toThrow(HttpError);
    }
  });
});
