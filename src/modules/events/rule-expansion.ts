/**
 * Expands the RRULE subset that normalizeRule accepts, on wall-clock days counted from 1970-01-01,
 * with the semantics of rrule.js (dateutil's): each period (day, week, month or year, INTERVAL
 * apart) offers its days, the BY* parts filter them, BYSETPOS picks among what is left.
 *
 * rrule.js walks period by period until a candidate passes UNTIL, so a rule that stops matching
 * (BYMONTH=2;BYMONTHDAY=30) walked to the year 9999 on the event loop, and a window far from the
 * start re-walked every period before it. Here the walk ends at the bound the caller gives, may
 * start at the window's period, and is held to a budget of days examined and of milliseconds.
 */

export const DAY_MS = 86_400_000;
/** Days one expansion may examine: ten years of daily periods, or of yearly ones (366 days each), with room to spare. */
export const EXPANSION_DAY_BUDGET = 50_000;
/**
 * Wall-clock time one expansion may take, checked every few hundred days: a guard behind the day
 * budget (an accepted rule takes well under 5 ms), set high enough that a busy machine never
 * refuses a good rule.
 */
export const EXPANSION_MS_BUDGET = 200;

export enum Frequency {
  YEARLY = 'YEARLY',
  MONTHLY = 'MONTHLY',
  WEEKLY = 'WEEKLY',
  DAILY = 'DAILY',
}

export interface RuleParts {
  freq: Frequency;
  interval: number;
  count?: number;
  /** Wall-clock milliseconds (a "floating" time), inclusive. */
  until?: number;
  /** Weekday 0 = Monday; `nth` (±1..5) only where it counts, in monthly and yearly rules. */
  byDay: { weekday: number; nth?: number }[];
  byMonthDay: number[];
  byMonth: number[];
  bySetPos: number[];
  weekStart: number;
}

/** Thrown when a rule would take more work than the budget allows. */
export class ExpansionBudgetError extends Error {}

const CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const numbers = (value: string | undefined) => (value ? value.split(',').map(Number) : []);

/** The parts of a rule normalizeRule has checked (UNTIL as wall-clock `yyyymmddThhmmss`). */
export function parseRule(rule: string): RuleParts {
  const parts = new Map(rule.split(';').map((part) => part.split('=') as [string, string]));
  const until = parts.get('UNTIL');
  return {
    freq: parts.get('FREQ') as Frequency,
    interval: Number(parts.get('INTERVAL') ?? 1),
    count: parts.has('COUNT') ? Number(parts.get('COUNT')) : undefined,
    until: until ? floatingOf(until) : undefined,
    byDay: (parts.get('BYDAY')?.split(',') ?? []).map((item) => {
      const weekday = CODES.indexOf(item.slice(-2));
      const nth = item.length > 2 ? Number(item.slice(0, -2)) : undefined;
      return { weekday, nth };
    }),
    byMonthDay: numbers(parts.get('BYMONTHDAY')),
    byMonth: numbers(parts.get('BYMONTH')),
    bySetPos: numbers(parts.get('BYSETPOS')),
    weekStart: parts.has('WKST') ? CODES.indexOf(parts.get('WKST')!) : 0,
  };
}

const floatingOf = (compact: string) =>
  Date.UTC(+compact.slice(0, 4), +compact.slice(4, 6) - 1, +compact.slice(6, 8), +compact.slice(9, 11), +compact.slice(11, 13), +compact.slice(13, 15));

const weekdayOf = (day: number) => (((day + 3) % 7) + 7) % 7;
const dayOf = (year: number, month: number, date: number) => Date.UTC(year, month - 1, date) / DAY_MS;
const monthLength = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The rule with rrule.js's defaults filled in from the start: which filters apply to every candidate day. */
interface Filters {
  months: Set<number>;
  weekdays: Set<number>;
  /** Weekdays with an ordinal, counted within each month (or each year of a yearly rule without BYMONTH). */
  nthWeekdays: { weekday: number; nth: number }[];
  monthDays: Set<number>;
  /** Negative month days: -1 is the last. */
  monthDaysFromEnd: Set<number>;
}

