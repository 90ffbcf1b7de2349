import { ValidationFailedError } from '../../common/errors/app-error.js';
import type { UpdateEventDto } from './dto/event-requests.dto.js';
import { type CalendarEvent, EventType } from './event.entity.js';
import { normalizeRule, RecurrenceError, type Schedule, seriesBounds, type Weekday, weeklyRule } from './recurrence.js';

export type ScheduleColumns = Pick<
  CalendarEvent,
  | 'eventType'
  | 'startDate'
  | 'startTime'
  | 'endDate'
  | 'endTime'
  | 'timezone'
  | 'recurringDays'
  | 'rrule'
  | 'seriesStart'
  | 'seriesEnd'
  | 'occurrencesCount'
>;

const invalid = (field: string, reason: string) => ValidationFailedError.field(field, reason);

/** The event's schedule as stored, from what it had and what the body changes. */
export function toScheduleColumns(dto: UpdateEventDto, current: CalendarEvent | null, orgTimezone: string): ScheduleColumns {
  const eventType = dto.event_type ?? current?.eventType ?? EventType.NON_RECURRING;
  const timezone = dto.timezone ?? current?.timezone ?? orgTimezone;
  const startDate = dto.start_date ?? current!.startDate;
  const startTime = dto.start_time ?? current!.startTime;
  const endTime = dto.end_time ?? current!.endTime;
  const { days, rule } = recurrence(dto, current);

  if (eventType === EventType.NON_RECURRING) {
    if (dto.recurring_days?.length) throw invalid('recurring_days', 'must be empty for a Non-Recurring event');
    if (dto.rrule) throw invalid('rrule', 'must be null for a Non-Recurring event');
    const endDate = dto.end_date ?? current?.endDate ?? startDate;
    if (endDate < startDate) throw invalid('end_date', 'must not be before start_date');
    if (endDate === startDate && endTime < startTime) throw invalid('end_time', 'must not be before start_time');
    return resolve({ timezone, startDate, startTime, endDate, endTime, rule: null }, { eventType, recurringDays: [] }, 'start_date');
  }

  if (days.length && rule) throw invalid('rrule', 'give either recurring_days or rrule, not both');
  if (!days.length && !rule) throw invalid('recurring_days', 'a Recurring event needs recurring_days or rrule');
  if (endTime < startTime) throw invalid('end_time', 'must not be before start_time (each occurrence starts and ends the same day)');
  if (rule) {
    if (dto.end_date) throw invalid('end_date', 'is set from rrule (its COUNT or UNTIL); leave it out');
    const normalized = attempt('rrule', () => normalizeRule(rule, timezone));
    const schedule = { timezone, startDate, startTime, endDate: startDate, endTime, rule: normalized };
    return resolve(schedule, { eventType, recurringDays: [] }, 'rrule', true);
  }
  const endDate = dto.end_date ?? current?.endDate;
  if (!endDate) throw invalid('end_date', 'is required with recurring_days: the last day of the series');
  if (endDate < startDate) throw invalid('end_date', 'must not be before start_date');
  const schedule = { timezone, startDate, startTime, endDate, endTime, rule: weeklyRule(days, endDate) };
  return resolve(schedule, { eventType, recurringDays: [...new Set(days)] }, 'recurring_days');
}

/** How the event recurs after this body: a body that names either way replaces the stored one. */
function recurrence(dto: UpdateEventDto, current: CalendarEvent | null): { days: Weekday[]; rule: string | null } {
  if (dto.recurring_days === undefined && dto.rrule === undefined) {
    const days = (current?.recurringDays ?? []) as Weekday[];
    return { days, rule: days.length ? null : (current?.rrule ?? null) };
  }
  return { days: dto.recurring_days ?? [], rule: dto.rrule ?? null };
}

/**
 * Expands the series once to check it and to store its bounds, so that reads never walk its rule
 * from the start again; an rrule series ends on its last occurrence's day.
 */
function resolve(
  schedule: Schedule,
  kind: Pick<ScheduleColumns, 'eventType' | 'recurringDays'>,
  field: string,
  endsWithRule = false,
): ScheduleColumns {
  const { first, last, count } = attempt(field, () => seriesBounds(schedule));
  return {
    ...kind,
    startDate: schedule.startDate,
    startTime: schedule.startTime,
    endDate: endsWithRule ? last.start.toISODate()! : schedule.endDate,
    endTime: schedule.endTime,
    timezone: schedule.timezone,
    rrule: schedule.rule,
    seriesStart: first.start.toJSDate(),
    seriesEnd: last.end.toJSDate(),
    occurrencesCount: count,
  };
}

function attempt<T>(field: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof RecurrenceError) throw invalid(field, error.message);
    throw error;
  }
}
