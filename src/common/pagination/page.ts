import { type Type as ClassType } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { PaginationQueryDto } from './pagination-query.dto.js';

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** The response class of a paginated list: `class UserPageDto extends PageOf(UserResponseDto) {}`. */
export function PageOf<T>(item: ClassType<T>) {
  class PageDto implements Page<T> {
    @ApiProperty({ description: 'Items matching the filters, over all pages', example: 8 })
    count: number;

    @ApiProperty({
      type: String,
      nullable: true,
      description: 'Relative URL of the next page, keeping the filters',
      example: '/api/cases/?limit=5&offset=5',
    })
    next: string | null;

    @ApiProperty({ type: String, nullable: true, description: 'Relative URL of the previous page' })
    previous: string | null;

    @ApiProperty({ type: [item] })
    results: T[];
  }
  return PageDto;
}

function pageUrl(path: string, query: PaginationQueryDto, offset: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === 'offset' || value === undefined || value === null) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  params.set('offset', String(offset));
  return `${path}?${params.toString()}`;
}

/** Wraps one page of results with `next`/`previous` links that keep the caller's filters. */
export function toPage<T>(path: string, query: PaginationQueryDto, count: number, results: T[]): Page<T> {
  const { limit, offset } = query;
  return {
    count,
    next: offset + limit < count ? pageUrl(path, query, offset + limit) : null,
    previous: offset > 0 ? pageUrl(path, query, Math.max(0, offset - limit)) : null,
    results,
  };
}
