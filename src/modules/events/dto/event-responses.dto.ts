import { WithOwnership } from '../../../common/records/ownership-fields.dto.js';
import { ApiProperty } from '@nestjs/swagger';
import { CursorPageOf } from '../../../common/pagination/page.js';
import { WithComments } from '../../comments/dto/with-comments.dto.js';
import { EventStatus, EventType } from '../event.entity.js';
import { WEEKDAYS } from '../recurrence.js';

class EventFieldsDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: EventType, enumName: 'EventType' })
  event_type: EventType;

  @ApiProperty({ enum: EventStatus, enumName: 'EventStatus' })
  status: EventStatus;

  @ApiProperty({ type: String, format: 'date', example: '2027-03-22' })
  start_date: string;

  @ApiProperty({ example: '10:00:00' })
  start_time: string;

  @ApiProperty({ type: String, format: 'date', example: '2027-03-22' })
  end_date: string;

  @ApiProperty({ example: '11:30:00' })
  end_time: string;

  @ApiProperty({ example: 'Europe/Berlin' })
  timezone: string;

  @ApiProperty({ type: 'array', items: { type: 'string', enum: [...WEEKDAYS] } })
  recurring_days: string[];

  @ApiProperty({ type: String, nullable: true, example: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20270430T235959', description: 'The rule of a recurring event (UNTIL in the event’s wall-clock time)' })
  rrule: string | null;

  @ApiProperty({ type: String, format: 'date-time', description: 'When the first occurrence starts (UTC)' })
  starts_at: string;

  @ApiProperty({ type: String, format: 'date-time', description: 'When the last occurrence ends (UTC)' })
  ends_at: string;

  @ApiProperty({ description: 'How many times it takes place' })
  occurrences_count: number;

  @ApiProperty()
  description: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  date_of_meeting: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  account: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  lead: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  opportunity: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  case: string | null;

  @ApiProperty({ type: [String], format: 'uuid' })
  contacts: string[];
}

export class EventItemDto extends WithOwnership(EventFieldsDto) {}

/** One time an event takes place, in UTC and on the event's wall clock. */
export class EventOccurrenceDto {
  @ApiProperty({ type: String, format: 'date-time', example: '2027-03-29T08:00:00.000Z' })
  starts_at: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2027-03-29T09:30:00.000Z' })
  ends_at: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2027-03-29T10:00:00.000+02:00', description: 'In the event’s time zone, with its offset' })
  local_start: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2027-03-29T11:30:00.000+02:00' })
  local_end: string;
}

export class EventListItemDto extends EventItemDto {
  @ApiProperty({
    type: EventOccurrenceDto,
    description: 'With from/to: the occurrence this result stands for (one result per occurrence); otherwise the event’s first',
  })
  occurrence: EventOccurrenceDto;
}

export class EventPageDto extends CursorPageOf(EventListItemDto) {}

export class EventDetailResponseDto extends WithComments(EventItemDto) {}
