import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { LinkTable } from './links.js';

/**
 * Adds, for each link table, a column holding the row's linked ids as a text array, so a page
 * of records and all their links come back in one query (`getRawAndEntities`).
 */
export function selectLinkArrays<T extends ObjectLiteral>(
  builder: SelectQueryBuilder<T>,
  alias: string,
  links: Record<string, LinkTable>,
): SelectQueryBuilder<T> {
  for (const [name, link] of Object.entries(links)) {
    builder.addSelect(
      `ARRAY(SELECT l."${link.target}"::text FROM "${link.table}" l WHERE l."${link.owner}" = ${alias}.id ORDER BY 1)`,
      name,
    );
  }
  return builder;
}

/** Adds the row's tag names (sorted, any case) as a text array column. */
export function selectTagNames<T extends ObjectLiteral>(
  builder: SelectQueryBuilder<T>,
  alias: string,
  link: LinkTable,
  name = 'tag_names',
): SelectQueryBuilder<T> {
  return builder.addSelect(
    `ARRAY(SELECT t.name FROM "${link.table}" l JOIN tags t ON t.id = l."${link.target}"
      WHERE l."${link.owner}" = ${alias}.id ORDER BY lower(t.name))`,
    name,
  );
}

/** Restricts to rows having any of the tag names (compared ignoring case). */
export function whereHasAnyTag<T extends ObjectLiteral>(
  builder: SelectQueryBuilder<T>,
  alias: string,
  link: LinkTable,
  names: readonly string[],
): SelectQueryBuilder<T> {
  return builder.andWhere(
    `EXISTS (SELECT 1 FROM "${link.table}" tag_link JOIN tags tag_filter ON tag_filter.id = tag_link."${link.target}"
      WHERE tag_link."${link.owner}" = ${alias}.id AND lower(tag_filter.name) = ANY(:tagNames))`,
    { tagNames: names.map((name) => name.toLowerCase()) },
  );
}

/** Restricts to rows linked to `id` through `link` (for example, assigned to a user). */
export function whereLinkedTo<T extends ObjectLiteral>(
  builder: SelectQueryBuilder<T>,
  alias: string,
  link: LinkTable,
  id: string,
  parameter: string,
): SelectQueryBuilder<T> {
  return builder.andWhere(
    `EXISTS (SELECT 1 FROM "${link.table}" ${parameter}_link
      WHERE ${parameter}_link."${link.owner}" = ${alias}.id AND ${parameter}_link."${link.target}" = :${parameter})`,
    { [parameter]: id },
  );
}
