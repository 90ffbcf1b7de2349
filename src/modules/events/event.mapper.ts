import type { LinkDeclaration, LinkRow } from '../../common/records/record-store.js';
import { ASSIGNEES_AND_TEAMS, CONTACTS_LINK } from '../../common/records/standard-links.js';
import type { CreateEventDto, UpdateEventDto } from './dto/event-requests.dto.js';
import type { EventItemDto, EventOccurrenceDto } from './dto/event-responses.dto.js';
import type { CalendarEvent } from './event.entity.js';
import type { Occurrence, Schedule } from './recurrence.js';
import { revisionOf } from '../../common/records/revision-fields.js';

/** The kind's links, by body field: its store's declaration, from which a row's link arrays are typed. */
export const EVENT_LINKS = { ...ASSIGNEES_AND_TEAMS, ...CONTACTS_LINK } satisfies LinkDeclaration;

/** A row's link arrays (and what else its queries select), as RecordStore.withLinks answers them. */
export type EventLinks = LinkRow<typeof EVENT_LINKS>;

/** The body's fields that are not part of the schedule, as columns; absent ones left out. */
export function toEventColumns(dto: CreateEventDto | UpdateEventDto): Partial<CalendarEvent> {
  const columns: Partial<CalendarEvent> = {
    name: dto.name,
    status: dto.status,
    description: dto.description === null ? '' : dto.description,
    dateOfMeeting: dto.date_of_meeting,
    accountId: dto.account,
    leadId: dto.lead,
    opportunityId: dto.opportunity,
    caseId: dto.case,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
}

/** The event's schedule, with the first occurrence it stored when written. */
export const scheduleOf = (event: CalendarEvent): Schedule & { firstStart: Date } => ({
  firstStart: event.seriesStart,
  timezone: event.timezone,
  startDate: event.startDate,
  startTime: event.startTime,
  endDate: event.endDate,
  endTime: event.endTime,
  rule: event.rrule,
});

export function toEventItem(event: CalendarEvent, links: EventLinks): EventItemDto {
  return {
    id: event.id,
    name: event.name,
    event_type: event.eventType,
    status: event.status,
    start_date: event.startDate,
    start_time: event.startTime,
    end_date: event.endDate,
    end_time: event.endTime,
    timezone: event.timezone,
    recurring_days: event.recurringDays,
    rrule: event.rrule,
    starts_at: event.seriesStart.toISOString(),
    ends_at: event.seriesEnd.toISOString(),
    occurrences_count: event.occurrencesCount,
    description: event.description,
    date_of_meeting: event.dateOfMeeting,
    account: event.accountId,
    lead: event.leadId,
    opportunity: event.opportunityId,
    case: event.caseId,
    contacts: links.contacts,
    assigned_to: links.assigned_to,
    teams: links.teams,
    created_by: event.createdBy,
    created_on: event.createdOn.toISOString(),
    ...revisionOf(event),
  };
}

export const toOccurrence = ({ start, end }: Occurrence): EventOccurrenceDto => ({
  starts_at: start.toUTC().toISO()!,
  ends_at: end.toUTC().toISO()!,
  local_start: start.toISO()!,
  local_end: end.toISO()!,
});
