import { describe, expect, it } from '@jest/globals';
import { flowManager } from '@voxmesh/contracts';
import { localTime, ruleHolds } from './temporal-rules.js';

const gregorian = (iso: string) => Date.parse(iso) / 1000 + flowManager.GREGORIAN_UNIX_OFFSET;
const at = (iso: string, timezone?: string) => localTime(new Date(iso), timezone);

describe('temporal rules', () => {
  it('weekly: business hours on weekdays, every other week with interval 2', () => {
    const open = { name: 'open', cycle: 'weekly' as const, wdays: ['monday' as const, 'friday' as const], time_window_start: 9 * 3600, time_window_stop: 17 * 3600 };
    expect(ruleHolds(open, at('2026-12-07T10:00:00Z'))).toBe(true); // a Monday
    expect(ruleHolds(open, at('2026-12-07T18:00:00Z'))).toBe(false);
    expect(ruleHolds(open, at('2026-12-08T10:00:00Z'))).toBe(false); // a Tuesday
    const fortnightly = { ...open, interval: 2, start_date: gregorian('2026-11-30T00:00:00Z') };
    expect(ruleHolds(fortnightly, at('2026-12-07T10:00:00Z'))).toBe(false);
    expect(ruleHolds(fortnightly, at('2026-12-14T10:00:00Z'))).toBe(true);
  });

  it('yearly holidays by day or by ordinal weekday, and a single date', () => {
    const christmas = { name: 'christmas', cycle: 'yearly' as const, month: 12, days: [25] };
    expect(ruleHolds(christmas, at('2027-12-25T12:00:00Z'))).toBe(true);
    expect(ruleHolds(christmas, at('2027-12-24T12:00:00Z'))).toBe(false);
    const thanksgiving = { name: 'thanksgiving', cycle: 'yearly' as const, month: 11, ordinal: 'fourth' as const, wdays: ['thursday' as const] };
    expect(ruleHolds(thanksgiving, at('2026-11-26T12:00:00Z'))).toBe(true);
    expect(ruleHolds(thanksgiving, at('2026-11-19T12:00:00Z'))).toBe(false);
    const memorial = { name: 'memorial', cycle: 'yearly' as const, month: 5, ordinal: 'last' as const, wdays: ['monday' as const] };
    expect(ruleHolds(memorial, at('2026-05-25T12:00:00Z'))).toBe(true);
    expect(ruleHolds(memorial, at('2026-05-18T12:00:00Z'))).toBe(false);
    const once = { name: 'once', cycle: 'date' as const, start_date: gregorian('2026-12-31T00:00:00Z') };
    expect(ruleHolds(once, at('2026-12-31T08:00:00Z'))).toBe(true);
    expect(ruleHolds(once, at('2027-12-31T08:00:00Z'))).toBe(false);
  });

  it('daily and monthly with an interval, counted from start_date, never before it', () => {
    const start = gregorian('2026-12-01T00:00:00Z');
    const everyThird = { name: 'd', cycle: 'daily' as const, interval: 3, start_date: start };
    expect([1, 2, 3, 4].map((day) => ruleHolds(everyThird, at(`2026-12-0${day}T12:00:00Z`)))).toEqual([true, false, false, true]);
    expect(ruleHolds(everyThird, at('2026-11-28T12:00:00Z'))).toBe(false);
    const quarterly = { name: 'q', cycle: 'monthly' as const, interval: 3, days: [15], start_date: start };
    expect(ruleHolds(quarterly, at('2027-03-15T12:00:00Z'))).toBe(true);
    expect(ruleHolds(quarterly, at('2027-02-15T12:00:00Z'))).toBe(false);
  });

  it('enabled forces a rule on or off, and time is read in the timezone', () => {
    const never = { name: 'n', cycle: 'date' as const, start_date: gregorian('2000-01-01T00:00:00Z') };
    expect(ruleHolds({ ...never, enabled: true }, at('2026-12-07T10:00:00Z'))).toBe(true);
    expect(ruleHolds({ name: 'a', cycle: 'daily' as const, enabled: false }, at('2026-12-07T10:00:00Z'))).toBe(false);
    const morning = { name: 'm', cycle: 'daily' as const, time_window_start: 8 * 3600, time_window_stop: 12 * 3600 };
    expect(ruleHolds(morning, at('2026-12-07T15:00:00Z', 'America/New_York'), 'America/New_York')).toBe(true);
    expect(ruleHolds(morning, at('2026-12-07T15:00:00Z'))).toBe(false);
  });
});
