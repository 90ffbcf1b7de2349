import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsRFC3339, IsString, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../pagination/pagination-query.dto.js';
import { DEFAULT_SORT, NAME_SORT, type SortColumn, sortValues, TIME_SORTS } from './keyset-pages.js';

const SORT_DESCRIPTION = 'Order of the list, then by id; `-` sorts descending. A cursor continues in the sort it was made for';

/** Paging plus what every record kind's list filters by and continues from (RecordStore.page and totals apply it). */
class RecordListFieldsDto extends PaginationQueryDto {
  @ApiPropertyOptional({
    format: 'date-time',
    example: '2027-01-15T09:30:00Z',
    description: 'Only records changed at or after this instant (RFC 3339), by `updated_on`: what changed since the last sync',
  })
  @IsOptional()
  @IsRFC3339({ message: 'updated_since must be an RFC 3339 date-time, e.g. 2027-01-15T09:30:00Z' })
  updated_since?: string;

  @ApiPropertyOptional({
    maxLength: 1000,
    description:
      'The `next_cursor` of the previous page: the items after it, however deep, with the same filters and sort (else 400 `CURSOR_MISMATCH`). Not combined with `offset`',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}

/** The list fields with a `sort` among `sorts`, each documented as the kind's enum. */
function SortedBy(sorts: Record<string, SortColumn>) {
  class SortedListQueryDto extends RecordListFieldsDto {
    // Checked against the kind's own sorts by its store (KeysetPages), which lists them in its 400.
    @ApiPropertyOptional({ enum: sortValues(sorts), default: DEFAULT_SORT, description: SORT_DESCRIPTION })
    @IsOptional()
    @IsString()
    sort?: string;
  }
  return SortedListQueryDto;
}

/** The list query of every record kind: sorted by when records were created or changed. */
export class RecordListQueryDto extends SortedBy(TIME_SORTS) {}

/** The list query of a kind with a `name`, which it can also be sorted by. */
export class NamedRecordListQueryDto extends SortedBy({ ...TIME_SORTS, ...NAME_SORT }) {}

/** The instant a list query asks for changes since, if it does. */
export const updatedSince = (query: PaginationQueryDto): Date | undefined => {
  const since = (query as RecordListQueryDto).updated_since;
  return since ? new Date(since) : undefined;
};
