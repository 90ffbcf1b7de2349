import { randomUUID } from 'node:crypto';
import { as, type Cast, createCast } from './support/cast.js';
import { countQueries } from './support/query-count.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('accounts', () => {
  let t: TestApp;
  let cast: Cast;
  let contactId: string;
  let teamId: string;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
    const contact = await t.api.post(
      '/api/contacts/',
      // Assigned to the creator, who links it: a USER may link only contacts they can see.
      { first_name: 'Wile', last_name: 'Coyote', primary_email: `wile-${randomUUID()}@acme.example`, assigned_to: [cast.creator.userId] },
      as(cast, 'admin'),
    );
    contactId = contact.body.id;
    teamId = (await t.api.post('/api/teams/', { name: 'Key accounts' }, as(cast, 'admin'))).body.id;
  });
  afterAll(() => t.close());

  const seedAccount = async (extra: Record<string, unknown> = {}, who: 'creator' | 'admin' = 'creator') => {
    const res = await t.api.post(
      '/api/accounts/',
      { name: `Acme ${randomUUID().slice(0, 8)}`, assigned_to: [cast.assignee.userId], ...extra },
      as(cast, who),
    );
    expect(res.status).toBe(201);
    return res.body;
  };

  describe('POST /api/accounts/', () => {
    it('creates the seed example and answers 201 with the list-item shape', async () => {
      const body = {
        name: 'New Company Inc',
        email: 'info@newcompany.com',
        phone: '+1555123456',
        industry: 'Manufacturing',
        description: 'Leading manufacturer of widgets',
        website: 'https://newcompany.com',
        billing_address_line: '456 Industrial Blvd',
        billing_street: 'Suite 100',
        billing_city: 'Chicago',
        billing_state: 'IL',
        billing_postcode: '60601',
        billing_country: 'USA',
        contacts: [contactId],
        assigned_to: [cast.assignee.userId],
        teams: [teamId],
        tags: ['manufacturing', 'enterprise'],
      };
      const res = await t.api.post('/api/accounts/', body, as(cast, 'creator'));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        ...body,
        id: expect.any(String),
        status: 'open',
        tags: ['enterprise', 'manufacturing'],
        created_on: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        created_by: cast.creator.userId,
        updated_on: expect.stringMatching(/Z$/),
        updated_by: cast.creator.userId,
        lead: null,
        contact_name: '',
      });
    });

    it('reuses existing tags whatever their case', async () => {
      const first = await seedAccount({ tags: ['VIP'] });
      const second = await seedAccount({ tags: ['vip', 'New'] });
      expect(first.tags).toEqual(['VIP']);
      expect(second.tags).toEqual(['New', 'VIP']);
      const tags = await t.api.get('/api/tags/?name=vip', as(cast, 'admin'));
      expect(tags.body.count).toBe(1);
    });

    it.each([
      ['no name', { email: 'a@b.co' }, 'name'],
      ['a name over 255 characters', { name: 'x'.repeat(256) }, 'name'],
      ['a bad e-mail', { name: 'A', email: 'not-mail' }, 'email'],
      ['a bad URL', { name: 'A', website: 'javascript:alert(1)' }, 'website'],
      ['an unknown status', { name: 'A', status: 'archived' }, 'status'],
      ['an unknown field', { name: 'A', revenue: 10 }, 'revenue'],
      ['a wrong type', { name: ['A'] }, 'name'],
      ['tags that are not strings', { name: 'A', tags: [{}] }, 'tags'],
    ])('rejects %s with 400 naming the field', async (_case, body, field) => {
      const res = await t.api.post('/api/accounts/', body, as(cast, 'admin'));
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors)).toEqual([field]);
    });

    it('names the allowed statuses', async () => {
      const res = await t.api.post('/api/accounts/', { name: 'A', status: 'archived' }, as(cast, 'admin'));
      expect(res.body.errors.status[0]).toContain('open, closed');
    });

    it.each(['contacts', 'assigned_to', 'teams'])(
      "rejects another organization's id in %s, naming it, and creates nothing",
      async (field) => {
        const theirs = {
          contacts: (
            await t.api.post(
              '/api/contacts/',
              { first_name: 'X', last_name: 'Y', primary_email: `x-${randomUUID()}@x.co` },
              as(cast, 'outsider'),
            )
          ).body.id,
          assigned_to: cast.outsider.userId,
          teams: (await t.api.post('/api/teams/', { name: `T ${randomUUID()}` }, as(cast, 'outsider'))).body.id,
        }[field];
        const name = `Rejected ${randomUUID()}`;
        const res = await t.api.post('/api/accounts/', { name, [field]: [theirs] }, as(cast, 'admin'));
        expect(res.status).toBe(400);
        expect(res.body.errors[field][0]).toContain(theirs);
        const listed = await t.api.get(`/api/accounts/?name=${name}`, as(cast, 'admin'));
        expect(listed.body.accounts_count).toBe(0);
      },
    );
  });

  describe('GET /api/accounts/', () => {
    it('splits open and closed, with counts after filters and side lists', async () => {
      const city = `Springfield-${randomUUID().slice(0, 6)}`;
      const open = await seedAccount({ billing_city: city, industry: 'Nuclear', tags: ['energy'] });
      const closed = await seedAccount({ billing_city: city, status: 'closed' });
      const res = await t.api.get(`/api/accounts/?city=${city.toUpperCase()}`, as(cast, 'admin'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ accounts_count: 2, open_accounts_count: 1, closed_accounts_count: 1 });
      expect(res.body.open_accounts.map((a: { id: string }) => a.id)).toEqual([open.id]);
      expect(res.body.closed_accounts.map((a: { id: string }) => a.id)).toEqual([closed.id]);
      expect(res.body.open_accounts[0]).toEqual(open);
      expect(res.body.users).toEqual(expect.arrayContaining([{ id: cast.admin.userId, email: cast.admin.email, name: 'admin' }]));
      expect(res.body.teams).toEqual(expect.arrayContaining([{ id: teamId, name: 'Key accounts' }]));
      expect(res.body.contacts).toEqual(expect.arrayContaining([expect.objectContaining({ id: contactId, name: 'Wile Coyote' })]));

      const byIndustry = await t.api.get(`/api/accounts/?city=${city}&industry=nucl`, as(cast, 'admin'));
      expect(byIndustry.body.accounts_count).toBe(1);
      const byTag = await t.api.get(`/api/accounts/?city=${city}&tags=ENERGY,unknown`, as(cast, 'admin'));
      expect(byTag.body.open_accounts.map((a: { id: string }) => a.id)).toEqual([open.id]);
      const byStatus = await t.api.get(`/api/accounts/?city=${city}&status=closed`, as(cast, 'admin'));
      expect(byStatus.body).toMatchObject({ open_accounts: [], closed_accounts_count: 1, open_accounts_count: 0 });
      const byAssignee = await t.api.get(`/api/accounts/?city=${city}&assigned_to=${cast.other.userId}`, as(cast, 'admin'));
      expect(byAssignee.body.accounts_count).toBe(0);
    });

    it('pages each half with limit and offset, newest first', async () => {
      const industry = `Paging-${randomUUID()}`;
      const made = [];
      for (let i = 0; i < 3; i += 1) made.push(await seedAccount({ industry }));
      const page = await t.api.get(`/api/accounts/?industry=${industry}&limit=2&offset=1`, as(cast, 'admin'));
      expect(page.body.open_accounts.map((a: { id: string }) => a.id)).toEqual([made[1].id, made[0].id]);
      expect(page.body.open_accounts_count).toBe(3);
    });

    it('shows a USER only accounts they created or are assigned to', async () => {
      const industry = `Visible-${randomUUID()}`;
      const account = await seedAccount({ industry });
      const ids = async (who: 'admin' | 'creator' | 'assignee' | 'other' | 'outsider') =>
        (await t.api.get(`/api/accounts/?industry=${industry}`, as(cast, who))).body.open_accounts.map(
          (a: { id: string }) => a.id,
        );
      expect(await ids('admin')).toEqual([account.id]);
      expect(await ids('creator')).toEqual([account.id]);
      expect(await ids('assignee')).toEqual([account.id]);
      expect(await ids('other')).toEqual([]);
      expect(await ids('outsider')).toEqual([]);
    });

    it('runs the same number of queries for a page of 1 and a page of 50', async () => {
      const industry = `Queries-${randomUUID()}`;
      for (let i = 0; i < 6; i += 1) {
        await seedAccount({ industry, tags: [`t${i}`], teams: [teamId], contacts: [contactId], status: i % 2 ? 'closed' : 'open', assigned_to: [] });
      }
      const queries = await countQueries(t, async () => {
        await t.api.get(`/api/accounts/?industry=${industry}&limit=1`, as(cast, 'admin'));
      });
      const more = await countQueries(t, async () => {
        await t.api.get(`/api/accounts/?industry=${industry}&limit=50`, as(cast, 'admin'));
      });
      expect(queries).toBeGreaterThan(0);
      expect(more).toBe(queries);
    });

    it.each(['limit=101', 'offset=-1', 'assigned_to=nobody', 'status=archived', 'sort=priority'])(
      'rejects %s with 400',
      async (query) => {
        expect((await t.api.get(`/api/accounts/?${query}`, as(cast, 'admin'))).status).toBe(400);
      },
    );
  });

  describe('GET /api/accounts/{id}/', () => {
    it('answers every key of the seed (and the counts of its capped lists), related lists filled or empty', async () => {
      const account = await seedAccount({ contacts: [contactId], teams: [teamId], tags: ['gold'] });
      await t.api.post(`/api/accounts/${account.id}/`, { comment: 'Call back Tuesday' }, as(cast, 'assignee'));
      const res = await t.api.get(`/api/accounts/${account.id}/`, as(cast, 'creator'));
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(
        [
          'account_obj', 'contacts', 'opportunities', 'cases', 'tasks', 'invoices', 'assigned_to', 'teams',
          'comments', 'attachments', 'users_mention', 'tags', 'opportunities_count', 'tasks_count', 'invoices_count',
          'cases_count', 'users_mention_count',
        ].sort(),
      );
      const { assigned_to: _a, teams: _t, contacts: _c, tags: _g, ...fields } = account;
      expect(res.body.account_obj).toEqual(fields);
      expect(res.body.assigned_to).toEqual([{ id: cast.assignee.userId, email: cast.assignee.email, name: 'assignee' }]);
      expect(res.body.teams).toEqual([{ id: teamId, name: 'Key accounts' }]);
      expect(res.body.contacts).toEqual([{ id: contactId, name: 'Wile Coyote', primary_email: expect.any(String) }]);
      expect(res.body.comments).toEqual([
        expect.objectContaining({ comment: 'Call back Tuesday', commented_by: cast.assignee.userId }),
      ]);
      expect(res.body.tags).toEqual(['gold']);
      expect(res.body.users_mention.length).toBeGreaterThanOrEqual(4);
      for (const key of ['opportunities', 'cases', 'tasks', 'invoices', 'attachments']) expect(res.body[key]).toEqual([]);
      expect(res.body).toMatchObject({ opportunities_count: 0, tasks_count: 0, invoices_count: 0, cases_count: 0 });
      expect(res.body.users_mention_count).toBe(res.body.users_mention.length);
    });
  });

  describe('permission matrix', () => {
    const who = ['admin', 'creator', 'assignee', 'other', 'outsider'] as const;
    const expected = {
      get: [200, 200, 200, 404, 404],
      put: [200, 200, 200, 404, 404],
      delete: [204, 204, 403, 404, 404],
      comment: [201, 201, 201, 404, 404],
    };

    it.each(who.map((w, i) => [w, expected.get[i]] as const))('GET as %s -> %i', async (caller, status) => {
      const account = await seedAccount();
      expect((await t.api.get(`/api/accounts/${account.id}/`, as(cast, caller))).status).toBe(status);
    });

    it.each(who.map((w, i) => [w, expected.put[i]] as const))('PUT as %s -> %i', async (caller, status) => {
      const account = await seedAccount();
      const res = await t.api.put(`/api/accounts/${account.id}/`, { phone: '+1 555 0199' }, as(cast, caller));
      expect(res.status).toBe(status);
      const after = await t.api.get(`/api/accounts/${account.id}/`, as(cast, 'admin'));
      expect(after.body.account_obj.phone).toBe(status === 200 ? '+1 555 0199' : '');
    });

    it.each(who.map((w, i) => [w, expected.delete[i]] as const))('DELETE as %s -> %i', async (caller, status) => {
      const account = await seedAccount();
      expect((await t.api.delete(`/api/accounts/${account.id}/`, as(cast, caller))).status).toBe(status);
      expect((await t.api.get(`/api/accounts/${account.id}/`, as(cast, 'admin'))).status).toBe(status === 204 ? 404 : 200);
    });

    it.each(who.map((w, i) => [w, expected.comment[i]] as const))('comment as %s -> %i', async (caller, status) => {
      const account = await seedAccount();
      const res = await t.api.post(`/api/accounts/${account.id}/`, { comment: 'hello' }, as(cast, caller));
      expect(res.status).toBe(status);
      const after = await t.api.get(`/api/accounts/${account.id}/`, as(cast, 'admin'));
      expect(after.body.comments).toHaveLength(status === 201 ? 1 : 0);
    });
  });

  describe('updates', () => {
    it('closes and reopens with status, keeps what is left out, replaces lists that are sent', async () => {
      const account = await seedAccount({ industry: 'Retail', tags: ['a', 'b'] });
      const closed = await t.api.put(`/api/accounts/${account.id}/`, { status: 'closed', tags: ['c'] }, as(cast, 'admin'));
      expect(closed.body).toMatchObject({ status: 'closed', industry: 'Retail', tags: ['c'], assigned_to: [cast.assignee.userId] });
      const reopened = await t.api.put(`/api/accounts/${account.id}/`, { status: 'open', assigned_to: [] }, as(cast, 'admin'));
      expect(reopened.body).toMatchObject({ status: 'open', assigned_to: [], tags: ['c'] });
    });

    it('answers a PUT on a deleted account with 404', async () => {
      const account = await seedAccount();
      await t.api.delete(`/api/accounts/${account.id}/`, as(cast, 'admin'));
      expect((await t.api.put(`/api/accounts/${account.id}/`, { name: 'Back' }, as(cast, 'admin'))).status).toBe(404);
    });

    it('rejects bad input and changes nothing', async () => {
      const account = await seedAccount({ industry: 'Unchanged' });
      const res = await t.api.put(
        `/api/accounts/${account.id}/`,
        { industry: 'Changed', teams: [randomUUID()] },
        as(cast, 'admin'),
      );
      expect(res.status).toBe(400);
      expect((await t.api.get(`/api/accounts/${account.id}/`, as(cast, 'admin'))).body.account_obj.industry).toBe('Unchanged');
    });
  });
});

/** Counts SQL statements TypeORM sends while `work` runs (one request at a time here). */
