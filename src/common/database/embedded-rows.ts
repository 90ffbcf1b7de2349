import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { statementText } from './statement-texts.js';
import { SIDE_LIST_LIMIT, type SideList } from '../pagination/side-list.js';

/**
 * Rows another module shows inside a record's detail (an account's newest cases, a lead's contacts
 * by name). The module that owns them builds the query; the record's own statement carries it as a
 * JSON column, so a detail costs one statement however many modules contribute to it.
 */
export interface EmbeddedRows<R> {
  /**
   * Selects the shown columns under their JSON names, in the order to show. It names the owning
   * row by its alias (`account.id`), so it is correlated to that row.
   */
  query: SelectQueryBuilder<ObjectLiteral>;
  /** One JSON row as its response item: timestamps arrive as strings, numerics should be cast to text. */
  read: (row: Record<string, unknown>) => R;
  /** Carries only the first SIDE_LIST_LIMIT rows and their total (related lists); otherwise all of them. */
  bounded?: boolean;
}

export type EmbeddedRowsMap = Record<string, EmbeddedRows<unknown>>;

export type EmbeddedLists<E extends EmbeddedRowsMap> = { [K in keyof E]: E[K] extends EmbeddedRows<infer R> ? SideList<R> : never };

/** Prefixed: the owner's own columns include link arrays by the same names (`contacts`). */
const column = (key: string) => `embedded_${key}`;
const total = (key: string) => `embedded_${key}_total`;

/**
 * Adds each embedded query to `builder` as a JSON array column, and answers
 * how to read them back from a raw row.
 */
export function embedRows<T extends ObjectLiteral, E extends EmbeddedRowsMap>(
  builder: SelectQueryBuilder<T>,
  embeds: E,
): (raw: Record<string, unknown>) => EmbeddedLists<E> {
  for (const [key, { query, bounded }] of Object.entries(embeds)) {
    const rows = bounded ? query.clone().limit(SIDE_LIST_LIMIT) : query;
    // A sorted subquery feeds json_agg in its order (PostgreSQL keeps it for a plain FROM subquery).
    builder.addSelect(`(SELECT coalesce(json_agg(embedded), '[]'::json) FROM (${statementText(rows)}) embedded)`, column(key));
    // Counted apart rather than by a window over the rows: the first rows then come from an index
    // in their order, and the count from an index-only scan, instead of sorting every row.
    if (bounded) builder.addSelect(`(SELECT count(*) FROM (${statementText(query.clone().orderBy())}) counted)::int`, total(key));
    mergeParameters(builder, rows.getParameters());
  }
  return (raw) => {
    const lists = Object.entries(embeds).map(([key, { read, bounded }]) => {
      const rows = (raw[column(key)] ?? []) as Record<string, unknown>[];
      const count = bounded ? Number(raw[total(key)] ?? 0) : rows.length;
      return [key, { results: rows.map(read), count }];
    });
    return Object.fromEntries(lists) as EmbeddedLists<E>;
  };
}

/**
 * Embeds the builder's rows as their entity: `properties` are selected under their own names (numerics
 * as text, as the driver would give them) and read back with timestamps as Dates, so the owning
 * module's mapper turns them into items as it does for its own queries.
 */
export function embeddedEntities<T extends ObjectLiteral, R>(
  builder: SelectQueryBuilder<T>,
  properties: readonly (keyof T & string)[],
  toItem: (row: T) => R,
  bounded = false,
): EmbeddedRows<R> {
  const { metadata, name: alias } = builder.expressionMap.mainAlias!;
  const dates: string[] = [];
  builder.select([]);
  for (const property of properties) {
    const column = metadata.findColumnWithPropertyPath(property);
    if (!column) throw new Error(`${metadata.name} has no column ${property}`);
    if (column.type === 'timestamptz') dates.push(property);
    const text = column.type === 'numeric' || column.type === 'bigint';
    builder.addSelect(text ? `CAST(${alias}.${property} AS text)` : `${alias}.${property}`, property);
  }
  const read = (row: Record<string, unknown>) => {
    for (const property of dates) if (row[property] !== null) row[property] = new Date(row[property] as string);
    return toItem(row as T);
  };
  return { query: builder as SelectQueryBuilder<ObjectLiteral>, read, bounded };
}

/** Both queries come from one request, so a shared parameter name must carry the same value. */
function mergeParameters(builder: SelectQueryBuilder<ObjectLiteral>, parameters: ObjectLiteral): void {
  const mine = builder.getParameters();
  for (const [name, value] of Object.entries(parameters)) {
    if (name in mine && mine[name] !== value) throw new Error(`Embedded query parameter :${name} differs from the owner's`);
  }
  builder.setParameters(parameters);
}
