import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * How many entries a side list carries (the organization's contacts, users, teams or tags beside a
 * page of accounts or leads, the members a detail offers to mention). Their own paged routes serve
 * the rest; the total is answered beside each list.
 */
export const SIDE_LIST_LIMIT = 100;

export interface SideList<T> {
  results: T[];
  count: number;
}

/** The first SIDE_LIST_LIMIT rows of `builder` (already ordered) and how many there are, in one statement. */
export async function sideList<T extends ObjectLiteral>(builder: SelectQueryBuilder<T>): Promise<SideList<T>> {
  // A window count: the total rides along on every row returned, so the list costs one statement.
  const { entities, raw } = await builder.addSelect('count(*) OVER ()', 'side_list_total').limit(SIDE_LIST_LIMIT).getRawAndEntities<{ side_list_total: string }>();
  return { results: entities, count: raw.length ? Number(raw[0].side_list_total) : 0 };
}
