import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
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
  /**
   * How many rows there are in all, when `query` answers a first page of them: a query of one
   * integer column (a count, or a sum of kept totals). Without it, a bounded list counts `query`.
   */
  total?: SelectQueryBuilder<ObjectLiteral>;
  /** Columns of `query` (numerics, bigints) to carry as text, as the driver reads them, rather than as JSON numbers. */
  textColumns?: readonly string[];
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
  for (const [expression, name] of embeddedColumns(embeds, (parameters) => mergeParameters(builder, parameters))) builder.addSelect(expression, name);
  return reader(embeds);
}

/**
 * The embedded queries as the columns of one statement of their own, with no row to hang from
 * (an overview of several kinds): one round trip however many modules contribute to it.
 */
export async function selectEmbedded<E extends EmbeddedRowsMap>(manager: EntityManager, embeds: E): Promise<EmbeddedLists<E>> {
  const parameters: ObjectLiteral = {};
  const columns = embeddedColumns(embeds, (more) => mergeInto(parameters, more));
  const text = `SELECT ${columns.map(([expression, name]) => `${expression} AS "${name}"`).join(', ')}`;
  const [sql, values] = manager.connection.driver.escapeQueryWithParameters(text, parameters);
  const [raw] = (await manager.query(sql, values)) as Record<string, unknown>[];
  return reader(embeds)(raw);
}

/** Each embed's select expressions and their names; `parameters` receives what each query binds. */
function embeddedColumns(embeds: EmbeddedRowsMap, parameters: (values: ObjectLiteral) => void): [string, string][] {
  const columns: [string, string][] = [];
  for (const [key, { query, bounded, total: counted, textColumns }] of Object.entries(embeds)) {
    const rows = bounded ? query.clone().limit(SIDE_LIST_LIMIT) : query;
    // A sorted subquery feeds json_agg in its order (PostgreSQL keeps it for a plain FROM subquery).
    columns.push([`(SELECT coalesce(json_agg(${jsonRow('embedded', textColumns)}), '[]'::json) FROM (${statementText(rows)}) embedded)`, column(key)]);
    parameters(rows.getParameters());
    if (counted) {
      columns.push([`(${statementText(counted)})`, total(key)]);
      parameters(counted.getParameters());
    } else if (bounded) {
      // Counted apart rather than by a window over the rows: the first rows then come from an index
      // in their order, and the count from an index-only scan, instead of sorting every row.
      columns.push([`(SELECT count(*) FROM (${statementText(query.clone().orderBy())}) counted)::int`, total(key)]);
    }
  }
  return columns;
}

/** A row as JSON, with `textColumns` as their text (to_jsonb would write numerics as numbers and lose their scale). */
function jsonRow(alias: string, textColumns: readonly string[] = []): string {
  if (textColumns.length === 0) return alias;
  return `to_jsonb(${alias}) || jsonb_build_object(${textColumns.map((name) => `'${name}', ${alias}."${name}"::text`).join(', ')})`;
}

function reader<E extends EmbeddedRowsMap>(embeds: E): (raw: Record<string, unknown>) => EmbeddedLists<E> {
  return (raw) => {
    const lists = Object.entries(embeds).map(([key, { read, bounded, total: counted }]) => {
      const rows = (raw[column(key)] ?? []) as Record<string, unknown>[];
      const count = bounded || counted ? Number(raw[total(key)] ?? 0) : rows.length;
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
  mergeInto(builder.getParameters(), parameters);
  builder.setParameters(parameters);
}

function mergeInto(mine: ObjectLiteral, parameters: ObjectLiteral): void {
  for (const [name, value] of Object.entries(parameters)) {
    if (name in mine && mine[name] !== value) throw new Error(`Embedded query parameter :${name} differs from the owner's`);
    mine[name] = value;
  }
}
