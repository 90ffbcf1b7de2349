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

/** A page of a list that also pages by cursor: `next_cursor` continues after its last item. */
export interface CursorPage<T> extends Page<T> {
  next_cursor: string | null;
}

/** The response class of a list that pages by offset and by cursor. */
export function CursorPageOf<T>(item: ClassType<T>) {
  class CursorPageDto extends PageOf(item) implements CursorPage<T> {
    @ApiProperty({
      type: String,
      nullable: true,
      description: 'Send as `cursor` (same filters and sort) for the items after these; null when none follow. Never expires, never skips or repeats an item that exists throughout',
      example: 'eyJiIjoi...Ig.Qm9v...',
    })
    next_cursor: string | null;
  }
  return CursorPageDto;
}

/** The next cursor of one half of a list answered in two (`open_accounts_next_cursor`). */
export const HalfCursorProperty = (half: string): PropertyDecorator =>
  ApiProperty({
    type: String,
    nullable: true,
    description: `Send as \`cursor\` (same filters and sort) for the ${half} after this page, and that half alone; null when none follow`,
  });

function pageUrl(path: string, query: PaginationQueryDto, at: { offset: number } | { cursor: string }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key === 'offset' || key === 'cursor' || value === undefined || value === null) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  if ('offset' in at) params.set('offset', String(at.offset));
  else params.set('cursor', at.cursor);
  return `${path}?${params.toString()}`;
}

/** Wraps one page of results with `next`/`previous` links that keep the caller's filters. */
export function toPage<T>(path: string, query: PaginationQueryDto, count: number, results: T[]): Page<T> {
  const { limit, offset } = query;
  return {
    count,
    next: offset + limit < count ? pageUrl(path, query, { offset: offset + limit }) : null,
    previous: offset > 0 ? pageUrl(path, query, { offset: Math.max(0, offset - limit) }) : null,
    results,
  };
}

/**
 * A page with its next cursor. Paged by cursor, `next` carries the cursor and `previous` is null
 * (cursors run one way); paged by offset, both stay offset links as toPage makes them.
 */
export function toCursorPage<T>(path: string, query: PaginationQueryDto, count: number, page: { results: T[]; next_cursor: string | null }): CursorPage<T> {
  const { results, next_cursor } = page;
  if ((query as { cursor?: string }).cursor === undefined) return { ...toPage(path, query, count, results), next_cursor };
  return { count, next: next_cursor ? pageUrl(path, query, { cursor: next_cursor }) : null, previous: null, next_cursor, results };
}
