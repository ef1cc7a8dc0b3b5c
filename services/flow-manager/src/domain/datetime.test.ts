import { describe, expect, it } from '@jest/globals';
import { clockParts, datetimeMatches } from './datetime.js';

describe('condition_datetime', () => {
  // A Tuesday, 09:45 UTC.
  const at = clockParts(new Date('2024-03-05T09:45:00Z'));

  it('reads the clock in UTC and in a named zone', () => {
    expect(at).toEqual({ month: 3, day: 5, hour: 9, minute: 45, weekday: 2 });
    expect(clockParts(new Date('2024-03-05T23:30:00Z'), 'Asia/Tokyo')).toEqual({ month: 3, day: 6, hour: 8, minute: 30, weekday: 3 });
  });

  it('compares the fields given as one point in time, not each on its own', () => {
    expect(datetimeMatches({ condition: '>=', hour: 9, minute: 30 }, at)).toBe(true);
    // 09:45 is not before 10:15, though 45 > 15 would say otherwise field by field.
    expect(datetimeMatches({ condition: '<', hour: 10, minute: 15 }, at)).toBe(true);
    expect(datetimeMatches({ condition: '>=', hour: 10, minute: 0 }, at)).toBe(false);
    expect(datetimeMatches({ condition: '==', month: 3, day: 5 }, at)).toBe(true);
    expect(datetimeMatches({ condition: '!=', month: 3, day: 5 }, at)).toBe(false);
  });

  it('treats -1 and 0 as any, and needs today among the weekdays', () => {
    expect(datetimeMatches({ condition: '==', hour: -1, minute: -1, day: 0, month: 0 }, at)).toBe(true);
    expect(datetimeMatches({ condition: '==', weekdays: [1, 2, 3] }, at)).toBe(true);
    expect(datetimeMatches({ condition: '==', weekdays: [0, 6] }, at)).toBe(false);
    expect(datetimeMatches({ condition: '>=', hour: 9, weekdays: [0] }, at)).toBe(false);
  });
});
