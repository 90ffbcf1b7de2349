import { DateTime } from 'luxon';
import { DAY_MS, type ExpandOptions, expandRule, ExpansionBudgetError, parseRule } from './rule-expansion.js';
import { atWallClock, ZoneClock } from './zone-clock.js';

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
const BYDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** No endless series, and none so long that expanding it could hold up a request. */
export const MAX_OCCURRENCES = 1000;
/** Expansion never looks further than this past the start, so a rule that rarely matches stays cheap. */
export const MAX_SPAN_YEARS = 10;

/** When an event happens: wall-clock dates and times in its time zone, and its rule when it repeats. */
export interface Schedule {
  timezone: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  /** A normalized RRULE body (see normalizeRule): UNTIL is wall-clock time in the event's zone. */
  rule: string | null;
}

export interface Occurrence {
  start: DateTime;
  end: DateTime;
}

/** A rule or schedule a client got wrong: the message says why, the caller names the field. */
export class RecurrenceError extends Error {}

const LIST = (item: string) => new RegExp(`^${item}(,${item})*$`);
const RULE_PARTS: Record<string, RegExp> = {
  FREQ: /^(DAILY|WEEKLY|MONTHLY|YEARLY)$/,
  INTERVAL: /^([1-9]\d{0,2})$/,
  COUNT: /^([1-9]\d{0,3})$/,
  UNTIL: /^\d{8}(T\d{6}Z?)?$/,
  BYDAY: LIST('([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)'),
  BYMONTHDAY: LIST('-?([1-9]|[12]\\d|3[01])'),
  BYMONTH: LIST('([1-9]|1[0-2])'),
  BYSETPOS: LIST('-?([1-9]|[1-9]\\d|[1-2]\\d\\d|3[0-5]\\d|36[0-6])'),
  WKST: /^(MO|TU|WE|TH|FR|SA|SU)$/,
};

const wallClock = (date: string, time: string, zone: string) => DateTime.fromISO(`${date}T${time}`, { zone });
const compact = (local: DateTime) => local.toFormat("yyyyLLdd'T'HHmmss");

/**
 * Checks an RFC 5545 RRULE from a client (a strict subset: daily to yearly, no DTSTART, COUNT or
 * UNTIL required) and answers it normalized: upper case, no `RRULE:` prefix, UNTIL as wall-clock
 * time in `zone` (a date alone means the end of that day).
 */
export function normalizeRule(text: string, zone: string): string {
  const body = text.trim().toUpperCase().replace(/^RRULE:/, '');
  const parts = new Map<string, string>();
  for (const part of body.split(';')) {
    const [key, value, extra] = part.split('=');
    if (extra !== undefined || !value || !(key in RULE_PARTS)) {
      throw new RecurrenceError(`has an unsupported or malformed part "${part}" (supported: ${Object.keys(RULE_PARTS).join(', ')})`);
    }
    if (parts.has(key)) throw new RecurrenceError(`names ${key} twice`);
    if (!RULE_PARTS[key].test(value)) throw new RecurrenceError(`has an invalid ${key} "${value}"`);
    parts.set(key, value);
  }
  if (!parts.has('FREQ')) throw new RecurrenceError('must name FREQ (DAILY, WEEKLY, MONTHLY or YEARLY)');
  if (parts.has('COUNT') === parts.has('UNTIL')) throw new RecurrenceError('must end: give exactly one of COUNT or UNTIL');
  if (Number(parts.get('COUNT') ?? 0) > MAX_OCCURRENCES) throw new RecurrenceError(`COUNT may be at most ${MAX_OCCURRENCES}`);
  const until = parts.get('UNTIL');
  if (until) parts.set('UNTIL', compact(untilInZone(until, zone)));
  return [...parts].map(([key, value]) => `${key}=${value}`).join(';');
}

function untilInZone(until: string, zone: string): DateTime {
  const date = DateTime.fromFormat(until.slice(0, 8), 'yyyyLLdd', { zone });
  if (!date.isValid) throw new RecurrenceError(`has an invalid UNTIL "${until}"`);
  if (until.length === 8) return date.endOf('day').set({ millisecond: 0 });
  const time = DateTime.fromFormat(until, until.endsWith('Z') ? "yyyyLLdd'T'HHmmss'Z'" : "yyyyLLdd'T'HHmmss", {
    zone: until.endsWith('Z') ? 'utc' : zone,
  });
  if (!time.isValid) throw new RecurrenceError(`has an invalid UNTIL "${until}"`);
  return time.setZone(zone);
}

/** The reference's recurring_days as a rule: those weekdays, up to the end of `endDate`. */
export function weeklyRule(days: readonly Weekday[], endDate: string): string {
  const codes = [...new Set(days)].map((day) => BYDAY_CODES[WEEKDAYS.indexOf(day)]);
  return `FREQ=WEEKLY;BYDAY=${codes.join(',')};UNTIL=${endDate.replaceAll('-', '')}T235959`;
}

/** The occurrence that starts at this wall-clock moment: recurring ones end the same day at end_time. */
function occurrenceAt(schedule: Schedule, start: DateTime): Occurrence {
  const end = schedule.rule
    ? wallClock(start.toISODate()!, schedule.endTime, schedule.timezone)
    : wallClock(schedule.endDate, schedule.endTime, schedule.timezone);
  return { start, end };
}

