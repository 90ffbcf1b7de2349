import { randomUUID } from 'node:crypto';
import { as, type Cast, createCast } from './support/cast.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('cases', () => {
  let t: TestApp;
  let cast: Cast;
  let accountId: string;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
    // Assigned to the creator, who files cases on it: a USER may link only records they can see.
    accountId = (await t.api.post('/api/accounts/', { name: 'ACME Corp', assigned_to: [cast.creator.userId] }, as(cast, 'admin'))).body.id;
  });
  afterAll(() => t.close());

  const seedCase = async (extra: Record<string, unknown> = {}, who: 'creator' | 'admin' = 'creator') => {
    const res = await t.api.post(
      '/api/cases/',
      { name: `Case ${randomUUID().slice(0, 8)}`, assigned_to: [cast.assignee.userId], ...extra },
      as(cast, who),
    );
    expect(res.status).toBe(201);
    return res.body;
  };

  describe('POST /api/cases/', () => {
    it('creates the seed example and answers 201 with the list-item shape', async () => {
      const contact = await t.api.post(
        '/api/contacts/',
        { first_name: 'Pat', last_name: 'Doe', primary_email: `pat-${randomUUID()}@acme.example`, assigned_to: [cast.creator.userId] },
        as(cast, 'admin'),
      );
      const team = await t.api.post('/api/teams/', { name: 'Support' }, as(cast, 'admin'));
      const body = {
        name: 'Email Configuration Problem',
        status: 'New',
        priority: 'Normal',
        case_type: 'Technical',
        account: accountId,
        contacts: [contact.body.id],
        assigned_to: [cast.assignee.userId],
        teams: [team.body.id],
      };
      const res = await t.api.post('/api/cases/', body, as(cast, 'creator'));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        ...body,
        id: expect.any(String),
        description: '',
        created_on: expect.stringMatching(/Z$/),
        closed_on: null,
        created_by: cast.creator.userId,
        updated_on: expect.stringMatching(/Z$/),
        updated_by: cast.creator.userId,
      });
    });

    it('defaults status New and priority Normal, and stamps closed_on on a case created Closed', async () => {
      const plain = await seedCase();
      expect(plain).toMatchObject({ status: 'New', priority: 'Normal', case_type: null, closed_on: null });
      const closed = await seedCase({ status: 'Closed' });
      expect(Date.now() - Date.parse(closed.closed_on)).toBeLessThan(60_000);
    });

    it.each([
      ['status', 'Resolved', 'New, In Progress, On Hold, Closed'],
      ['priority', 'Urgent', 'Low, Normal, High, Critical'],
      ['case_type', 'Other', 'Technical, Billing, General, Bug Report, Feature Request'],
    ])('rejects an unknown %s, naming the allowed values', async (field, value, allowed) => {
      const res = await t.api.post('/api/cases/', { name: 'X', [field]: value }, as(cast, 'admin'));
      expect(res.status).toBe(400);
      expect(res.body.errors[field][0]).toContain(allowed);
    });

    it.each([
      ['no name', {}, 'name'],
      ['closed_on in a bad format', { name: 'X', status: 'Closed', closed_on: '05/02/2023' }, 'closed_on'],
      ['closed_on on an open case', { name: 'X', status: 'New', closed_on: '2023-02-05T16:30:00Z' }, 'closed_on'],
      ['an account that is not a UUID', { name: 'X', account: 'acme' }, 'account'],
      ['an unknown field', { name: 'X', org: randomUUID() }, 'org'],
    ])('rejects %s with 400', async (_case, body, field) => {
      const res = await t.api.post('/api/cases/', body, as(cast, 'admin'));
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors)).toEqual([field]);
    });

    it("rejects an account of another organization, naming it, and creates nothing", async () => {
      const theirs = (await t.api.post('/api/accounts/', { name: 'Theirs' }, as(cast, 'outsider'))).body.id;
      const name = `Foreign ${randomUUID()}`;
      const res = await t.api.post('/api/cases/', { name, account: theirs }, as(cast, 'admin'));
      expect(res.status).toBe(400);
      expect(res.body.errors.account[0]).toContain(theirs);
      expect((await t.api.get(`/api/cases/?name=${name}`, as(cast, 'admin'))).body.count).toBe(0);
    });
  });

  describe('status workflow', () => {
    it('sets closed_on when closed (now, or as given) and clears it when reopened', async () => {
      const created = await seedCase();
      const closed = await t.api.put(`/api/cases/${created.id}/`, { status: 'Closed' }, as(cast, 'assignee'));
      expect(closed.body.closed_on).not.toBeNull();
      const dated = await t.api.put(
        `/api/cases/${created.id}/`,
        { name: 'Login Issues - RESOLVED', status: 'Closed', closed_on: '2023-02-05T16:30:00Z' },
        as(cast, 'assignee'),
      );
      expect(dated.body).toMatchObject({ name: 'Login Issues - RESOLVED', closed_on: '2023-02-05T16:30:00.000Z' });
      const renamed = await t.api.put(`/api/cases/${created.id}/`, { priority: 'High' }, as(cast, 'assignee'));
      expect(renamed.body.closed_on).toBe('2023-02-05T16:30:00.000Z');
      const reopened = await t.api.put(`/api/cases/${created.id}/`, { status: 'In Progress' }, as(cast, 'assignee'));
      expect(reopened.body).toMatchObject({ status: 'In Progress', closed_on: null });
    });
  });

  describe('GET /api/cases/', () => {
    it('answers the seed shape with next/previous links that keep the filters', async () => {
      const name = `Paged-${randomUUID().slice(0, 8)}`;
      const made = [];
      for (let i = 0; i < 3; i += 1) made.push(await seedCase({ name: `${name} ${i}`, status: 'In Progress', priority: 'High' }));
      const first = await t.api.get(`/api/cases/?name=${name}&status=In%20Progress&priority=High&limit=2`, as(cast, 'admin'));
      expect(first.status).toBe(200);
      expect(first.body.count).toBe(3);
      expect(first.body.previous).toBeNull();
      expect(first.body.results.map((c: { id: string }) => c.id)).toEqual([made[2].id, made[1].id]);
      expect(first.body.results[0]).toEqual(made[2]);
      const next = new URL(first.body.next, 'http://x');
      expect(next.pathname).toBe('/api/cases/');
      expect(Object.fromEntries(next.searchParams)).toEqual({
        limit: '2',
        offset: '2',
        name,
        status: 'In Progress',
        priority: 'High',
      });
      const second = await t.api.get(first.body.next, as(cast, 'admin'));
      expect(second.body.results.map((c: { id: string }) => c.id)).toEqual([made[0].id]);
      expect(second.body.next).toBeNull();
      expect(second.body.previous).not.toBeNull();
    });

    it('filters by case type, account, assignee and open vs closed', async () => {
      const name = `Filter-${randomUUID().slice(0, 8)}`;
      const billing = await seedCase({ name, case_type: 'Billing', account: accountId });
      const closed = await seedCase({ name, status: 'Closed', assigned_to: [cast.other.userId] });
      const ids = async (query: string) =>
        (await t.api.get(`/api/cases/?name=${name}&${query}`, as(cast, 'admin'))).body.results.map((c: { id: string }) => c.id);
      expect(await ids('case_type=Billing')).toEqual([billing.id]);
      expect(await ids(`account=${accountId}`)).toEqual([billing.id]);
      expect(await ids(`assigned_to=${cast.other.userId}`)).toEqual([closed.id]);
      expect(await ids('closed=true')).toEqual([closed.id]);
      expect(await ids('closed=false')).toEqual([billing.id]);
    });

    it('shows a USER only cases they created or are assigned to', async () => {
      const name = `Visible-${randomUUID().slice(0, 8)}`;
      const created = await seedCase({ name });
      for (const [who, expected] of [
        ['admin', [created.id]],
        ['creator', [created.id]],
        ['assignee', [created.id]],
        ['other', []],
        ['outsider', []],
      ] as const) {
        const res = await t.api.get(`/api/cases/?name=${name}`, as(cast, who));
        expect([who, res.body.results.map((c: { id: string }) => c.id)]).toEqual([who, expected]);
      }
    });

    it.each(['limit=101', 'offset=-1', 'status=Resolved', 'priority=urgent', 'case_type=Other', 'account=acme', 'closed=maybe'])(
      'rejects %s with 400',
      async (query) => {
        const res = await t.api.get(`/api/cases/?${query}`, as(cast, 'admin'));
        expect(res.status).toBe(400);
      },
    );
  });

  describe('permission matrix', () => {
    const who = ['admin', 'creator', 'assignee', 'other', 'outsider'] as const;
    const matrix = {
      get: [200, 200, 200, 404, 404],
      put: [200, 200, 200, 404, 404],
      delete: [204, 204, 403, 404, 404],
      comment: [201, 201, 201, 404, 404],
    };

    it.each(who.map((w, i) => [w, matrix.get[i]] as const))('GET as %s -> %i', async (caller, status) => {
      const created = await seedCase();
      const res = await t.api.get(`/api/cases/${created.id}/`, as(cast, caller));
      expect(res.status).toBe(status);
      if (status === 200) {
        expect(Object.keys(res.body).sort()).toEqual(
          ['case_obj', 'assigned_to', 'teams', 'comments', 'attachments', 'users_mention', 'users_mention_count'].sort(),
        );
        const { assigned_to: _a, teams: _t, ...fields } = created;
        expect(res.body.case_obj).toEqual(fields);
      }
    });

    it.each(who.map((w, i) => [w, matrix.put[i]] as const))('PUT as %s -> %i', async (caller, status) => {
      const created = await seedCase();
      expect((await t.api.put(`/api/cases/${created.id}/`, { priority: 'Critical' }, as(cast, caller))).status).toBe(status);
      const after = await t.api.get(`/api/cases/${created.id}/`, as(cast, 'admin'));
      expect(after.body.case_obj.priority).toBe(status === 200 ? 'Critical' : 'Normal');
    });

    it.each(who.map((w, i) => [w, matrix.delete[i]] as const))('DELETE as %s -> %i', async (caller, status) => {
      const created = await seedCase();
      expect((await t.api.delete(`/api/cases/${created.id}/`, as(cast, caller))).status).toBe(status);
      expect((await t.api.get(`/api/cases/${created.id}/`, as(cast, 'admin'))).status).toBe(status === 204 ? 404 : 200);
    });

    it.each(who.map((w, i) => [w, matrix.comment[i]] as const))('comment as %s -> %i', async (caller, status) => {
      const created = await seedCase();
      const res = await t.api.post(`/api/cases/${created.id}/`, { comment: 'Issue reproduced' }, as(cast, caller));
      expect(res.status).toBe(status);
      const after = await t.api.get(`/api/cases/${created.id}/`, as(cast, 'admin'));
      expect(after.body.comments).toHaveLength(status === 201 ? 1 : 0);
    });

    it('edits and deletes case comments as their author, not as another member', async () => {
      const created = await seedCase();
      const added = await t.api.post(`/api/cases/${created.id}/`, { comment: 'mine' }, as(cast, 'assignee'));
      const url = `/api/cases/comment/${added.body.comment.id}/`;
      expect((await t.api.put(url, { comment: 'theirs' }, as(cast, 'creator'))).status).toBe(403);
      expect((await t.api.put(url, { comment: 'edited' }, as(cast, 'assignee'))).body.comment).toBe('edited');
      expect((await t.api.put(`/api/accounts/comment/${added.body.comment.id}/`, { comment: 'x' }, as(cast, 'admin'))).status).toBe(404);
      expect((await t.api.delete(url, as(cast, 'assignee'))).status).toBe(204);
    });
  });

  describe('cases and accounts', () => {
    it("an account's detail lists its cases; deleting the account keeps them, unlinked", async () => {
      const account = (await t.api.post('/api/accounts/', { name: `Owner ${randomUUID()}`, assigned_to: [cast.creator.userId] }, as(cast, 'admin'))).body;
      const created = await seedCase({ account: account.id, case_type: 'Bug Report' });
      const detail = await t.api.get(`/api/accounts/${account.id}/`, as(cast, 'admin'));
      expect(detail.body.cases).toEqual([
        {
          id: created.id,
          name: created.name,
          status: 'New',
          priority: 'Normal',
          case_type: 'Bug Report',
          created_on: created.created_on,
          closed_on: null,
        },
      ]);
      expect((await t.api.delete(`/api/accounts/${account.id}/`, as(cast, 'admin'))).status).toBe(204);
      const after = await t.api.get(`/api/cases/${created.id}/`, as(cast, 'admin'));
      expect(after.status).toBe(200);
      expect(after.body.case_obj.account).toBeNull();
    });
  });
});
