import { describe, expect, it } from '@jest/globals';
import { formatCallerId, formatValue } from './caller-id-format.js';

describe('caller-ID formatters', () => {
  it('applies the first outbound formatter whose regex matches: its capture between prefix and suffix', () => {
    expect(formatValue('+12125550100', [{ regex: '^\\+1(\\d{10})$', prefix: '1', suffix: '#' }])).toBe('12125550100#');
    expect(formatValue('+12125550100', [{ regex: '^\\+1\\d{10}$', prefix: 'x' }])).toBe('x+12125550100');
    expect(formatValue('2001', [{ regex: '^\\+1(\\d{10})$', prefix: '1' }])).toBe('2001');
    expect(formatValue('2001', [{ regex: '^9', prefix: 'a' }, { prefix: 'b' }])).toBe('b2001');
  });

  it('skips inbound formatters, and strip sends the field empty', () => {
    expect(formatValue('2001', [{ direction: 'inbound', prefix: 'in' }, { direction: 'outbound', prefix: 'out' }])).toBe('out2001');
    expect(formatValue('2001', [{ direction: 'both', strip: true }])).toBe('');
  });

  it("reads Kazoo's outbound_caller_id_* keys before the plain ones, and leaves fields without formatters alone", () => {
    const callerId = { number: '+12125550100', name: 'Alice' };
    expect(formatCallerId(callerId, undefined)).toEqual(callerId);
    expect(formatCallerId(callerId, { outbound_caller_id_number: { regex: '^\\+(\\d+)$' }, caller_id_number: { prefix: 'never' } })).toEqual({ number: '12125550100', name: 'Alice' });
    expect(formatCallerId(callerId, { caller_id_name: [{ prefix: 'Co: ' }] })).toEqual({ number: '+12125550100', name: 'Co: Alice' });
  });
});