function filtersOf(rule: RuleParts, startDay: number): Filters {
  const start = new Date(startDay * DAY_MS);
  const ordinalsCount = rule.freq === Frequency.YEARLY || rule.freq === Frequency.MONTHLY;
  let weekdays = rule.byDay.filter((day) => !ordinalsCount || day.nth === undefined).map((day) => day.weekday);
  const nthWeekdays = ordinalsCount ? rule.byDay.filter((day) => day.nth !== undefined).map((day) => ({ weekday: day.weekday, nth: day.nth! })) : [];
  let monthDays = rule.byMonthDay;
  let months = rule.byMonth;
  if (rule.byDay.length === 0 && rule.byMonthDay.length === 0) {
    if (rule.freq === Frequency.YEARLY) {
      if (months.length === 0) months = [start.getUTCMonth() + 1];
      monthDays = [start.getUTCDate()];
    } else if (rule.freq === Frequency.MONTHLY) {
      monthDays = [start.getUTCDate()];
    } else if (rule.freq === Frequency.WEEKLY) {
      weekdays = [weekdayOf(startDay)];
    }
  }
  return {
    months: new Set(months),
    weekdays: new Set(weekdays),
    nthWeekdays,
    monthDays: new Set(monthDays.filter((day) => day > 0)),
    monthDaysFromEnd: new Set(monthDays.filter((day) => day < 0)),
  };
}

/** The day of the nth (±) `weekday` in [first, last], or null. */
function nthWeekdayIn(first: number, last: number, weekday: number, nth: number): number | null {
  const day = nth > 0 ? first + (nth - 1) * 7 + ((weekday - weekdayOf(first) + 7) % 7) : last + (nth + 1) * 7 - ((weekdayOf(last) - weekday + 7) % 7);
  return day >= first && day <= last ? day : null;
}

/** A period of the rule: its candidate days [first, last], and for nth weekdays the ranges they count in. */
interface Period {
  first: number;
  last: number;
  nthRanges: [number, number][];
}

/** The rule's k-th period (k counts INTERVALs from the start's period); the first week begins on the start day, as in rrule.js. */
function periodAt(rule: RuleParts, startDay: number, k: number): Period {
  const start = new Date(startDay * DAY_MS);
  switch (rule.freq) {
    case Frequency.DAILY: {
      const day = startDay + k * rule.interval;
      return { first: day, last: day, nthRanges: [] };
    }
    case Frequency.WEEKLY: {
      const weekStart = startDay - ((weekdayOf(startDay) - rule.weekStart + 7) % 7);
      const first = k === 0 ? startDay : weekStart + k * rule.interval * 7;
      return { first, last: weekStart + k * rule.interval * 7 + 6, nthRanges: [] };
    }
    case Frequency.MONTHLY: {
      const index = start.getUTCFullYear() * 12 + start.getUTCMonth() + k * rule.interval;
      const year = Math.floor(index / 12);
      const month = (index % 12) + 1;
      const first = dayOf(year, month, 1);
      const last = first + monthLength(year, month) - 1;
      return { first, last, nthRanges: [[first, last]] };
    }
    case Frequency.YEARLY: {
      const year = start.getUTCFullYear() + k * rule.interval;
      const first = dayOf(year, 1, 1);
      const last = dayOf(year, 12, 31);
      const nthRanges: [number, number][] = rule.byMonth.length
        ? rule.byMonth.map((month) => [dayOf(year, month, 1), dayOf(year, month, monthLength(year, month))])
        : [[first, last]];
      return { first, last, nthRanges };
    }
  }
}

/** The index k of the period holding `day` (or the one before it), never before the first. */
function periodIndexOf(rule: RuleParts, startDay: number, day: number): number {
  if (day <= startDay) return 0;
  const start = new Date(startDay * DAY_MS);
  const at = new Date(day * DAY_MS);
  switch (rule.freq) {
    case Frequency.DAILY:
      return Math.floor((day - startDay) / rule.interval);
    case Frequency.WEEKLY: {
      const weekStart = startDay - ((weekdayOf(startDay) - rule.weekStart + 7) % 7);
      return Math.floor((day - weekStart) / (7 * rule.interval));
    }
    case Frequency.MONTHLY: {
      const months = (at.getUTCFullYear() - start.getUTCFullYear()) * 12 + at.getUTCMonth() - start.getUTCMonth();
      return Math.floor(months / rule.interval);
    }
    case Frequency.YEARLY:
      return Math.floor((at.getUTCFullYear() - start.getUTCFullYear()) / rule.interval);
  }
}

