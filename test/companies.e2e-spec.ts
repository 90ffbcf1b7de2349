import { randomUUID } from 'node:crypto';
import { as, type Cast, createCast } from './support/cast.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('companies', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
  });
  afterAll(() => t.close());

  const seed = async (extra: Record<string, unknown> = {}) => {
    const res = await t.api.post('/api/leads/companies/', { name: `Co ${randomUUID()}`, ...extra }, as(cast, 'creator'));
    expect(res.status).toBe(201);
    return res.body;
  };

  it('creates the seed example and lists it under companies', async () => {
    const res = await t.api.post(
      '/api/leads/companies/',
      { name: 'New Tech Startup', industry: 'Software', website: 'https://newtechstartup.com' },
      as(cast, 'creator'),
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'New Tech Startup',
      industry: 'Software',
      website: 'https://newtechstartup.com',
      created_from_lead: null,
      created_by: cast.creator.userId,
      created_on: expect.any(String),
    });
    const list = await t.api.get('/api/leads/companies/?name=new%20tech', as(cast, 'other'));
    expect(list.body).toEqual({ companies: [res.body], count: 1 });
  });

  it('keeps names unique per organization, ignoring case (409), but not across organizations', async () => {
    const company = await seed();
    const dup = await t.api.post('/api/leads/companies/', { name: company.name.toUpperCase() }, as(cast, 'admin'));
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('COMPANY_NAME_TAKEN');
    const other = await seed();
    expect((await t.api.put(`/api/leads/company/${other.id}/`, { name: company.name }, as(cast, 'admin'))).status).toBe(409);
    expect((await t.api.post('/api/leads/companies/', { name: company.name }, as(cast, 'outsider'))).status).toBe(201);
  });

  it.each([
    ['admin', 200],
    ['other', 200],
    ['outsider', 404],
  ] as const)('GET and PUT /api/leads/company/{id} as %s -> %i', async (who, status) => {
    const company = await seed();
    expect((await t.api.get(`/api/leads/company/${company.id}/`, as(cast, who))).status).toBe(status);
    expect((await t.api.put(`/api/leads/company/${company.id}/`, { industry: 'Retail' }, as(cast, who))).status).toBe(status);
  });

  it.each([
    ['admin', 204],
    ['creator', 204],
    ['other', 403],
    ['outsider', 404],
  ] as const)('DELETE /api/leads/company/{id} as %s -> %i', async (who, status) => {
    const company = await seed();
    expect((await t.api.delete(`/api/leads/company/${company.id}/`, as(cast, who))).status).toBe(status);
  });

  it('links the lead it came from, only a lead of the organization', async () => {
    // Assigned to the creator, who links it: a USER may link only leads they can see.
    const lead = await t.api.post('/api/leads/', { first_name: 'A', last_name: 'B', assigned_to: [cast.creator.userId] }, as(cast, 'admin'));
    const ok = await seed({ created_from_lead: lead.body.id });
    expect(ok.created_from_lead).toBe(lead.body.id);
    const theirs = await t.api.post('/api/leads/', { first_name: 'A', last_name: 'B' }, as(cast, 'outsider'));
    const bad = await t.api.post('/api/leads/companies/', { name: `X ${randomUUID()}`, created_from_lead: theirs.body.id }, as(cast, 'admin'));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.created_from_lead[0]).toContain(theirs.body.id);
  });

  it.each([
    [{}, 'name'],
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(256) }, 'name'],
    [{ name: 'A', website: 'ftp://x' }, 'website'],
  ])('rejects %j with 400', async (body, field) => {
    const res = await t.api.post('/api/leads/companies/', body, as(cast, 'admin'));
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty(field);
  });
});
