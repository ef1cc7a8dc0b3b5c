import { describe, expect, it } from '@jest/globals';
import { VoipError } from '@voxmesh/wire';
import { mergeVariables, substituteDeep, substituteText } from './variables.js';

describe('variables', () => {
  const variables = { name: 'Ada', 'voipbin.call.digits': '42' };

  it('substitutes ${name} and leaves unknown names empty', () => {
    expect(substituteText('hi ${name}, you pressed ${voipbin.call.digits}${missing}', variables)).toBe('hi Ada, you pressed 42');
    expect(substituteText('no templates', variables)).toBe('no templates');
    expect(substituteText('${ name }', variables)).toBe('Ada');
  });

  it('walks objects and arrays and keeps numbers and booleans as they are', () => {
    const option = { text: '${name}', weekdays: [1, 2], nested: { list: ['${name}', 3, true] }, loop_count: 2, async: false };
    expect(substituteDeep(option, variables)).toEqual({ text: 'Ada', weekdays: [1, 2], nested: { list: ['Ada', 3, true] }, loop_count: 2, async: false });
    expect(option.text).toBe('${name}');
  });

  it('refuses values and totals past the limits without changing anything', () => {
    const limits = { maxKeys: 3, maxValueBytes: 10, maxTotalBytes: 20 };
    const held: Record<string, string> = { a: '1' };
    expect(() => mergeVariables(held, { b: 'x'.repeat(11) }, limits)).toThrow(VoipError);
    expect(() => mergeVariables(held, { b: '1', c: '2', d: '3' }, limits)).toThrow(/at most 3 variables/);
    expect(() => mergeVariables(held, { bb: 'x'.repeat(10), cc: 'x'.repeat(10) }, limits)).toThrow(/bytes/);
    expect(held).toEqual({ a: '1' });
    mergeVariables(held, { b: '2' }, limits);
    expect(held).toEqual({ a: '1', b: '2' });
  });
});
