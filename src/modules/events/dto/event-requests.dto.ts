import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEnum, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { CalendarDate, ClockTime } from '../../../common/validation/calendar.decorators.js';
import { IdFilter, TextFilter } from '../../../common/validation/filters.decorator.js';
import { IdList, ToArray } from '../../../common/validation/id-list.decorator.js';
import { OptionalText } from '../../../common/validation/optional-text.decorator.js';
import { IsTimeZone } from '../../../common/validation/time-zone.js';
import { RelatedId } from '../../../common/validation/related-id.decorator.js';
import { Trim } from '../../../common/validation/trim.decorator.js';
import { EventStatus, EventType } from '../event.entity.js';
import { WEEKDAYS, type Weekday } from '../recurrence.js';
import { NamedRecordListQueryDto } from '../../../common/records/record-list-query.dto.js';

const oneOf = (field: string, values: readonly string[]) => ({ message: `${field} must be one of: ${values.join(', ')}` });

export class CreateEventDto {
  @ApiProperty({ maxLength: 255, example: 'Quarterly review' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name: string;

  @ApiPropertyOptional({ enum: EventType, enumName: 'EventType', description: 'Defaults to `Non-Recurring`' })
  @IsOptional()
  @IsEnum(EventType, oneOf('event_type', Object.values(EventType)))
  event_type?: EventType;

  @ApiPropertyOptional({ enum: EventStatus, enumName: 'EventStatus', description: 'Defaults to `Planned`' })
  @IsOptional()
  @IsEnum(EventStatus, oneOf('status', Object.values(EventStatus)))
  status?: EventStatus;

  @CalendarDate({ required: true, description: 'The (first) day, in the event’s time zone', example: '2027-03-22' })
  start_date: string;

  @ClockTime({ required: true, description: 'Start of the event (of each occurrence when recurring)' })
  start_time: string;

  @CalendarDate({
    description:
      'Non-recurring: the day it ends (defaults to start_date). With recurring_days: the last day of the series (required). With rrule: set from the rule.',
    example: '2027-03-22',
  })
  end_date?: string | null;

  @ClockTime({ required: true, description: 'End of the event (of each occurrence when recurring)', example: '11:30:00' })
  end_time: string;

  @ApiPropertyOptional({ example: 'Europe/Berlin', maxLength: 64, description: 'IANA time zone; the organization’s when left out' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', enum: [...WEEKDAYS] },
    maxItems: 7,
    description: 'A recurring event’s weekdays, as the reference takes them (or give rrule)',
  })
  @IsOptional()
  @ToArray()
  @IsArray()
  @ArrayMaxSize(7)
  @IsEnum(Object.fromEntries(WEEKDAYS.map((day) => [day, day])), { each: true, ...oneOf('recurring_days', WEEKDAYS) })
  recurring_days?: Weekday[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 500,
    example: 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10',
    description: 'A recurring event’s RFC 5545 rule (DAILY to YEARLY, with COUNT or UNTIL; at most 1000 occurrences within 10 years)',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(500)
  rrule?: string | null;

  @OptionalText(10000, 'Agenda: pipeline, renewals')
  description?: string;

  @CalendarDate({ description: 'The reference’s date of meeting' })
  date_of_meeting?: string | null;

  @RelatedId('An account the caller may see')
  account?: string | null;

  @RelatedId('A lead the caller may see')
  lead?: string | null;

  @RelatedId('An opportunity the caller may see')
  opportunity?: string | null;

  @RelatedId('A case the caller may see')
  case?: string | null;

  @IdList('Contact ids the caller may see (attendees)')
  contacts?: string[];

  @IdList('User ids of active members of the organization (attendees)')
  assigned_to?: string[];

  @IdList('Team ids of the organization')
  teams?: string[];
}

export class UpdateEventDto extends PartialType(CreateEventDto) {}

export class EventFiltersDto {
  @TextFilter('Part of the name, any case')
  name?: string;

  @ApiPropertyOptional({ enum: EventStatus, enumName: 'EventStatus' })
  @IsOptional()
  @IsEnum(EventStatus, oneOf('status', Object.values(EventStatus)))
  status?: EventStatus;

  @ApiPropertyOptional({ type: String, maxLength: 36, description: 'A user id, or `me` for the caller' })
  @IsOptional()
  @Matches(/^(me|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'assigned_to must be a user id or me' })
  assigned_to?: string;

  @IdFilter('Events with this contact')
  contact?: string;

  @IdFilter('Events of this account')
  account?: string;
}

const instant = (field: string) => ({ message: `${field} must be an ISO 8601 date or date-time` });

export class ListEventsQueryDto extends IntersectionType(NamedRecordListQueryDto, EventFiltersDto) {
  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    description: 'With `to`: list the occurrences overlapping [from, to) instead of the events (a date means its start in UTC)',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, instant('from'))
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'End of the window: at most 366 days after `from`' })
  @IsOptional()
  @IsISO8601({ strict: true }, instant('to'))
  to?: string;
}