/** A wall-clock date and time as "floating" milliseconds: the wall clock read as UTC, so DST never shifts a meeting. */
const floatingOf = (date: string, time: string) => Date.parse(`${date}T${time}Z`);
/** Where a series may end at the latest: MAX_SPAN_YEARS after its start, in wall-clock time. */
const horizonOf = (schedule: Schedule) =>
  DateTime.fromMillis(floatingOf(schedule.startDate, schedule.startTime), { zone: 'utc' }).plus({ years: MAX_SPAN_YEARS }).toMillis();

function expand(schedule: Schedule, options: Omit<ExpandOptions, 'start'>): number[] {
  try {
    return expandRule(parseRule(schedule.rule!), { start: floatingOf(schedule.startDate, schedule.startTime), ...options });
  } catch (error) {
    if (error instanceof ExpansionBudgetError) throw new RecurrenceError(error.message);
    throw error;
  }
}

/** The first and last occurrences of a series and how many it has, checked: what an event stores when written. */
export interface SeriesBounds {
  first: Occurrence;
  last: Occurrence;
  count: number;
}

/**
 * Expands the series once to check it: throws when it has no occurrence, more than
 * MAX_OCCURRENCES, or does not end within MAX_SPAN_YEARS. The walk never looks past that span.
 */
export function seriesBounds(schedule: Schedule): SeriesBounds {
  if (!schedule.rule) {
    const only = occurrenceAt(schedule, wallClock(schedule.startDate, schedule.startTime, schedule.timezone));
    return { first: only, last: only, count: 1 };
  }
  const horizon = horizonOf(schedule);
  const starts = expand(schedule, { until: horizon, limit: MAX_OCCURRENCES + 1 });
  const { count, until } = parseRule(schedule.rule);
  if (starts.length === 0) throw new RecurrenceError(`yields no occurrence within ${MAX_SPAN_YEARS} years of the start date`);
  if (starts.length > MAX_OCCURRENCES) throw new RecurrenceError(`yields more than ${MAX_OCCURRENCES} occurrences`);
  if ((count && starts.length < count) || (until !== undefined && until > horizon)) {
    throw new RecurrenceError(`must end within ${MAX_SPAN_YEARS} years of its start`);
  }
  const at = (wall: number) => occurrenceAt(schedule, atWallClock(wall, schedule.timezone));
  return { first: at(starts[0]), last: at(starts.at(-1)!), count: starts.length };
}

/** The first occurrence, from what the event stored when written (never by walking its rule). */
export function firstOccurrence(schedule: Schedule & { firstStart: Date }): Occurrence {
  return occurrenceAt(schedule, DateTime.fromJSDate(schedule.firstStart, { zone: schedule.timezone }));
}

/** An occurrence as instants, for windows: converting every one to a DateTime would cost more than finding it. */
export interface OccurrenceInstants {
  start: number;
  end: number;
}

/**
 * The occurrences that overlap [from, to), by start, at most `limit` of them. The walk starts at
 * the window's period and ends with the window or the series (its last day, stored when written),
 * so its cost follows the window, not the distance from the series' start.
 */
export function occurrencesBetween(schedule: Schedule, from: Date, to: Date, limit: number, clock = new ZoneClock(schedule.timezone)): OccurrenceInstants[] {
  const overlaps = (occurrence: OccurrenceInstants) => occurrence.start < to.getTime() && occurrence.end > from.getTime();
  if (!schedule.rule) {
    const only = occurrenceAt(schedule, wallClock(schedule.startDate, schedule.startTime, schedule.timezone));
    const instants = { start: only.start.toMillis(), end: only.end.toMillis() };
    return overlaps(instants) ? [instants] : [];
  }
  // In wall-clock time, widened by two days: wall-clock and real time differ by at most 26 hours, and
  // an occurrence lasts less than a day, so nothing overlapping the window starts outside this range.
  const after = from.getTime() - 2 * DAY_MS;
  const before = Math.min(to.getTime() + 2 * DAY_MS, floatingOf(schedule.endDate, '23:59:59'));
  const duration = floatingOf(schedule.startDate, schedule.endTime) - floatingOf(schedule.startDate, schedule.startTime);
  const found: OccurrenceInstants[] = [];
  for (const wall of expand(schedule, { from: after, until: before, limit: Number.MAX_SAFE_INTEGER })) {
    const occurrence = { start: clock.instant(wall), end: clock.instant(wall + duration) };
    if (!overlaps(occurrence)) continue;
    if (found.push(occurrence) >= limit) break;
  }
  return found;
}

/** An occurrence found as instants, in the event's zone, for an answer. */
export const occurrenceFrom = (schedule: Schedule, instants: OccurrenceInstants): Occurrence => ({
  start: DateTime.fromMillis(instants.start, { zone: schedule.timezone }),
  end: DateTime.fromMillis(instants.end, { zone: schedule.timezone }),
});

/** The rule for iCalendar: UNTIL in UTC, as RFC 5545 requires beside a DTSTART with TZID. */
export function icalRule(schedule: Schedule): string {
  return schedule.rule!.replace(/UNTIL=(\d{8}T\d{6})/, (_, local: string) => {
    const until = DateTime.fromFormat(local, "yyyyLLdd'T'HHmmss", { zone: schedule.timezone }).toUTC();
    return `UNTIL=${until.toFormat("yyyyLLdd'T'HHmmss")}Z`;
  });
}
