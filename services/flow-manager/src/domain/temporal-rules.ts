import { flowManager } from '@voxmesh/contracts';

type Rule = flowManager.TemporalRuleInput;

/** A civil date and the seconds since its midnight, in some zone. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  /** 0 is Sunday. */
  weekday: number;
  seconds: number;
}

const WEEKDAY_NUMBERS: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, wensday: 3, thursday: 4, friday: 5, saturday: 6 };
const SHORT_WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5 };
/** Kazoo's default start_date (gregorian seconds of 1983-05-01). */
const DEFAULT_START = 62_586_115_200;

/** `at` as a civil date and time of day in `timezone` (UTC when none). */
export function localTime(at: Date, timezone?: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone ?? 'UTC',
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
  }).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    weekday: SHORT_WEEKDAYS[get('weekday')] ?? 0,
    seconds: Number(get('hour')) * 3600 + Number(get('minute')) * 60 + Number(get('second')),
  };
}

/** Days since 1970-01-01 of a civil date. */
function dayNumber(date: { year: number; month: number; day: number }): number {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day of the month matches the rule's `days`, or its `ordinal` `wdays` (the first Monday, the last Friday, every Tuesday). */
function dayOfMonthMatches(rule: Rule, date: LocalTime): boolean {
  if (rule.days !== undefined && rule.days.length > 0) return rule.days.includes(date.day);
  const weekdays = (rule.wdays ?? []).map((name) => WEEKDAY_NUMBERS[name]);
  if (weekdays.length === 0 || !weekdays.includes(date.weekday)) return false;
  const ordinal = rule.ordinal ?? 'every';
  if (ordinal === 'every') return true;
  if (ordinal === 'last') return date.day + 7 > daysInMonth(date.year, date.month);
  return Math.ceil(date.day / 7) === ORDINALS[ordinal];
}

/**
 * Whether the rule's recurrence falls on `date`: `cycle` every `interval` counted from
 * `start_date` (its date in the same zone), never before it, nor after `end_date`.
 */
export function occursOn(rule: Rule, date: LocalTime, timezone?: string): boolean {
  const interval = rule.interval ?? 1;
  const start = localTime(new Date(((rule.start_date ?? DEFAULT_START) - flowManager.GREGORIAN_UNIX_OFFSET) * 1000), timezone);
  const today = dayNumber(date);
  const first = dayNumber(start);
  if (today < first) return false;
  if (rule.end_date !== undefined && rule.end_date > 0 && today > dayNumber(localTime(new Date((rule.end_date - flowManager.GREGORIAN_UNIX_OFFSET) * 1000), timezone))) return false;
  switch (rule.cycle) {
    case 'date':
      return today === first;
    case 'daily':
      return (today - first) % interval === 0;
    case 'weekly': {
      const weekdays = (rule.wdays ?? []).map((name) => WEEKDAY_NUMBERS[name]);
      const startMonday = first - ((start.weekday + 6) % 7);
      return weekdays.includes(date.weekday) && Math.floor((today - startMonday) / 7) % interval === 0;
    }
    case 'monthly':
      return ((date.year - start.year) * 12 + (date.month - start.month)) % interval === 0 && dayOfMonthMatches(rule, date);
    case 'yearly':
      return (date.year - start.year) % interval === 0 && date.month === (rule.month ?? start.month) && dayOfMonthMatches(rule, date);
  }
}

/**
 * Whether the rule holds at `now`: `enabled` true or false decides alone; otherwise the
 * recurrence falls on today and the time is inside [time_window_start, time_window_stop].
 */
export function ruleHolds(rule: Rule, now: LocalTime, timezone?: string): boolean {
  if (rule.enabled === true) return true;
  if (rule.enabled === false) return false;
  if (!occursOn(rule, now, timezone)) return false;
  return now.seconds >= (rule.time_window_start ?? 0) && now.seconds <= (rule.time_window_stop ?? 86_400);
}
