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
  /** Routes on one record beyond CRUD (`send`, `pdf`), each tried by every caller on a fresh record. */
  actions?: MatrixAction[];
  /** What a refused action must leave as it was; the whole detail unless parts change on their own (mail being delivered). */
  state?(detail: Item): unknown;
}

export interface MatrixAction {
  /** The path after the record's: `send`, `pdf`. */
  name: string;
  method: 'GET' | 'POST';
  body?: unknown;
  /** What the record's ADMIN, creator and assignee get. */
  allowed: number;
  /** Puts the fresh record in a state where the action applies (sends an invoice before a payment). */
  prepare?(item: Item): Promise<void>;
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

    const actions = (kind.actions ?? []).flatMap((action) => WHO.map((who, i) => [action.name, who, i, action] as const));
    if (actions.length === 0) return;
    it.each(actions)('%s as %s', async (_, who, i, action) => {
      const { t, cast } = context();
      const item = await kind.seed();
      await action.prepare?.(item);
      const url = `/api/${kind.path}/${item.id}/`;
      const state = async () => (kind.state ?? ((detail: Item) => detail))((await t.api.get(url, as(cast, 'admin'))).body);
      const before = await state();
      const caller = as(cast, who);
      const res = action.method === 'GET' ? await t.api.get(`${url}${action.name}/`, caller) : await t.api.post(`${url}${action.name}/`, action.body ?? {}, caller);
      const allowed = EXPECTED.get[i] === 200;
      expect(res.status).toBe(allowed ? action.allowed : 404);
      if (!allowed) expect(await state()).toEqual(before);
    });
  });
}
