import { Injectable } from '@nestjs/common';
import { NAME_SORT } from '../../common/records/keyset-pages.js';
import type { SelectQueryBuilder } from 'typeorm';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { containsPattern } from '../../common/database/like.js';
import { ValidationFailedError } from '../../common/errors/app-error.js';
import { type CursorPage, toCursorPage, toPage } from '../../common/pagination/page.js';
import type { CursorKey } from '../../common/records/keyset-pages.js';
import { RecordKind, type RecordKindService } from '../../common/records/record-kind.decorator.js';
import { type RecordStore, RecordStores } from '../../common/records/record-store.js';
import { RecordUseCases } from '../../common/records/record-use-cases.js';
import { CommentsService } from '../comments/comments.service.js';
import { Outbox } from '../jobs/outbox.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import type { IcsEvent } from './calendar/ics.js';
import type { CreateEventDto, EventFiltersDto, ListEventsQueryDto, UpdateEventDto } from './dto/event-requests.dto.js';
import type { EventDetailResponseDto, EventItemDto, EventListItemDto } from './dto/event-responses.dto.js';
import { EventInvitations } from './event-invitations.js';
import { type ScheduleColumns, toScheduleColumns } from './event-schedule.js';
import { CalendarEvent } from './event.entity.js';
import { EVENT_KIND } from './event.kind.js';
import { type EventLinks, scheduleOf, toEventColumns, toEventItem, toOccurrence, EVENT_LINKS } from './event.mapper.js';
import { firstOccurrence, occurrenceFrom, type OccurrenceInstants, occurrencesBetween } from './recurrence.js';
import { ZoneClock } from './zone-clock.js';

/** A window lists occurrences of at most this many events; a busier one must be narrowed. */
export const MAX_EVENTS_IN_WINDOW = 500;
/**
 * A window holds at most this many occurrences (400 naming `to` beyond): its page is cut from all
 * of them in order, so this bounds the cost of every page (500 daily series over a year were 182,500).
 */
export const MAX_OCCURRENCES_IN_WINDOW = 5000;
const MAX_WINDOW_DAYS = 366;
/** A calendar feed carries the caller's most recently starting events, at most this many. */
export const MAX_FEED_EVENTS = 1000;

const SCHEDULE_FIELDS = ['seriesStart', 'seriesEnd', 'rrule', 'timezone', 'startTime', 'endTime'] as const;
const rescheduled = (before: ScheduleColumns, after: ScheduleColumns) =>
  SCHEDULE_FIELDS.some((field) => String(before[field]) !== String(after[field]));

@RecordKind(EVENT_KIND)
@Injectable()
export class EventsService extends RecordUseCases<CalendarEvent, EventItemDto, typeof EVENT_LINKS, CreateEventDto, UpdateEventDto> implements RecordKindService {
  protected readonly store: RecordStore<CalendarEvent, typeof EVENT_LINKS>;

  constructor(
    stores: RecordStores,
    private readonly organizations: OrganizationsService,
    private readonly comments: CommentsService,
    private readonly invitations: EventInvitations,
    private readonly outbox: Outbox,
  ) {
    super();
    this.store = stores.for({
      kind: EVENT_KIND,
      entity: CalendarEvent,
      alias: 'event',
      sorts: NAME_SORT,
      links: EVENT_LINKS,
      references: { account: 'account', lead: 'lead', opportunity: 'opportunity', case: 'case' },
      assignees: 'assigned_to',
      keptTotalsBy: 'status',
    });
  }

  /** Events newest first (each with its first occurrence); with from/to, their occurrences in the window by start instead. */
  async list(principal: OrgPrincipal, query: ListEventsQueryDto): Promise<CursorPage<EventListItemDto>> {
    const filtered = this.filtered(principal, query);
    if (query.from !== undefined || query.to !== undefined) return this.occurrences(filtered, query);
    const [rows, count] = await Promise.all([this.rows(this.store.page(filtered, query)), this.store.listCount(principal, query, filtered)]);
    const page = this.store.keyset.page(rows, ([event, links]) => ({ id: event.id, cursor_key: links.cursor_key }), query);
    const results = page.rows.map(([event, links]) => ({ ...toEventItem(event, links), occurrence: toOccurrence(firstOccurrence(scheduleOf(event))) }));
    return toCursorPage('/api/events/', query, count, { results, next_cursor: page.next_cursor });
  }

  async get(principal: OrgPrincipal, id: string): Promise<EventDetailResponseDto> {
    const item = await this.item(principal, id);
    const { comments, attachments } = await this.comments.listFor(principal.orgId, { kind: EVENT_KIND.kind, id });
    return { ...item, comments, attachments };
  }

  protected toItem(row: CalendarEvent, links: EventLinks): EventItemDto {
    return toEventItem(row, links);
  }

  protected async insertColumns(principal: OrgPrincipal, dto: CreateEventDto): Promise<object> {
    return { ...toEventColumns(dto), ...toScheduleColumns(dto, null, await this.organizations.timezone(principal.orgId)) };
  }

  /** A new schedule moves the event's iCalendar sequence on, so invitees' calendars replace it. */
  protected updateColumns(_principal: OrgPrincipal, dto: UpdateEventDto, current: CalendarEvent): object {
    const schedule = toScheduleColumns(dto, current, current.timezone);
    return { ...toEventColumns(dto), ...schedule, ...(rescheduled(current, schedule) ? { sequence: current.sequence + 1 } : {}) };
  }

