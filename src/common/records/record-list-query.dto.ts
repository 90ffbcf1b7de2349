import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsRFC3339 } from 'class-validator';
import { PaginationQueryDto } from '../pagination/pagination-query.dto.js';

/** Paging plus what every record kind's list filters by (RecordStore.page and totals apply it). */
export class RecordListQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    example: '2027-01-15T09:30:00Z',
    description: 'Only records changed at or after this instant (RFC 3339), by `updated_on`: what changed since the last sync',
  })
  @IsOptional()
  @IsRFC3339({ message: 'updated_since must be an RFC 3339 date-time, e.g. 2027-01-15T09:30:00Z' })
  updated_since?: string;
}

/** The instant a list query asks for changes since, if it does. */
export const updatedSince = (query: PaginationQueryDto): Date | undefined => {
  const since = (query as RecordListQueryDto).updated_since;
  return since ? new Date(since) : undefined;
};
