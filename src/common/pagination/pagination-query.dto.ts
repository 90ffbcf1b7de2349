import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
/** Deep offsets make the database walk and discard every skipped row: page deeper through filters. */
export const MAX_OFFSET = 10_000;

/** `limit` and `offset` of every list; filters extend this class. */
export class PaginationQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 10, description: 'Page size' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit: number = 10;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_OFFSET,
    default: 0,
    description: `Items to skip, at most ${MAX_OFFSET}; narrow the filters to reach further`,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset: number = 0;
}

/** Fields of a list query that page or order it without narrowing it. */
const PAGING_FIELDS = new Set(['limit', 'offset', 'cursor', 'sort']);

/** Whether a list query only pages: every field but those that page or sort is absent (an empty one still filters). */
export function filtersNothing(query: object): boolean {
  return Object.entries(query).every(([key, value]) => PAGING_FIELDS.has(key) || value === undefined || value === null);
}
