import { randomUUID } from 'node:crypto';
import { as, type Cast, createCast } from './support/cast.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('teams', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
  });
  afterAll(() => t.close());

  const seedTeam = async (extra: Record<string, unknown> = {}) => {
    const res = await t.api.post('/api/teams/', { name: `Team ${randomUUID()}`, ...extra }, as(cast, 'admin'));
    expect(res.status).toBe(201);
    return res.body;
  };

  it('creates a team with members shown as {id, email, name}', async () => {
    const res = await t.api.post(
      '/api/teams/',
      { name: 'Support', description: 'First line', users: [cast.creator.userId, cast.assignee.userId] },
      as(cast, 'admin'),
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'Support',
      description: 'First line',
      users: expect.arrayContaining([
        { id: cast.creator.userId, email: cast.creator.email, name: 'creator' },
        { id: cast.assignee.userId, email: cast.assignee.email, name: 'assignee' },
      ]),
      created_by: cast.admin.userId,
      created_on: expect.any(String),
    });
    expect(res.body.users).toHaveLength(2);
  });

  it.each([
    ['admin', 201],
    ['creator', 403],
  ] as const)('POST /api/teams/ as %s -> %i', async (who, status) => {
    const res = await t.api.post('/api/teams/', { name: `T ${randomUUID()}` }, as(cast, who));
    expect(res.status).toBe(status);
  });

  it.each([
    ['admin', 200],
    ['other', 200],
    ['outsider', 404],
  ] as const)('GET /api/teams/{id} as %s -> %i', async (who, status) => {
    const team = await seedTeam();
    expect((await t.api.get(`/api/teams/${team.id}/`, as(cast, who))).status).toBe(status);
  });

  it('lists the teams to every member, and none of another organization', async () => {
    const team = await seedTeam();
    const mine = await t.api.get(`/api/teams/?name=${team.name.slice(5)}`, as(cast, 'other'));
    expect(mine.body.results.map((x: { id: string }) => x.id)).toEqual([team.id]);
    const theirs = await t.api.get(`/api/teams/?name=${team.name.slice(5)}`, as(cast, 'outsider'));
    expect(theirs.body.count).toBe(0);
  });

  it.each([
    ['admin', 200],
    ['creator', 403],
    ['outsider', 404],
  ] as const)('PUT /api/teams/{id} as %s -> %i', async (who, status) => {
    const team = await seedTeam();
    const res = await t.api.put(`/api/teams/${team.id}/`, { description: 'changed' }, as(cast, who));
    expect(res.status).toBe(status);
    const after = await t.api.get(`/api/teams/${team.id}/`, as(cast, 'admin'));
    expect(after.body.description).toBe(status === 200 ? 'changed' : '');
  });

  it.each([
    ['admin', 204],
    ['creator', 403],
    ['outsider', 404],
  ] as const)('DELETE /api/teams/{id} as %s -> %i', async (who, status) => {
    const team = await seedTeam();
    expect((await t.api.delete(`/api/teams/${team.id}/`, as(cast, who))).status).toBe(status);
    expect((await t.api.get(`/api/teams/${team.id}/`, as(cast, 'admin'))).status).toBe(status === 204 ? 404 : 200);
  });

  it('replaces members when users is sent and keeps them otherwise', async () => {
    const team = await seedTeam({ users: [cast.creator.userId] });
    const renamed = await t.api.put(`/api/teams/${team.id}/`, { name: `${team.name} 2` }, as(cast, 'admin'));
    expect(renamed.body.users.map((u: { id: string }) => u.id)).toEqual([cast.creator.userId]);
    const replaced = await t.api.put(`/api/teams/${team.id}/`, { users: [cast.other.userId] }, as(cast, 'admin'));
    expect(replaced.body.users.map((u: { id: string }) => u.id)).toEqual([cast.other.userId]);
    const emptied = await t.api.put(`/api/teams/${team.id}/`, { users: [] }, as(cast, 'admin'));
    expect(emptied.body.users).toEqual([]);
  });

  it('rejects a member of another organization and an unknown id, naming them, and writes nothing', async () => {
    const ghost = randomUUID();
    const name = `Team ${randomUUID()}`;
    const res = await t.api.post(
      '/api/teams/',
      { name, users: [cast.creator.userId, cast.outsider.userId, ghost] },
      as(cast, 'admin'),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.users[0]).toContain(cast.outsider.userId);
    expect(res.body.errors.users[0]).toContain(ghost);
    expect(res.body.errors.users[0]).not.toContain(cast.creator.userId);
    expect((await t.api.get(`/api/teams/?name=${name}`, as(cast, 'admin'))).body.count).toBe(0);
  });

  it('rejects a duplicate name, ignoring case, with 409 (create and rename)', async () => {
    const team = await seedTeam();
    const dup = await t.api.post('/api/teams/', { name: team.name.toUpperCase() }, as(cast, 'admin'));
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('TEAM_NAME_TAKEN');
    const other = await seedTeam();
    expect((await t.api.put(`/api/teams/${other.id}/`, { name: team.name }, as(cast, 'admin'))).status).toBe(409);
    expect((await t.api.post('/api/teams/', { name: team.name }, as(cast, 'outsider'))).status).toBe(201);
  });

  it.each([
    [{}, 'name'],
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(256) }, 'name'],
    [{ name: 'ok', users: 'not-a-list' }, 'users'],
    [{ name: 'ok', users: [1, 2] }, 'users'],
    [{ name: 'ok', users: ['11111111-1111-4111-8111-111111111111', '11111111-1111-4111-8111-111111111111'] }, 'users'],
  ])('rejects %j with 400 naming %s', async (body, field) => {
    const res = await t.api.post('/api/teams/', body, as(cast, 'admin'));
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty(field);
  });

  it('removes a deleted team from contacts assigned to it', async () => {
    const team = await seedTeam();
    const contact = await t.api.post(
      '/api/contacts/',
      { first_name: 'A', last_name: 'B', primary_email: `c-${randomUUID()}@x.co`, teams: [team.id] },
      as(cast, 'admin'),
    );
    await t.api.delete(`/api/teams/${team.id}/`, as(cast, 'admin'));
    expect((await t.api.get(`/api/contacts/${contact.body.id}/`, as(cast, 'admin'))).body.teams).toEqual([]);
  });
});
