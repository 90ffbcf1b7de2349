import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * TypeORM writes a statement's text anew on every execution: the select list from the entity's
 * metadata, then a rewrite of property names over the whole text (embedded subqueries included).
 * For a page of accounts that was an eighth of the API's CPU per request, for text that only
 * depends on the request's shape: which filters it has, the caller's role, the page bounds.
 * Here the text is written once per shape and reused; parameters are still bound per request.
 *
 * The shape is every part of the query expression that the text is written from, except the
 * parameter values; a query using any part not listed (locks, CTEs, relation ids) is not cached.
 */
const cache = new Map<string, string>();
/**
 * Shapes come from code paths and the page bounds a client picks (the offset is part of the text),
 * so a client walking through offsets must not grow the process: the oldest shapes are dropped
 * past 2,000 of them or 8 million characters (shape and text), whichever comes first.
 */
const MAX_SHAPES = 2_000;
const MAX_CHARS = 8_000_000;
let chars = 0;

/** When set (the test suite), every reuse is checked against TypeORM's own text, so a shape that misses a part fails loudly. */
let verifying = false;

export function verifyStatementTexts(on: boolean): void {
  verifying = on;
}

/** The builder's text, as getQuery() would write it. */
export function statementText<T extends ObjectLiteral>(builder: SelectQueryBuilder<T>): string {
  const shape = shapeOf(builder);
  if (shape === undefined) return builder.getQuery();
  const known = cache.get(shape);
  if (known !== undefined) {
    if (verifying && known !== builder.getQuery()) throw new Error(`Statement text cache: shape does not determine the text:\n${shape}`);
    return known;
  }
  const text = builder.getQuery();
  remember(shape, text);
  return text;
}

function remember(shape: string, text: string): void {
  cache.set(shape, text);
  chars += shape.length + text.length;
  for (const [oldest, oldText] of cache) {
    if (cache.size <= MAX_SHAPES && chars <= MAX_CHARS) break;
    cache.delete(oldest);
    chars -= oldest.length + oldText.length;
  }
}

/** How many shapes are remembered and their size in characters (for the bound's test). */
export function statementTextCacheSize(): { shapes: number; chars: number } {
  return { shapes: cache.size, chars };
}

/**
 * The builder, set to run its shape's text (TypeORM's getRawMany, getRawOne and the like read
 * getQuery). Run it as it stands: changed afterwards, it would still run this text.
 */
export function withStatementText<T extends ObjectLiteral>(builder: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  const text = statementText(builder);
  builder.getQuery = () => text;
  return builder;
}

function shapeOf<T extends ObjectLiteral>(builder: SelectQueryBuilder<T>): string | undefined {
  const map = builder.expressionMap;
  const main = map.mainAlias;
  if (map.queryType !== 'select' || !main?.hasMetadata || !isPlain(map as SelectQueryBuilder<ObjectLiteral>['expressionMap'])) return undefined;
  return JSON.stringify([
    main.name,
    main.metadata.tableName,
    map.aliases.map((alias) => [alias.type, alias.name, alias.hasMetadata ? alias.metadata.tableName : alias.tablePath]),
    map.selects,
    map.selectDistinct,
    map.selectDistinctOn,
    map.joinAttributes.map((join) => [join.direction, joined(join.entityOrProperty), join.alias.name, join.condition, join.mapToProperty, join.isMappingMany]),
    map.wheres,
    map.havings,
    map.orderBys,
    map.groupBys,
    map.limit,
    map.offset,
    map.skip,
    map.take,
    map.withDeleted,
    map.subQuery,
    map.aliasNamePrefixingEnabled,
    map.comment,
  ]);
}

/** No part of the expression that the shape does not cover. */
function isPlain(map: SelectQueryBuilder<ObjectLiteral>['expressionMap']): boolean {
  return (
    map.commonTableExpressions.length === 0 &&
    map.relationIdAttributes.length === 0 &&
    map.lockMode === undefined &&
    map.lockTables === undefined &&
    map.useIndex === undefined &&
    !map.timeTravel &&
    // TypeORM's name for "names are quoted" (its default).
    map.disableEscaping &&
    !map.extraAppendedAndWhereCondition &&
    !map.cache &&
    map.joinAttributes.every((join) => joined(join.entityOrProperty) !== undefined)
  );
}

/** A join's target: a relation path or table name, or an entity class (by name). */
function joined(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  return typeof target === 'function' ? `class ${target.name}` : undefined;
}
