import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ValidationFailedError } from '../errors/app-error.js';
import { ListCursors, type ReadCursor } from '../pagination/list-cursors.js';
import type { PaginationQueryDto } from '../pagination/pagination-query.dto.js';

/** A column a list can be sorted by, under its API name (`created_on`). */
export interface SortColumn {
  /** The entity property (`createdOn`), for ORDER BY. */
  property: string;
  /** The table column (`created_on`), for the keyset comparison and the cursor's key. */
  column: string;
  /** What the cursor's printed key is cast back to. */
  type: 'timestamptz' | 'text';
}

/** Every record kind sorts by these; `-` before a name sorts descending. */
export const TIME_SORTS: Record<string, SortColumn> = {
  created_on: { property: 'createdOn', column: 'created_on', type: 'timestamptz' },
  updated_on: { property: 'updatedOn', column: 'updated_on', type: 'timestamptz' },
};

/** For a kind with a `name`. */
export const NAME_SORT: Record<string, SortColumn> = { name: { property: 'name', column: 'name', type: 'text' } };

export const DEFAULT_SORT = '-created_on';

/** The sort values a kind offers (for its query DTO's OpenAPI enum and its 400). */
export const sortValues = (sorts: Record<string, SortColumn>): string[] => Object.keys(sorts).flatMap((name) => [name, `-${name}`]);

/** What a list query adds to paging for keysets (RecordListQueryDto holds them). */
interface KeysetQuery {
  sort?: string;
  cursor?: string;
}

/** The raw column a keyset page selects beside each row: its sort key as PostgreSQL prints it. */
export interface CursorKey {
  cursor_key: string;
}

const QUERY_ONLY = new Set(['limit', 'offset', 'cursor', 'sort']);

/**
 * Keyset paging of one kind's lists: ordered by the sort key then id, a cursor continues strictly
 * after the last row it saw, so rows inserted or deleted meanwhile neither repeat nor push others
 * out of reach, at any depth. The key is carried as PostgreSQL prints it (timestamps keep their
 * microseconds, which a JavaScript Date would drop) and compared back in SQL.
 */
export class KeysetPages {
  constructor(
    private readonly list: string,
    private readonly alias: string,
    private readonly sorts: Record<string, SortColumn>,
    private readonly cursors: ListCursors,
  ) {}

  /** The half a query's cursor pages, of a list answered in halves (`open`/`closed`); undefined without a cursor. */
  halfOf(query: PaginationQueryDto, halves: readonly string[]): string | undefined {
    const cursor = this.read(query);
    if (!cursor) return undefined;
    if (!cursor.half || !halves.includes(cursor.half)) throw new ValidationFailedError({ cursor: ['was made for another list'] });
    return cursor.half;
  }

  /** The builder ordered by the query's sort, after its cursor (or at its offset), one row past the page to tell whether another follows. */
  apply<T extends ObjectLiteral>(builder: SelectQueryBuilder<T>, query: PaginationQueryDto, half?: string): SelectQueryBuilder<T> {
    const { column, descending } = this.sortOf(query);
    const key = `"${this.alias}"."${column.column}"`;
    const id = `"${this.alias}"."id"`;
    const cursor = this.read(query);
    if (cursor) {
      if ((cursor.half ?? undefined) !== half) throw new ValidationFailedError({ cursor: ['was made for another list'] });
      builder.andWhere(`(${key}, ${id}) ${descending ? '<' : '>'} (CAST(:cursorKey AS ${column.type}), CAST(:cursorId AS uuid))`, {
        cursorKey: cursor.key,
        cursorId: cursor.id,
      });
    }
    const direction = descending ? 'DESC' : 'ASC';
    return builder
      .addSelect(`${key}::text`, 'cursor_key')
      .orderBy(`${this.alias}.${column.property}`, direction)
      .addOrderBy(`${this.alias}.id`, direction)
      .offset(cursor ? undefined : query.offset)
      .limit(query.limit + 1);
  }

  /** The page's rows (the look-ahead row dropped) and the cursor after the last, or null when none follows. */
  page<R>(rows: R[], raw: (row: R) => CursorKey & { id: string }, query: PaginationQueryDto, half?: string): { rows: R[]; next_cursor: string | null } {
    if (rows.length <= query.limit) return { rows, next_cursor: null };
    const kept = rows.slice(0, query.limit);
    const last = raw(kept[kept.length - 1]);
    return { rows: kept, next_cursor: this.cursors.issue(this.binding(query), { key: last.cursor_key, id: last.id }, half) };
  }

  private sortOf(query: PaginationQueryDto): { name: string; column: SortColumn; descending: boolean } {
    const name = (query as KeysetQuery).sort ?? DEFAULT_SORT;
    const descending = name.startsWith('-');
    const column = this.sorts[descending ? name.slice(1) : name];
    if (!column) throw new ValidationFailedError({ sort: [`must be one of: ${sortValues(this.sorts).join(', ')}`] });
    return { name, column, descending };
  }

  private read(query: PaginationQueryDto): ReadCursor | undefined {
    const token = (query as KeysetQuery).cursor;
    if (token === undefined) return undefined;
    if (query.offset > 0) throw new ValidationFailedError({ offset: ['cannot be combined with cursor: a cursor already says where the page starts'] });
    return this.cursors.read(token, this.binding(query));
  }

  private binding(query: PaginationQueryDto): string {
    const filters = Object.fromEntries(Object.entries(query).filter(([name]) => !QUERY_ONLY.has(name)));
    return ListCursors.binding(this.list, this.sortOf(query).name, filters);
  }
}