/** The days of [first, last], `step` apart, that the filters keep, walking the calendar once (no Date per day). */
function keptDays(filters: Filters, first: number, last: number, nthDays: Set<number> | null, step = 1): number[] {
  const date = new Date(first * DAY_MS);
  let year = date.getUTCFullYear();
  let month = date.getUTCMonth() + 1;
  let monthDay = date.getUTCDate();
  let length = monthLength(year, month);
  let weekday = weekdayOf(first);
  const byMonthDay = filters.monthDays.size > 0 || filters.monthDaysFromEnd.size > 0;
  const days: number[] = [];
  for (let day = first; day <= last; day += step) {
    const keep =
      (!filters.months.size || filters.months.has(month)) &&
      (!byMonthDay || filters.monthDays.has(monthDay) || filters.monthDaysFromEnd.has(monthDay - length - 1)) &&
      (!filters.weekdays.size || filters.weekdays.has(weekday)) &&
      (nthDays === null || nthDays.has(day));
    if (keep) days.push(day);
    weekday = (weekday + step) % 7;
    monthDay += step;
    while (monthDay > length) {
      monthDay -= length;
      if (++month > 12) {
        month = 1;
        year++;
      }
      length = monthLength(year, month);
    }
  }
  return days;
}

export interface ExpandOptions {
  /** Wall-clock start of the series (its first possible occurrence). */
  start: number;
  /** Inclusive wall-clock bound: nothing after it is answered, and the walk stops there. */
  until: number;
  /** Wall-clock time from which to answer; the walk starts at its period (COUNT is then not applied). */
  from?: number;
  /** Answer at most this many. */
  limit: number;
}

/** The wall-clock starts of the rule's occurrences within the options' bounds, in order. */
export function expandRule(rule: RuleParts, options: ExpandOptions): number[] {
  const startDay = Math.floor(options.start / DAY_MS);
  const timeOfDay = options.start - startDay * DAY_MS;
  const until = Math.min(options.until, rule.until ?? Infinity);
  const from = Math.max(options.from ?? options.start, options.start);
  const count = options.from === undefined ? rule.count : undefined;
  const filters = filtersOf(rule, startDay);
  const out: number[] = [];
  const deadline = Date.now() + EXPANSION_MS_BUDGET;
  let examined = 0;
  let nextClockCheck = 0;
  // Daily periods are single days, so walk them a few hundred at a time; BYSETPOS on a set of one
  // day keeps it (1 or -1) or nothing.
  const daily = rule.freq === Frequency.DAILY;
  if (daily && rule.bySetPos.length && !rule.bySetPos.some((pos) => pos === 1 || pos === -1)) return [];
  const daysAtOnce = daily ? 400 : 1;
  for (let k = periodIndexOf(rule, startDay, Math.floor(from / DAY_MS)); ; k += daysAtOnce) {
    const period = periodAt(rule, startDay, k);
    if (daysAtOnce > 1) period.last = period.first + (daysAtOnce - 1) * rule.interval;
    if (period.first * DAY_MS + timeOfDay > until) return out;
    examined += Math.floor((period.last - period.first) / (daysAtOnce > 1 ? rule.interval : 1)) + 1;
    if (examined >= nextClockCheck) {
      if (examined > EXPANSION_DAY_BUDGET || Date.now() > deadline) {
        throw new ExpansionBudgetError('takes too long to expand: simplify it or give it a nearer end');
      }
      nextClockCheck = examined + 512;
    }
    let nthDays: Set<number> | null = null;
    if (filters.nthWeekdays.length) {
      nthDays = new Set();
      for (const [first, last] of period.nthRanges) {
        for (const { weekday, nth } of filters.nthWeekdays) {
          const day = nthWeekdayIn(first, last, weekday, nth);
          if (day !== null) nthDays.add(day);
        }
      }
    }
    let days = keptDays(filters, period.first, period.last, nthDays, daysAtOnce > 1 ? rule.interval : 1);
    if (rule.bySetPos.length && !daily) {
      const picked = rule.bySetPos.map((pos) => days[pos > 0 ? pos - 1 : days.length + pos]).filter((day) => day !== undefined);
      days = [...new Set(picked)].sort((a, b) => a - b);
    }
    for (const day of days) {
      const at = day * DAY_MS + timeOfDay;
      if (at > until) return out;
      if (at < options.start) continue;
      if (count !== undefined && out.length === count) return out;
      if (at >= from) out.push(at);
      if (out.length >= options.limit) return out;
    }
    if (count !== undefined && out.length === count) return out;
  }
}
