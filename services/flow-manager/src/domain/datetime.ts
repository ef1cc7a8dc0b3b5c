/**
 * The clock of `condition_datetime`: the parts of "now" in UTC or in an IANA zone, and
 * the comparison the action makes. Fields left out (or -1 for hour and minute, 0 for day
 * and month) do not take part.
 */
export interface ClockParts {
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export function clockParts(at: Date, timezone?: string): ClockParts {
  if (timezone === undefined || timezone === 'UTC') {
    return { month: at.getUTCMonth() + 1, day: at.getUTCDate(), hour: at.getUTCHours(), minute: at.getUTCMinutes(), weekday: at.getUTCDay() };
  }
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
  }).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return { month: Number(get('month')), day: Number(get('day')), hour: Number(get('hour')), minute: Number(get('minute')), weekday: WEEKDAYS[get('weekday')] ?? 0 };
}

export type Comparison = '==' | '!=' | '>' | '>=' | '<' | '<=';

export function compare<T extends number | string>(left: T, condition: Comparison, right: T): boolean {
  switch (condition) {
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
  }
}

export interface DatetimeCondition {
  condition: Comparison;
  month?: number | undefined;
  day?: number | undefined;
  hour?: number | undefined;
  minute?: number | undefined;
  weekdays?: number[] | undefined;
}

/** True when `now` satisfies the condition (month, day, hour, minute compared as one point in time). */
export function datetimeMatches(option: DatetimeCondition, now: ClockParts): boolean {
  if (option.weekdays !== undefined && option.weekdays.length > 0 && !option.weekdays.includes(now.weekday)) return false;
  const left: number[] = [];
  const right: number[] = [];
  if (option.month !== undefined && option.month > 0) {
    left.push(now.month);
    right.push(option.month);
  }
  if (option.day !== undefined && option.day > 0) {
    left.push(now.day);
    right.push(option.day);
  }
  if (option.hour !== undefined && option.hour >= 0) {
    left.push(now.hour);
    right.push(option.hour);
  }
  if (option.minute !== undefined && option.minute >= 0) {
    left.push(now.minute);
    right.push(option.minute);
  }
  if (left.length === 0) return true;
  // Lexicographic order of the fields given, encoded as one number per side.
  const fold = (values: number[]) => values.reduce((sum, value) => sum * 100 + value, 0);
  return compare(fold(left), option.condition, fold(right));
}
