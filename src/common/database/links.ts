import type { EntityManager } from 'typeorm';

/**
 * A many-to-many join table (`account_assignees (account_id, user_id)`, ...). Table and column
 * names come from code, never from requests.
 */
export interface LinkTable {
  table: string;
  owner: string;
  target: string;
}

/**
 * Replaces the owner's links with exactly `ids` (an absent list leaves them alone), in one
 * statement that removes only the links no longer wanted and adds only the new ones. A `fresh`
 * owner (inserted in this transaction) has none to remove.
 */
export async function replaceLinks(
  manager: EntityManager,
  link: LinkTable,
  ownerId: string,
  ids: readonly string[] | undefined,
  { fresh = false }: { fresh?: boolean } = {},
): Promise<void> {
  if (ids === undefined || (fresh && ids.length === 0)) return;
  const insert = `INSERT INTO "${link.table}" ("${link.owner}", "${link.target}") SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`;
  const unique = [...new Set(ids)];
  if (fresh) {
    await manager.query(insert, [ownerId, unique]);
    return;
  }
  // The DELETE and the INSERT see the same snapshot: kept links conflict and stay, dropped ones go.
  await manager.query(`WITH dropped AS (DELETE FROM "${link.table}" WHERE "${link.owner}" = $1 AND NOT ("${link.target}" = ANY($2::uuid[]))) ${insert}`, [ownerId, unique]);
}

/** Target ids per owner for a whole page of owners, in one query. */
export async function loadLinks(
  manager: EntityManager,
  link: LinkTable,
  ownerIds: readonly string[],
): Promise<Map<string, string[]>> {
  const byOwner = new Map<string, string[]>(ownerIds.map((id) => [id, []]));
  if (ownerIds.length === 0) return byOwner;
  const rows: { owner: string; target: string }[] = await manager.query(
    `SELECT "${link.owner}" AS owner, "${link.target}" AS target FROM "${link.table}"
     WHERE "${link.owner}" = ANY($1::uuid[]) ORDER BY "${link.target}"`,
    [[...ownerIds]],
  );
  for (const row of rows) byOwner.get(row.owner)?.push(row.target);
  return byOwner;
}
