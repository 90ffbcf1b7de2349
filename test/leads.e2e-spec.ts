import { randomUUID } from 'node:crypto';
import { as, type Cast, createCast } from './support/cast.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('leads', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
  });
  afterAll(() => t.close());

  const seedLead = async (extra: Record<string, unknown> = {}, who: 'creator' | 'admin' = 'creator') => {
    const res = await t.api.post(
      '/api/leads/',
      { first_name: 'Jane', last_name: `Prospect-${randomUUID().slice(0, 6)}`, assigned_to: [cast.assignee.userId], ...extra },
      as(cast, who),
    );
    expect(res.status).toBe(201);
    return res.body;
  };

  describe('POST /api/leads/', () => {
    it('creates the seed example: 201, money as a two-decimal string, converted_account null', async () => {
      const contact = await t.api.post(
        '/api/contacts/',
        { first_name: 'R', last_name: 'J', primary_email: `rj-${randomUUID()}@bigcorp.example`, assigned_to: [cast.creator.userId] },
        as(cast, 'admin'),
      );
      const team = await t.api.post('/api/teams/', { name: 'Sales' }, as(cast, 'admin'));
      const body = {
        title: 'Enterprise Software Inquiry',
        first_name: 'Robert',
        last_name: 'Johnson',
        email: 'robert@bigcorp.com',
        phone: '+1555987654',
        status: 'assigned',
        source: 'Cold Call',
        account_name: 'Big Corp Industries',
        website: 'https://bigcorp.com',
        description: 'Interested in enterprise solution for 500+ users',
        opportunity_amount: '75000.00',
        contacts: [contact.body.id],
        assigned_to: [cast.assignee.userId],
        teams: [team.body.id],
        tags: ['enterprise', 'qualified'],
        address_line: '789 Corporate Blvd',
        city: 'Dallas',
        state: 'TX',
        postcode: '75201',
        country: 'USA',
      };
      const res = await t.api.post('/api/leads/', body, as(cast, 'creator'));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        ...body,
        id: expect.any(String),
        street: '',
        probability: null,
        industry: '',
        skype_ID: '',
        organization: '',
        close_date: null,
        enquiry_type: '',
        company: null,
        created_on: expect.any(String),
        created_by: cast.creator.userId,
        updated_on: expect.stringMatching(/Z$/),
        updated_by: cast.creator.userId,
        converted_account_id: null,
        converted_contact_id: null,
        converted_opportunity_id: null,
        converted_account: null,
      });
    });

    it('stores a numeric amount exactly, as a string with two places', async () => {
      const lead = await seedLead({ opportunity_amount: 1234.5 });
      expect(lead.opportunity_amount).toBe('1234.50');
    });

    it.each([
      ['an unknown status', { first_name: 'A', last_name: 'B', status: 'won' }, 'status', 'assigned, in process, converted, recycled, closed'],
      ['an unknown source', { first_name: 'A', last_name: 'B', source: 'Carrier pigeon' }, 'source', 'Website Form, Cold Call'],
      ['missing names', { email: 'a@b.co' }, 'first_name', ''],
      ['a bad e-mail', { first_name: 'A', last_name: 'B', email: 'nope' }, 'email', ''],
      ['a negative amount', { first_name: 'A', last_name: 'B', opportunity_amount: '-5.00' }, 'opportunity_amount', ''],
      ['a non-numeric amount', { first_name: 'A', last_name: 'B', opportunity_amount: 'lots' }, 'opportunity_amount', ''],
      ['three decimals', { first_name: 'A', last_name: 'B', opportunity_amount: '1.005' }, 'opportunity_amount', ''],
      ['an unknown field', { first_name: 'A', last_name: 'B', org: randomUUID() }, 'org', ''],
    ])('rejects %s with 400 naming the field', async (_case, body, field, allowed) => {
      const res = await t.api.post('/api/leads/', body, as(cast, 'admin'));
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveProperty(field);
      expect(res.body.errors[field][0]).toContain(allowed);
    });
  });

  describe('GET /api/leads/', () => {
    it('splits open and closed, hides converted, and returns the side lists', async () => {
      const city = `Seattle-${randomUUID().slice(0, 6)}`;
      const open = await seedLead({ city, status: 'in process', tags: ['demo'] });
      const closed = await seedLead({ city, status: 'closed' });
      const converted = await seedLead({ city });
      await t.api.post(`/api/leads/${converted.id}/convert/`, {}, as(cast, 'admin'));
      const res = await t.api.get(`/api/leads/?city=${city}`, as(cast, 'admin'));
      expect(res.status).toBe(200);
      expect(res.body.open_leads.map((l: { id: string }) => l.id)).toEqual([open.id]);
      expect(res.body.closed_leads.map((l: { id: string }) => l.id)).toEqual([closed.id]);
      expect(res.body).toMatchObject({ open_leads_count: 1, closed_leads_count: 1 });
      expect(res.body.source_list).toEqual([
        'Website Form', 'Cold Call', 'Referral', 'Trade Show', 'Email Campaign', 'Social Media', 'Advertisement', 'Other',
        'Existing Customer', 'Partner', 'Public Relations', 'Campaign',
      ]);
      expect(res.body.status).toEqual(['assigned', 'in process', 'converted', 'recycled', 'closed']);
      expect(res.body.tags).toEqual(expect.arrayContaining([{ id: expect.any(String), name: 'demo' }]));
      expect(res.body.users.length).toBeGreaterThanOrEqual(4);
      expect(Array.isArray(res.body.contacts)).toBe(true);
    });

    it('filters by name, title, source (partial), status, tags, e-mail and assignee', async () => {
      const tag = randomUUID().slice(0, 6);
      const a = await seedLead({ first_name: `Ann${tag}`, title: 'Demo request', source: 'Website Form', email: `ann${tag}@x.co`, tags: [`t${tag}`] });
      const b = await seedLead({ last_name: `Bee${tag}`, source: 'Referral', status: 'recycled', assigned_to: [cast.other.userId] });
      const ids = async (query: string) =>
        (await t.api.get(`/api/leads/?${query}`, as(cast, 'admin'))).body.open_leads.map((l: { id: string }) => l.id);
      expect(await ids(`name=${tag.toUpperCase()}`)).toEqual([b.id, a.id]);
      expect(await ids(`name=${tag}&title=demo`)).toEqual([a.id]);
      expect(await ids(`name=${tag}&source=website`)).toEqual([a.id]);
      expect(await ids(`name=${tag}&status=recycled`)).toEqual([b.id]);
      expect(await ids(`tags=T${tag}`)).toEqual([a.id]);
      expect(await ids(`email=ann${tag}`)).toEqual([a.id]);
      expect(await ids(`name=${tag}&assigned_to=${cast.other.userId}`)).toEqual([b.id]);
    });

    it('shows a USER only leads they created or are assigned to', async () => {
      const city = `Vis-${randomUUID().slice(0, 6)}`;
      const lead = await seedLead({ city });
      for (const [who, expected] of [
        ['admin', [lead.id]],
        ['creator', [lead.id]],
        ['assignee', [lead.id]],
        ['other', []],
        ['outsider', []],
      ] as const) {
        const res = await t.api.get(`/api/leads/?city=${city}`, as(cast, who));
        expect([who, res.body.open_leads.map((l: { id: string }) => l.id)]).toEqual([who, expected]);
      }
    });

    it.each(['limit=101', 'offset=-1', 'status=won', 'assigned_to=me'])('rejects %s with 400', async (query) => {
      expect((await t.api.get(`/api/leads/?${query}`, as(cast, 'admin'))).status).toBe(400);
    });
  });

  describe('GET /api/leads/{id}/', () => {
    it('answers every key of the seed', async () => {
      const lead = await seedLead({ address_line: '456 Business St', city: 'Seattle', tags: ['qualified'] });
      const res = await t.api.get(`/api/leads/${lead.id}/`, as(cast, 'assignee'));
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(
        ['lead_obj', 'address_obj', 'assigned_to', 'teams', 'comments', 'attachments', 'contacts', 'users_mention', 'users_mention_count', 'tags'].sort(),
      );
      const { assigned_to: _a, teams: _t, contacts: _c, tags: _g, converted_account: _v, ...fields } = lead;
      expect(res.body.lead_obj).toEqual(fields);
      expect(res.body.address_obj).toEqual({ address_line: '456 Business St', street: '', city: 'Seattle', state: '', postcode: '', country: '' });
      expect(res.body.assigned_to).toEqual([{ id: cast.assignee.userId, email: cast.assignee.email, name: 'assignee' }]);
      expect(res.body.tags).toEqual(['qualified']);
    });
  });

  describe('conversion', () => {
    it('POST /api/leads/{id}/convert/ creates the account from the lead, links both ways, and a second time is 409', async () => {
      const contact = await t.api.post(
        '/api/contacts/',
        { first_name: 'C', last_name: 'D', primary_email: `cd-${randomUUID()}@x.co`, assigned_to: [cast.creator.userId] },
        as(cast, 'admin'),
      );
      const lead = await seedLead({
        account_name: 'Prospect Corp',
        email: `jane-${randomUUID()}@prospect.com`,
        phone: '+1987654321',
        website: 'https://prospect.com',
        description: 'Premium features',
        address_line: '456 Business St',
        city: 'Seattle',
        tags: ['demo'],
        contacts: [contact.body.id],
      });
      const res = await t.api.post(`/api/leads/${lead.id}/convert/`, {}, as(cast, 'assignee'));
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('converted');
      const account = res.body.converted_account;
      expect(account).toMatchObject({
        name: 'Prospect Corp',
        email: lead.email,
        phone: '+1987654321',
        website: 'https://prospect.com',
        description: 'Premium features',
        billing_address_line: '456 Business St',
        billing_city: 'Seattle',
        tags: ['demo'],
        assigned_to: [cast.assignee.userId],
        contacts: expect.arrayContaining([contact.body.id, res.body.converted_contact_id]),
        lead: lead.id,
        status: 'open',
      });
      expect(res.body.converted_account_id).toBe(account.id);

      const again = await t.api.post(`/api/leads/${lead.id}/convert/`, {}, as(cast, 'admin'));
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('LEAD_ALREADY_CONVERTED');
      const accounts = await t.api.get('/api/accounts/?name=Prospect%20Corp', as(cast, 'admin'));
      expect(accounts.body.accounts_count).toBe(1);

      const detail = await t.api.get(`/api/leads/${lead.id}/`, as(cast, 'admin'));
      expect(detail.body.lead_obj).toMatchObject({ status: 'converted', converted_account_id: account.id });
    });

    it('PUT with status converted converts; the name falls back to the full name', async () => {
      const lead = await seedLead({ first_name: 'Solo', last_name: 'Trader' });
      const res = await t.api.put(`/api/leads/${lead.id}/`, { status: 'converted', description: 'won' }, as(cast, 'admin'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'converted', description: 'won' });
      expect(res.body.converted_account).toMatchObject({ name: 'Solo Trader', description: 'won' });
      expect((await t.api.put(`/api/leads/${lead.id}/`, { status: 'converted' }, as(cast, 'admin'))).status).toBe(409);
      expect((await t.api.put(`/api/leads/${lead.id}/`, { status: 'assigned' }, as(cast, 'admin'))).status).toBe(409);
    });

    it('create with auto_convert answers the lead with its new account', async () => {
      const res = await t.api.post(
        '/api/leads/',
        { first_name: 'Auto', last_name: 'Convert', account_name: `Auto Co ${randomUUID()}`, auto_convert: true },
        as(cast, 'creator'),
      );
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('converted');
      expect(res.body.converted_account).toMatchObject({ name: res.body.account_name, lead: res.body.id, created_by: cast.creator.userId });
    });

    it('refuses to convert a lead the caller cannot see', async () => {
      const lead = await seedLead();
      expect((await t.api.post(`/api/leads/${lead.id}/convert/`, {}, as(cast, 'other'))).status).toBe(404);
      expect((await t.api.post(`/api/leads/${lead.id}/convert/`, {}, as(cast, 'outsider'))).status).toBe(404);
      expect((await t.api.get(`/api/leads/${lead.id}/`, as(cast, 'admin'))).body.lead_obj.status).toBe('assigned');
    });
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
      const lead = await seedLead();
      expect((await t.api.get(`/api/leads/${lead.id}/`, as(cast, caller))).status).toBe(status);
    });

    it.each(who.map((w, i) => [w, matrix.put[i]] as const))('PUT as %s -> %i', async (caller, status) => {
      const lead = await seedLead();
      expect((await t.api.put(`/api/leads/${lead.id}/`, { opportunity_amount: '60000.00' }, as(cast, caller))).status).toBe(status);
      const after = await t.api.get(`/api/leads/${lead.id}/`, as(cast, 'admin'));
      expect(after.body.lead_obj.opportunity_amount).toBe(status === 200 ? '60000.00' : null);
    });

    it.each(who.map((w, i) => [w, matrix.delete[i]] as const))('DELETE as %s -> %i', async (caller, status) => {
      const lead = await seedLead();
      expect((await t.api.delete(`/api/leads/${lead.id}/`, as(cast, caller))).status).toBe(status);
      expect((await t.api.get(`/api/leads/${lead.id}/`, as(cast, 'admin'))).status).toBe(status === 204 ? 404 : 200);
    });

    it.each(who.map((w, i) => [w, matrix.comment[i]] as const))('comment as %s -> %i', async (caller, status) => {
      const lead = await seedLead();
      const res = await t.api.post(`/api/leads/${lead.id}/`, { comment: 'Discovery call next Tuesday' }, as(cast, caller));
      expect(res.status).toBe(status);
      expect((await t.api.get(`/api/leads/${lead.id}/`, as(cast, 'admin'))).body.comments).toHaveLength(status === 201 ? 1 : 0);
    });

    it('lead comments are edited through the lead routes only', async () => {
      const lead = await seedLead();
      const added = await t.api.post(`/api/leads/${lead.id}/`, { comment: 'x' }, as(cast, 'creator'));
      const id = added.body.comment.id;
      expect((await t.api.put(`/api/cases/comment/${id}/`, { comment: 'y' }, as(cast, 'admin'))).status).toBe(404);
      expect((await t.api.put(`/api/leads/comment/${id}/`, { comment: 'y' }, as(cast, 'creator'))).status).toBe(200);
      expect((await t.api.delete(`/api/leads/comment/${id}/`, as(cast, 'assignee'))).status).toBe(403);
    });
  });
});
