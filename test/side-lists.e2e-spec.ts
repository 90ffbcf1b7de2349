import { as, type Cast, createCast } from './support/cast.js';
import { makeCase, makeContact, makeLead, makeTeam } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const LIMIT = 100;
const OVER = 3;

/** In batches, so the setup does not trip the per-organization write limits or hog the pool. */
async function times(n: number, make: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < n; i += 10) await Promise.all(Array.from({ length: Math.min(10, n - i) }, (_, j) => make(i + j)));
}

/**
 * The seed's side lists (the organization's contacts, users, teams and tags beside a page of
 * accounts or leads) carry at most 100 entries with the total beside them, so a page costs the
 * same with ten contacts or ten thousand.
 */
describe('side lists are bounded and counted', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
    const admin = as(cast, 'admin');
    await times(LIMIT + OVER, (i) => makeContact(t, admin, { first_name: `C${String(i).padStart(3, '0')}` }));
    await times(LIMIT + OVER, (i) => makeTeam(t, admin, { name: `Team ${String(i).padStart(3, '0')}` }));
    // Tags come into being on the records that carry them.
    const tags = Array.from({ length: LIMIT + OVER }, (_, i) => `tag-${String(i).padStart(3, '0')}`);
    await times(Math.ceil(tags.length / 10), (i) => makeLead(t, admin, { tags: tags.slice(i * 10, i * 10 + 10) }));
  });
  afterAll(() => t.close());

  it('accounts: the first 100 contacts and teams by name, with their totals', async () => {
    const res = await t.api.get('/api/accounts/?limit=1', as(cast, 'admin'));
    expect(res.status).toBe(200);
    expect(res.body.contacts).toHaveLength(LIMIT);
    expect(res.body.contacts_count).toBe(LIMIT + OVER);
    expect(res.body.contacts[0].name).toMatch(/^C000 /);
    expect(res.body.teams).toHaveLength(LIMIT);
    expect(res.body.teams_count).toBe(LIMIT + OVER);
    expect(res.body.teams.at(-1).name).toBe('Team 099');
    expect(res.body.users_count).toBe(res.body.users.length);
  });

  it('leads: the first 100 tags by name, with the total', async () => {
    const res = await t.api.get('/api/leads/?limit=1', as(cast, 'admin'));
    expect(res.status).toBe(200);
    expect(res.body.tags).toHaveLength(LIMIT);
    expect(res.body.tags_count).toBe(LIMIT + OVER);
    expect(res.body.tags[0].name).toBe('tag-000');
    expect(res.body.contacts_count).toBe(LIMIT + OVER);
  });

  it('counts only what the caller may see', async () => {
    const res = await t.api.get('/api/accounts/?limit=1', as(cast, 'other'));
    expect(res.body).toMatchObject({ contacts: [], contacts_count: 0, teams_count: LIMIT + OVER });
  });

  // Last: it deactivates a member of the cast.
  it('shows a deactivated assignee on the record but no longer offers them for mentions', async () => {
    const admin = as(cast, 'admin');
    const kase = await makeCase(t, admin, { assigned_to: [cast.other.userId, cast.assignee.userId] });
    const before = (await t.api.get(`/api/cases/${kase.id}/`, admin)).body;
    expect((before.users_mention as { id: string }[]).map((user) => user.id)).toContain(cast.other.userId);
    // The organization's four members (the outsider belongs to another organization).
    expect(before.users_mention_count).toBe(4);
    await t.api.put(`/api/users/${cast.other.userId}/`, { is_active: false }, admin);
    const after = (await t.api.get(`/api/cases/${kase.id}/`, admin)).body;
    expect((after.assigned_to as { id: string }[]).map((user) => user.id).sort()).toEqual([cast.other.userId, cast.assignee.userId].sort());
    expect((after.users_mention as { id: string }[]).map((user) => user.id)).not.toContain(cast.other.userId);
    expect(after.users_mention_count).toBe(3);
  });
});
