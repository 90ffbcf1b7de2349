import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { HistoryActorDto, HistoryChangeDto } from './history-entry.dto.js';

export const MAX_FEED_PAGE = 1_000;

/** `types=lead.*,account.updated` or `types=lead.*&types=account.updated`. */
const commaList = ({ value }: { value: unknown }) =>
  value === undefined ? undefined : (Array.isArray(value) ? value : [value]).flatMap((item) => String(item).split(',')).map((item) => item.trim()).filter(Boolean);

export class ChangeFeedQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    format: 'int64',
    minimum: 0,
    default: 0,
    description: 'The `seq` of the last event already read (`next_after` of the previous page); 0 for the oldest kept',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'after must be an integer: the seq of the last event read' })
  @Min(0)
  after: number = 0;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 50,
    example: ['lead.*', 'account.updated'],
    description: 'Only events of these types: a type (`lead.created`), a group (`lead.*`), or `*`; comma-separated or repeated',
  })
  @IsOptional()
  @Transform(commaList)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  types?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_FEED_PAGE, default: 100, description: 'Events per page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_FEED_PAGE)
  limit: number = 100;
}

export class ChangeRecordDto {
  @ApiProperty({ example: 'lead', description: 'The record kind (`account`, `lead`, `case`, `contact`, `opportunity`, `task`, `event`, `document`, `invoice`)' })
  kind: string;

  @ApiProperty({ format: 'uuid' })
  id: string;
}

export class ChangeEventDto {
  @ApiProperty({ type: 'integer', format: 'int64', example: 42, description: 'Position in the organization’s feed: strictly increasing in commit order, without gaps' })
  seq: number;

  @ApiProperty({ format: 'uuid', description: 'The event’s id: the `webhook-id` of its deliveries' })
  id: string;

  @ApiProperty({ example: 'lead.updated', description: '`<kind>.created|updated|deleted`, `lead.converted`, `invoice.sent|payment_added|paid|cancelled`, `comment.created|deleted`, `attachment.created|deleted`' })
  type: string;

  @ApiProperty({ type: String, format: 'date-time', description: 'When the writing transaction began' })
  occurred_at: string;

  @ApiProperty({ format: 'uuid', description: 'The organization' })
  org: string;

  @ApiProperty({ type: HistoryActorDto })
  actor: HistoryActorDto;

  @ApiProperty({ type: String, nullable: true, description: 'The x-request-id of the request that wrote; null for scheduled work' })
  request_id: string | null;

  @ApiProperty({ type: ChangeRecordDto, description: 'The record changed (for comment and attachment events, the record they are on)' })
  record: ChangeRecordDto;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The record as its kind’s item (what create and update answer) when the change committed; null once deleted, and past the first 1,000 records of one transaction',
  })
  data: Record<string, unknown> | null;

  @ApiProperty({ type: [HistoryChangeDto], description: 'The fields the change set, from and to, as in the record’s history' })
  changes: HistoryChangeDto[];
}

export class ChangeFeedPageDto {
  @ApiProperty({ type: [ChangeEventDto], description: 'Events after `after`, oldest first' })
  results: ChangeEventDto[];

  @ApiProperty({ type: 'integer', format: 'int64', description: 'Send as `after` for the next page: the last event’s seq, or `after` when there was none' })
  next_after: number;

  @ApiProperty({ description: 'Whether more events follow now (else poll again later)' })
  has_more: boolean;
}