  /** Invitations to a new event, or to one rescheduled, leave with the write's commit (the outbox). */
  protected override async written(principal: OrgPrincipal, id: string, columns: { sequence?: number }, _dto: CreateEventDto | UpdateEventDto, current?: CalendarEvent): Promise<void> {
    if (!current) await this.invite(principal, id, 'new');
    else if (columns.sequence !== undefined) await this.invite(principal, id, 'rescheduled');
  }

  protected override committed(): void {
    this.outbox.kick();
  }

  /** The caller's events for a calendar: the most recently starting ones, at most MAX_FEED_EVENTS. */
  async forCalendar(principal: OrgPrincipal): Promise<IcsEvent[]> {
    const builder = this.store
      .visible(principal)
      .orderBy('event.seriesStart', 'DESC')
      .addOrderBy('event.id', 'DESC')
      .limit(MAX_FEED_EVENTS);
    const events = await builder.getMany();
    return events.map((event) => ({ ...event, schedule: scheduleOf(event) }));
  }

  private async invite(principal: OrgPrincipal, id: string, change: 'new' | 'rescheduled'): Promise<void> {
    const [[event, links]] = await this.rows(this.store.byId(this.store.visible(principal), id));
    await this.invitations.queue(principal.orgId, event, links, change);
  }

  /**
   * A window's occurrences by start, paged by offset: an occurrence is no row a cursor could
   * continue after. A one-off event is its own only occurrence (series_start to series_end), so
   * one-offs are counted and paged in SQL, and only as many read as the page can reach; recurring
   * series are read and expanded here, and the two merged in order. Three statements.
   */
  private async occurrences(filtered: SelectQueryBuilder<CalendarEvent>, query: ListEventsQueryDto): Promise<CursorPage<EventListItemDto>> {
    for (const field of ['cursor', 'sort'] as const) {
      if (query[field] !== undefined) throw ValidationFailedError.field(field, 'pages the event list, not a window (from/to): page a window by offset');
    }
    const { from, to } = window(query);
    filtered.andWhere('event.seriesStart < :to AND event.seriesEnd > :from', { from, to });
    const oneOffs = filtered.clone().andWhere('event.rrule IS NULL');
    const [oneOffCount, series] = [await oneOffs.clone().getCount(), await this.rows(filtered.clone().andWhere('event.rrule IS NOT NULL').limit(MAX_EVENTS_IN_WINDOW + 1))];
    if (oneOffCount + series.length > MAX_EVENTS_IN_WINDOW) {
      throw ValidationFailedError.field('to', `more than ${MAX_EVENTS_IN_WINDOW} events overlap this window; narrow it or filter`);
    }
    const clocks = new Map<string, ZoneClock>();
    const all: { event: [CalendarEvent, EventLinks & CursorKey]; found: OccurrenceInstants }[] = [];
    let occurrences = oneOffCount;
    for (const event of series) {
      const [row] = event;
      if (!clocks.has(row.timezone)) clocks.set(row.timezone, new ZoneClock(row.timezone));
      const found = occurrencesBetween(scheduleOf(row), from, to, MAX_OCCURRENCES_IN_WINDOW + 1 - occurrences, clocks.get(row.timezone));
      for (const occurrence of found) all.push({ event, found: occurrence });
      occurrences += found.length;
      if (occurrences > MAX_OCCURRENCES_IN_WINDOW) {
        throw ValidationFailedError.field('to', `this window holds more than ${MAX_OCCURRENCES_IN_WINDOW} occurrences; narrow it or filter`);
      }
    }
    const reach = query.offset + query.limit;
    const firstOneOffs = reach > 0 && oneOffCount > 0 ? await this.rows(oneOffs.orderBy('event.seriesStart', 'ASC').addOrderBy('event.id', 'ASC').limit(reach)) : [];
    for (const event of firstOneOffs) all.push({ event, found: { start: event[0].seriesStart.getTime(), end: event[0].seriesEnd.getTime() } });
    all.sort((a, b) => a.found.start - b.found.start || a.event[0].id.localeCompare(b.event[0].id));
    const results = all.slice(query.offset, reach).map(({ event: [event, links], found }) => ({
      ...toEventItem(event, links),
      occurrence: toOccurrence(occurrenceFrom(scheduleOf(event), found)),
    }));
    return { ...toPage('/api/events/', query, occurrences, results), next_cursor: null };
  }

  private rows(builder: SelectQueryBuilder<CalendarEvent>): Promise<[CalendarEvent, EventLinks & CursorKey][]> {
    return this.store.withLinks(builder);
  }

  protected override filtered(principal: OrgPrincipal, query: EventFiltersDto): SelectQueryBuilder<CalendarEvent> {
    const builder = this.store.visible(principal);
    if (query.name) builder.andWhere('event.name ILIKE :name', { name: containsPattern(query.name) });
    if (query.status) builder.andWhere('event.status = :status', { status: query.status });
    if (query.account) builder.andWhere('event.accountId = :account', { account: query.account });
    if (query.assigned_to) {
      this.store.whereLinked(builder, 'assigned_to', query.assigned_to === 'me' ? principal.userId : query.assigned_to);
    }
    if (query.contact) this.store.whereLinked(builder, 'contacts', query.contact);
    return builder;
  }
}

/** The window of an occurrence list: both ends, `to` after `from`, at most a year (and a day) long. */
function window(query: ListEventsQueryDto): { from: Date; to: Date } {
  if (query.from === undefined) throw ValidationFailedError.field('from', 'is required with to');
  if (query.to === undefined) throw ValidationFailedError.field('to', 'is required with from');
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (to <= from) throw ValidationFailedError.field('to', 'must be after from');
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
    throw ValidationFailedError.field('to', `must be at most ${MAX_WINDOW_DAYS} days after from`);
  }
  return { from, to };
}
