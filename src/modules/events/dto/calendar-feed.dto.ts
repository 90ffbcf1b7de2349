import { ApiProperty } from '@nestjs/swagger';

export class CalendarFeedDto {
  @ApiProperty({ description: 'The secret; shown only in this answer. Anyone holding it can read the calendar until it is revoked or reissued.' })
  token: string;

  @ApiProperty({ example: '/api/events/feed/3q2-7wF…/calendar.ics', description: 'The feed’s path, to subscribe to from a calendar app' })
  url: string;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;
}
