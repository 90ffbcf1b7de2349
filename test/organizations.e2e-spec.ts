import type { Member } from './support/api.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('organizations: GET/POST /api/org/', () => {
  let t: TestApp;
  let ada: Member;

  beforeAll(async () => {
    t = await createTestApp();
    ada = await t.api.signUp('ada');
  });
  afterAll(() => t.close());

  it('creates an organization with the caller as ADMIN and answers 201', async () => {
    const res = await t.api.post('/api/org/', { name: '  Analytical Engines  ' }, { token: ada.token });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Analytical Engines',
      role: 'ADMIN',
      created_on: expect.any(String),
    });
    const profile = await t.api.get('/api/profile/', { token: ada.token, orgId: res.body.id });
    expect(profile.body.role).toBe('ADMIN');
  });

  it("lists only the caller's organizations with the caller's role", async () => {
    const bob = await t.api.signUp('bob');
    const bobsOrg = await t.api.createOrg(bob, 'Bob Ltd');
    const res = await t.api.get('/api/org/', { token: bob.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      organizations: [{ id: bobsOrg, name: 'Bob Ltd', role: 'ADMIN', created_on: expect.any(String) }],
      profile_org_list: [{ role: 'ADMIN', org: { id: bobsOrg, name: 'Bob Ltd' } }],
    });
  });

  it('rejects a second organization of the same caller with the same name, ignoring case: 409', async () => {
    await t.api.createOrg(ada, 'Difference Co');
    const res = await t.api.post('/api/org/', { name: 'DIFFERENCE CO' }, { token: ada.token });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'ORGANIZATION_NAME_TAKEN', errors: { name: expect.any(Array) } });
  });

  it('lets two different people use the same organization name', async () => {
    const carol = await t.api.signUp('carol');
    await t.api.createOrg(ada, 'Shared Name');
    const res = await t.api.post('/api/org/', { name: 'Shared Name' }, { token: carol.token });
    expect(res.status).toBe(201);
  });

  it.each([
    ['missing name', {}],
    ['blank name', { name: '   ' }],
    ['name over 255 characters', { name: 'x'.repeat(256) }],
    ['name of the wrong type', { name: 12 }],
  ])('rejects %s with 400 naming the field, creating nothing', async (_case, body) => {
    const before = await t.api.get('/api/org/', { token: ada.token });
    const res = await t.api.post('/api/org/', body, { token: ada.token });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('name');
    const after = await t.api.get('/api/org/', { token: ada.token });
    expect(after.body.organizations).toHaveLength(before.body.organizations.length);
  });

  it('needs a token but no organization header', async () => {
    expect((await t.api.get('/api/org/')).status).toBe(401);
    expect((await t.api.get('/api/org/', { token: ada.token })).status).toBe(200);
  });
});
