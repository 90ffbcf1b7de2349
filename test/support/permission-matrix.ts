import { as, type Cast } from './cast.js';
import type { TestApp } from './test-app.js';

type Item = { id: string; [field: string]: unknown };

export interface MatrixKind {
  /** The collection's path segment: `tasks`. */
  path: string;
  /** Makes a record created by the cast's creator and assigned to its assignee. */
  seed(): Promise<Item>;
  /** A list query that finds only `item`: `title=...`. */
  only(item: Item): string;
  /** An update every allowed caller may make, with values the seed does not have. */
  change: Record<string, unknown>;
}

const WHO = ['admin', 'creator', 'assignee', 'other', 'outsider'] as const;
const EXPECTED = {
  listed: [1, 1, 1, 0, 0],
  get: [200, 200, 200, 404, 404],
  put: [200, 200, 200, 404, 404],
  delete: [204, 204, 403, 404, 404],
};

/**
 * The contract's visibility rule for a record kind, caller by caller: an ADMIN and the record's
 * creator and assignees see and change it, only the creator or an ADMIN deletes it, anyone else in
 * the organization gets 404, as does everyone of another organization; refused writes change nothing.
 */
export function describePermissionMatrix(context: () => { t: TestApp; cast: Cast }, kind: MatrixKind): void {
  describe('permission matrix', () => {
    it.each(WHO.map((who, i) => [who, i] as const))('as %s', async (who, i) => {
      const { t, cast } = context();
      const item = await kind.seed();
      const url = `/api/${kind.path}/${item.id}/`;
      expect((await t.api.get(`/api/${kind.path}/?${kind.only(item)}`, as(cast, who))).body.count).toBe(EXPECTED.listed[i]);
      expect((await t.api.get(url, as(cast, who))).status).toBe(EXPECTED.get[i]);

      expect((await t.api.put(url, kind.change, as(cast, who))).status).toBe(EXPECTED.put[i]);
      const after = (await t.api.get(url, as(cast, 'admin'))).body;
      const kept = EXPECTED.put[i] === 200 ? kind.change : Object.fromEntries(Object.keys(kind.change).map((field) => [field, item[field]]));
      expect(after).toMatchObject(kept);

      expect((await t.api.delete(url, as(cast, who))).status).toBe(EXPECTED.delete[i]);
      expect((await t.api.get(url, as(cast, 'admin'))).status).toBe(EXPECTED.delete[i] === 204 ? 404 : 200);
    });
  });
}
