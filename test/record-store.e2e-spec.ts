import { DataSource } from 'typeorm';
import type { OrgPrincipal } from '../src/common/auth/principal.js';
import { Db } from '../src/common/database/transactions.js';
import { WriteActors } from '../src/common/database/write-actors.js';
import { rowHydrator } from '../src/common/database/row-hydrator.js';
import { statementText } from '../src/common/database/statement-texts.js';
import { PreconditionFailedError, RecordRevisions, type RevisionSubject } from '../src/common/records/record-revisions.js';
import type { RecordStore } from '../src/common/records/record-store.js';
import { RecordStores } from '../src/common/records/record-store.js';
import { ASSIGNEES_AND_TEAMS } from '../src/common/records/standard-links.js';
import { CONTACT_KIND } from '../src/modules/contacts/contact.kind.js';
import { Contact } from '../src/modules/contacts/contact.entity.js';
import { MembersService } from '../src/modules/users/members.service.js';
import { type Cast, createCast } from './support/cast.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The record store against the database, without HTTP: what it reads and writes, and the parts
 * that lean on TypeORM internals (statement texts, row hydration), so an upgrade that changes
 * them fails here first, in one file.
 */
describe('RecordStore, at the database', () => {
  let t: TestApp;
  let cast: Cast;
  let store: RecordStore<Contact>;
  let creator: OrgPrincipal;
  let admin: OrgPrincipal;
  let other: OrgPrincipal;

  const principal = async (userId: string): Promise<OrgPrincipal> => {
    const membership = await t.app.get(MembersService).findActiveMembership(userId, cast.orgId);
    return { userId, orgId: cast.orgId, ...membership! };
  };
  const columns = (lastName: string) => ({ firstName: 'Ada', lastName, primaryEmail: `${lastName.toLowerCase()}@acme.example`, address: { city: 'Leeds' } });
  const insert = (who: OrgPrincipal, lastName: string, links = { assigned_to: [] as string[], teams: [] as string[] }) =>
    t.app.get(Db).withTransaction(() => store.insert(who, columns(lastName), links));
  const subject = (id: string, ifMatch?: string): RevisionSubject => ({
    kind: CONTACT_KIND.kind,
    id,
    creating: false,
    checked: false,
    ...(ifMatch ? { ifMatch: { strong: [ifMatch], weak: [] } } : {}),
  });

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
    store = t.app.get(RecordStores).for({ kind: CONTACT_KIND, entity: Contact, alias: 'contact', links: ASSIGNEES_AND_TEAMS, assignees: 'assigned_to' });
    [creator, admin, other] = await Promise.all([principal(cast.creator.userId), principal(cast.admin.userId), principal(cast.other.userId)]);
  });
  afterAll(() => t.close());

  it('reads a record with its links in one row, hydrated as TypeORM would, embedded address included', async () => {
    const id = await insert(creator, 'Hydrated', { assigned_to: [cast.assignee.userId], teams: [] });
    const [[record, links]] = await store.withLinks<{ assigned_to: string[]; teams: string[] }>(store.byId(store.visible(creator), id));
    const typeorm = await t.app.get(DataSource).getRepository(Contact).findOneByOrFail({ id });
    expect(record).toEqual({ ...typeorm });
    expect(record.address.city).toBe('Leeds');
    expect(record.createdOn).toBeInstanceOf(Date);
    expect(links).toMatchObject({ assigned_to: [cast.assignee.userId], teams: [] });
  });

  it('hydrates nulls and absent columns as TypeORM does', () => {
    const hydrate = rowHydrator(t.app.get(DataSource), Contact, 'contact');
    const row = hydrate({ contact_id: 'x', contact_created_by: null, contact_updated_by: null, contact_city: null, contact_revision: 3 });
    expect(row).toMatchObject({ id: 'x', createdBy: null, updatedBy: null, revision: 3 });
    expect(row.address.city).toBeNull();
  });

  it('writes the same statement text as TypeORM for every shape it caches, whatever the values', async () => {
    const first = store.page(store.visible(creator), { limit: 10, offset: 0 });
    const sameShape = store.page(store.visible(other), { limit: 10, offset: 0 });
    const otherPage = store.page(store.visible(other), { limit: 25, offset: 5 });
    expect(statementText(first)).toBe(first.getQuery());
    // Another caller's page of the same size reuses the text (their ids are parameters)...
    expect(statementText(sameShape)).toBe(statementText(first));
    expect(sameShape.getParameters()).not.toEqual(first.getParameters());
    // ...and a page of another size, whose LIMIT and OFFSET TypeORM writes into the text, has its own.
    expect(statementText(otherPage)).toBe(otherPage.getQuery());
    expect(statementText(otherPage)).not.toBe(statementText(first));
  });

  it('shows a USER only what they created or are assigned to, and an ADMIN everything', async () => {
    const id = await insert(creator, 'Visible');
    expect(await Promise.all([store.canSee(creator, id), store.canSee(admin, id), store.canSee(other, id)])).toEqual([true, true, false]);
    await expect(store.load(other, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('moves the revision on with every write, links included, and records who wrote', async () => {
    const id = await insert(creator, 'Revised');
    const db = t.app.get(Db);
    await db.withTransaction(() => store.update(admin, id, { lastName: 'Revised again' }, {}));
    await db.withTransaction(() => store.update(creator, id, {}, { assigned_to: [cast.assignee.userId] }));
    const row = await t.app.get(DataSource).getRepository(Contact).findOneByOrFail({ id });
    expect([row.revision, row.updatedBy, row.lastName]).toEqual([3, cast.creator.userId, 'Revised again']);
    expect(row.updatedOn.getTime()).toBeGreaterThanOrEqual(row.createdOn.getTime());
  });

  it('replaces links with exactly the list sent: keeps the ones still named, drops the rest, dedupes', async () => {
    const db = t.app.get(Db);
    const linked = async (id: string) => (await store.withLinks<{ assigned_to: string[] }>(store.byId(store.visible(admin), id)))[0][1].assigned_to.sort();
    const id = await insert(creator, 'Linked', { assigned_to: [cast.assignee.userId, cast.other.userId, cast.other.userId], teams: [] });
    expect(await linked(id)).toEqual([cast.assignee.userId, cast.other.userId].sort());
    await db.withTransaction(() => store.update(admin, id, {}, { assigned_to: [cast.other.userId, cast.admin.userId] }));
    expect(await linked(id)).toEqual([cast.other.userId, cast.admin.userId].sort());
    await db.withTransaction(() => store.update(admin, id, {}, { assigned_to: [] }));
    expect(await linked(id)).toEqual([]);
  });

  it('writes under If-Match only at the revision first read, and says which one is current', async () => {
    const id = await insert(creator, 'Conditional');
    const db = t.app.get(Db);
    const stale = RecordRevisions.run(subject(id, '"0"'), () => db.withTransaction(() => store.load(creator, id)));
    await expect(stale).rejects.toBeInstanceOf(PreconditionFailedError);
    const current = subject(id, '"1"');
    await RecordRevisions.run(current, () =>
      db.withTransaction(async () => {
        await store.load(creator, id);
        await store.update(creator, id, { lastName: 'Conditional two' }, {});
      }),
    );
    expect(current.revision).toBe(2);
    // Written blind (no read first), the tag itself is the revision the row must have.
    const blind = RecordRevisions.run(subject(id, '"1"'), () => db.withTransaction(() => store.update(creator, id, { lastName: 'Never' }, {})));
    await expect(blind).rejects.toMatchObject({ currentRevision: 2 });
    expect((await t.app.get(DataSource).getRepository(Contact).findOneByOrFail({ id })).lastName).toBe('Conditional two');
  });

  describe('history (the triggers of migration RecordHistory)', () => {
    const entries = async (id: string) =>
      (await t.app.get(DataSource).query(`SELECT actor_type, actor_id, request_id, action, changes FROM record_history WHERE kind = 'contact' AND record_id = $1 ORDER BY seq`, [id])) as {
        actor_type: string;
        actor_id: string | null;
        request_id: string | null;
        action: string;
        changes: { field: string; from: unknown; to: unknown }[];
      }[];
    const fields = (changes: { field: string; from: unknown; to: unknown }[]) => changes.map(({ field, from, to }) => ({ field, from, to }));

    it('folds every statement of one transaction about a record into one entry, with the actor the transaction declared', async () => {
      const id = await insert(creator, 'Folded', { assigned_to: [cast.assignee.userId], teams: [] });
      const db = t.app.get(Db);
      await WriteActors.run({ type: 'user', id: cast.admin.userId, requestId: 'req-folded' }, () =>
        db.withTransaction(async () => {
          await store.update(admin, id, { lastName: 'Folded once' }, { assigned_to: [cast.other.userId] });
          await store.update(admin, id, { lastName: 'Folded twice' }, { assigned_to: [cast.other.userId, cast.admin.userId] });
        }),
      );
      const [created, updated] = await entries(id);
      expect(created).toMatchObject({ action: 'created', actor_type: 'system', actor_id: null });
      expect(updated).toMatchObject({ action: 'updated', actor_type: 'user', actor_id: cast.admin.userId, request_id: 'req-folded' });
      expect(fields(updated.changes)).toEqual([
        { field: 'last_name', from: 'Folded', to: 'Folded twice' },
        { field: 'assigned_to', from: [cast.assignee.userId], to: [cast.other.userId, cast.admin.userId].sort() },
      ]);
    });

    it('leaves no entry for a write that changes nothing, nor for links put back as they were', async () => {
      const id = await insert(creator, 'Unchanged', { assigned_to: [cast.assignee.userId], teams: [] });
      const db = t.app.get(Db);
      await db.withTransaction(() => store.update(admin, id, { lastName: 'Unchanged' }, { assigned_to: [cast.assignee.userId] }));
      await db.withTransaction(async () => {
        await store.update(admin, id, {}, { assigned_to: [] });
        await store.update(admin, id, {}, { assigned_to: [cast.assignee.userId] });
      });
      expect((await entries(id)).map((entry) => entry.action)).toEqual(['created']);
    });

    it('writes nothing of a transaction that rolls back', async () => {
      const id = await insert(creator, 'RolledBack');
      const failing = t.app.get(Db).withTransaction(async () => {
        await store.update(admin, id, { lastName: 'Never kept' }, {});
        throw new Error('the write fails after the update');
      });
      await expect(failing).rejects.toThrow('the write fails');
      expect((await entries(id)).map((entry) => entry.action)).toEqual(['created']);
    });

    it('ends with a deleted entry when the record goes, and goes with its organization, feed numbers too', async () => {
      const id = await insert(creator, 'Removed', { assigned_to: [cast.assignee.userId], teams: [] });
      await store.remove(admin, id);
      expect((await entries(id)).map(({ action, changes }) => [action, changes])).toEqual([
        ['created', expect.anything()],
        ['deleted', []],
      ]);
      const outsider = { userId: cast.outsider.userId, orgId: cast.outsiderOrgId };
      const theirs = await t.app.get(Db).withTransaction(() => store.insert(outsider, columns('Elsewhere'), { assigned_to: [], teams: [] }));
      expect(await entries(theirs)).toHaveLength(1);
      const db = t.app.get(DataSource);
      const numbered = `SELECT count(*)::int AS count FROM change_feed WHERE org_id = $1`;
      expect((await db.query(numbered, [cast.outsiderOrgId]))[0].count).toBeGreaterThan(0);
      await db.query('DELETE FROM organizations WHERE id = $1', [cast.outsiderOrgId]);
      const [{ left }] = await db.query('SELECT count(*)::int AS left FROM record_history WHERE org_id = $1', [cast.outsiderOrgId]);
      expect(left).toBe(0);
      expect((await db.query(numbered, [cast.outsiderOrgId]))[0].count).toBe(0);
    });
  });
});
