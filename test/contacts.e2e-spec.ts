import { randomUUID } from 'node:crypto';
import { as, type Cast, createCast } from './support/cast.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('contacts', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
  });
  afterAll(() => t.close());

  const email = () => `contact-${randomUUID()}@client.example`;

  /** A contact made by `creator` and assigned to `assignee`. */
  async function seedContact(extra: Record<string, unknown> = {}) {
    const res = await t.api.post(
      '/api/contacts/',
      { first_name: 'Grace', last_name: 'Hopper', primary_email: email(), assigned_to: [cast.assignee.userId], ...extra },
      as(cast, 'creator'),
    );
    expect(res.status).toBe(201);
    return res.body;
  }

  describe('POST /api/contacts/', () => {
    it('creates with every field and answers 201 with the record', async () => {
      const team = await t.api.post('/api/teams/', { name: `Team ${randomUUID()}` }, as(cast, 'admin'));
      const body = {
        salutation: 'Dr',
        first_name: 'Grace',
        last_name: 'Hopper',
        primary_email: email().toUpperCase(),
        secondary_email: 'grace@home.example',
        mobile_number: '+1 (555) 010-0100',
        title: 'Rear Admiral',
        department: 'Engineering',
        description: 'Wrote the first compiler',
        do_not_call: true,
        address_line: '1 Navy Way',
        street: 'Suite 1',
        city: 'Arlington',
        state: 'VA',
        postcode: '22202',
        country: 'USA',
        assigned_to: [cast.assignee.userId],
        teams: [team.body.id],
      };
      const res = await t.api.post('/api/contacts/', body, as(cast, 'creator'));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        ...body,
        primary_email: body.primary_email.toLowerCase(),
        secondary_number: '',
        organization: '',
        language: '',
        linked_in_url: '',
        facebook_url: '',
        twitter_username: '',
        date_of_birth: null,
        id: expect.any(String),
        created_by: cast.creator.userId,
        updated_by: cast.creator.userId,
        created_on: expect.stringMatching(/Z$/),
        updated_on: expect.stringMatching(/Z$/),
      });
    });

    it('rejects a primary e-mail already used in the organization, ignoring case: 409', async () => {
      const existing = await seedContact();
      const res = await t.api.post(
        '/api/contacts/',
        { first_name: 'A', last_name: 'B', primary_email: existing.primary_email.toUpperCase() },
        as(cast, 'admin'),
      );
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'CONTACT_EMAIL_TAKEN', errors: { primary_email: expect.any(Array) } });
    });

    it('allows the same e-mail in another organization', async () => {
      const existing = await seedContact();
      const res = await t.api.post(
        '/api/contacts/',
        { first_name: 'A', last_name: 'B', primary_email: existing.primary_email },
        as(cast, 'outsider'),
      );
      expect(res.status).toBe(201);
    });

    it.each([
      ['missing required fields', {}, ['first_name', 'last_name', 'primary_email']],
      ['a bad e-mail', { first_name: 'A', last_name: 'B', primary_email: 'nope' }, ['primary_email']],
      ['a bad phone', { first_name: 'A', last_name: 'B', primary_email: 'a@b.co', mobile_number: 'call me' }, ['mobile_number']],
      ['a name over 255 characters', { first_name: 'x'.repeat(256), last_name: 'B', primary_email: 'a@b.co' }, ['first_name']],
      ['an unknown field', { first_name: 'A', last_name: 'B', primary_email: 'a@b.co', org: randomUUID() }, ['org']],
      ['a created_by in the body', { first_name: 'A', last_name: 'B', primary_email: 'a@b.co', created_by: randomUUID() }, ['created_by']],
      ['ids that are not UUIDs', { first_name: 'A', last_name: 'B', primary_email: 'a@b.co', assigned_to: ['me'] }, ['assigned_to']],
      ['a wrong type', { first_name: 'A', last_name: 'B', primary_email: 'a@b.co', do_not_call: 'often' }, ['do_not_call']],
    ])('rejects %s with 400 naming the fields', async (_case, body, fields) => {
      const res = await t.api.post('/api/contacts/', body, as(cast, 'admin'));
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors).sort()).toEqual([...fields].sort());
    });

    it("rejects another organization's user or team, naming the field and ids, and writes nothing", async () => {
      const foreignTeam = await t.api.post('/api/teams/', { name: 'Theirs' }, as(cast, 'outsider'));
      const primary = email();
      const byUser = await t.api.post(
        '/api/contacts/',
        { first_name: 'A', last_name: 'B', primary_email: primary, assigned_to: [cast.outsider.userId] },
        as(cast, 'admin'),
      );
      expect(byUser.status).toBe(400);
      expect(byUser.body.errors.assigned_to[0]).toContain(cast.outsider.userId);
      const byTeam = await t.api.post(
        '/api/contacts/',
        { first_name: 'A', last_name: 'B', primary_email: primary, teams: [foreignTeam.body.id] },
        as(cast, 'admin'),
      );
      expect(byTeam.status).toBe(400);
      expect(byTeam.body.errors.teams[0]).toContain(foreignTeam.body.id);
      const listed = await t.api.get(`/api/contacts/?email=${primary}`, as(cast, 'admin'));
      expect(listed.body.count).toBe(0);
    });
  });

  describe('permission matrix', () => {
    it.each([
      ['admin', 200],
      ['creator', 200],
      ['assignee', 200],
      ['other', 404],
      ['outsider', 404],
    ] as const)('GET /api/contacts/{id} as %s -> %i', async (who, status) => {
      const contact = await seedContact();
      const res = await t.api.get(`/api/contacts/${contact.id}/`, as(cast, who));
      expect(res.status).toBe(status);
      if (status === 404) expect(res.body.code).toBe('NOT_FOUND');
    });

    it.each([
      ['admin', 200],
      ['creator', 200],
      ['assignee', 200],
      ['other', 404],
      ['outsider', 404],
    ] as const)('PUT /api/contacts/{id} as %s -> %i', async (who, status) => {
      const contact = await seedContact();
      const res = await t.api.put(`/api/contacts/${contact.id}/`, { title: `by ${who}` }, as(cast, who));
      expect(res.status).toBe(status);
      const after = await t.api.get(`/api/contacts/${contact.id}/`, as(cast, 'admin'));
      expect(after.body.title).toBe(status === 200 ? `by ${who}` : '');
    });

    it.each([
      ['admin', 204],
      ['creator', 204],
      ['assignee', 403],
      ['other', 404],
      ['outsider', 404],
    ] as const)('DELETE /api/contacts/{id} as %s -> %i', async (who, status) => {
      const contact = await seedContact();
      const res = await t.api.delete(`/api/contacts/${contact.id}/`, as(cast, who));
      expect(res.status).toBe(status);
      const after = await t.api.get(`/api/contacts/${contact.id}/`, as(cast, 'admin'));
      expect(after.status).toBe(status === 204 ? 404 : 200);
    });

    it('GET /api/contacts/ shows each caller only what they may see', async () => {
      const contact = await seedContact({ city: `Visibility-${randomUUID()}` });
      const ids = async (who: 'admin' | 'creator' | 'assignee' | 'other' | 'outsider') =>
        (await t.api.get(`/api/contacts/?city=${contact.city}`, as(cast, who))).body.results.map(
          (item: { id: string }) => item.id,
        );
      expect(await ids('admin')).toEqual([contact.id]);
      expect(await ids('creator')).toEqual([contact.id]);
      expect(await ids('assignee')).toEqual([contact.id]);
      expect(await ids('other')).toEqual([]);
      expect(await ids('outsider')).toEqual([]);
    });

    it('POST /api/contacts/ is open to every member, not to a stranger to the organization', async () => {
      const body = { first_name: 'A', last_name: 'B', primary_email: email() };
      expect((await t.api.post('/api/contacts/', body, as(cast, 'other'))).status).toBe(201);
      const stranger = await t.api.post('/api/contacts/', body, { token: cast.outsider.token, orgId: cast.orgId });
      expect(stranger.status).toBe(403);
    });
  });

  describe('updates', () => {
    it('keeps fields left out, replaces lists that are sent, and clears with empty values', async () => {
      const contact = await seedContact({ city: 'Paris', mobile_number: '+33 1 00 00 00 00' });
      const res = await t.api.put(
        `/api/contacts/${contact.id}/`,
        { assigned_to: [cast.other.userId], mobile_number: '' },
        as(cast, 'admin'),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ city: 'Paris', mobile_number: '', assigned_to: [cast.other.userId] });
    });

    it('rejects taking another contact’s primary e-mail with 409 and changes nothing', async () => {
      const first = await seedContact();
      const second = await seedContact({ title: 'unchanged' });
      const res = await t.api.put(
        `/api/contacts/${second.id}/`,
        { primary_email: first.primary_email, title: 'changed' },
        as(cast, 'admin'),
      );
      expect(res.status).toBe(409);
      expect((await t.api.get(`/api/contacts/${second.id}/`, as(cast, 'admin'))).body.title).toBe('unchanged');
    });

    it('answers a non-UUID id with 400 and an unknown id with 404', async () => {
      expect((await t.api.get('/api/contacts/42/', as(cast, 'admin'))).status).toBe(400);
      expect((await t.api.put(`/api/contacts/${randomUUID()}/`, { title: 'x' }, as(cast, 'admin'))).status).toBe(404);
    });
  });

  describe('filters and pages', () => {
    it('filters by name (first or last, partial, any case), city, phone, e-mail and assignee', async () => {
      const tag = randomUUID().slice(0, 8);
      const a = await seedContact({ first_name: `Ada${tag}`, last_name: 'King', city: `Lon${tag}`, mobile_number: '+44 20 7946 0001' });
      const b = await seedContact({ first_name: 'Charles', last_name: `Bab${tag}`, assigned_to: [cast.other.userId] });
      const find = async (query: string) =>
        (await t.api.get(`/api/contacts/?${query}`, as(cast, 'admin'))).body.results.map((c: { id: string }) => c.id);
      expect(await find(`name=${tag.toUpperCase()}`)).toEqual([b.id, a.id]);
      expect(await find(`city=lon${tag}`)).toEqual([a.id]);
      expect(await find(`phone=7946 0001&name=${tag}`)).toEqual([a.id]);
      expect(await find(`email=${a.primary_email.slice(8, 20)}`)).toEqual([a.id]);
      expect(await find(`assigned_to=${cast.other.userId}&name=${tag}`)).toEqual([b.id]);
    });

    it('matches % and _ literally', async () => {
      const tag = randomUUID().slice(0, 8);
      const literal = await seedContact({ first_name: `100%_${tag}` });
      await seedContact({ first_name: `100ab${tag}` });
      const res = await t.api.get(`/api/contacts/?name=${encodeURIComponent(`100%_${tag}`)}`, as(cast, 'admin'));
      expect(res.body.results.map((c: { id: string }) => c.id)).toEqual([literal.id]);
    });

    it('pages newest first with next/previous links that keep the filters', async () => {
      const city = `Pages-${randomUUID()}`;
      const made = [];
      for (let i = 0; i < 3; i += 1) made.push(await seedContact({ city }));
      const first = await t.api.get(`/api/contacts/?city=${city}&limit=2`, as(cast, 'admin'));
      expect(first.body.count).toBe(3);
      expect(first.body.results.map((c: { id: string }) => c.id)).toEqual([made[2].id, made[1].id]);
      expect(first.body.previous).toBeNull();
      expect(first.body.next).toBe(`/api/contacts/?limit=2&city=${city}&offset=2`);
      const second = await t.api.get(first.body.next, as(cast, 'admin'));
      expect(second.body.results.map((c: { id: string }) => c.id)).toEqual([made[0].id]);
      expect(second.body.next).toBeNull();
      expect(second.body.previous).toBe(`/api/contacts/?limit=2&city=${city}&offset=0`);
    });

    it.each([
      ['limit=101', 'limit'],
      ['limit=0', 'limit'],
      ['offset=-1', 'offset'],
      ['limit=ten', 'limit'],
      ['assigned_to=me', 'assigned_to'],
      ['colour=red', 'colour'],
    ])('rejects %s with 400', async (query, field) => {
      const res = await t.api.get(`/api/contacts/?${query}`, as(cast, 'admin'));
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveProperty(field);
    });
  });
});
