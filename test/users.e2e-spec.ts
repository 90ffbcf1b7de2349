import { randomUUID } from 'node:crypto';
import { as, type Cast, createCastThroughApi } from './support/cast.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { NO_PROFILE_DETAILS } from './support/factories.js';

describe('users of an organization', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCastThroughApi(t.api);
  });
  afterAll(() => t.close());

  const newEmail = () => `new-${randomUUID()}@example.com`;

  describe('GET /api/users/', () => {
    it.each([
      ['admin', 200],
      ['creator', 403],
      ['outsider', 200],
    ] as const)('as %s -> %i (the outsider sees only their own organization)', async (who, status) => {
      const res = await t.api.get('/api/users/', as(cast, who));
      expect(res.status).toBe(status);
      if (who === 'outsider') expect(res.body.results.map((u: { id: string }) => u.id)).toEqual([cast.outsider.userId]);
    });

    it('lists members newest first and filters by e-mail, role and active state', async () => {
      const all = await t.api.get('/api/users/?limit=100', as(cast, 'admin'));
      expect(all.body.count).toBeGreaterThanOrEqual(4);
      expect(all.body.results[all.body.results.length - 1]).toEqual({
        id: cast.admin.userId,
        email: cast.admin.email,
        first_name: 'admin',
        last_name: '',
        role: 'ADMIN',
        is_active: true,
        created_on: expect.any(String),
        ...NO_PROFILE_DETAILS,
      });
      const admins = await t.api.get('/api/users/?role=ADMIN', as(cast, 'admin'));
      expect(admins.body.results.map((u: { id: string }) => u.id)).toEqual([cast.admin.userId]);
      const byEmail = await t.api.get(`/api/users/?email=${cast.other.email.slice(0, 12).toUpperCase()}`, as(cast, 'admin'));
      expect(byEmail.body.results.map((u: { id: string }) => u.id)).toEqual([cast.other.userId]);
      const inactive = await t.api.get('/api/users/?is_active=false', as(cast, 'admin'));
      expect(inactive.body.count).toBe(0);
    });

    it.each(['role=OWNER', 'is_active=maybe', 'limit=500'])('rejects %s with 400', async (query) => {
      const res = await t.api.get(`/api/users/?${query}`, as(cast, 'admin'));
      expect(res.status).toBe(400);
    });

    it('names the allowed roles in the error', async () => {
      const res = await t.api.get('/api/users/?role=OWNER', as(cast, 'admin'));
      expect(res.body.errors.role[0]).toContain('ADMIN, USER');
    });
  });

  describe('POST /api/users/ (an invitation; without SMTP the token is handed to the ADMIN)', () => {
    const invite = (body: Record<string, unknown>) => t.api.post('/api/users/', body, as(cast, 'admin'));

    it('invites an address; the person joins with the role only by redeeming the token, setting their own password', async () => {
      const email = newEmail();
      const res = await invite({ email, role: 'USER', first_name: 'Nia' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        email,
        role: 'USER',
        status: 'pending',
        expires_at: expect.any(String),
        invited_by: cast.admin.userId,
        created_on: expect.any(String),
        invite_token: expect.stringMatching(/^inv_/),
        invite_url: expect.stringContaining('/accept-invite?token=inv_'),
      });
      const members = await t.api.get('/api/users/?limit=100', as(cast, 'admin'));
      expect(members.body.results.map((u: { email: string }) => u.email)).not.toContain(email);
      expect((await t.api.post('/api/auth/login/', { email, password: 'anything at all' })).status).toBe(401);

      const accepted = await t.api.post('/api/auth/accept-invite/', { token: res.body.invite_token, password: 'my own secret' });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toEqual({ user_id: expect.any(String), email, org_id: cast.orgId, role: 'USER' });
      const login = await t.api.post('/api/auth/login/', { email, password: 'my own secret' });
      expect(login.status).toBe(200);
      const profile = await t.api.get('/api/profile/', { token: login.body.access_token, orgId: cast.orgId });
      expect(profile.body).toMatchObject({ role: 'USER', first_name: 'Nia' });

      const again = await t.api.post('/api/auth/accept-invite/', { token: res.body.invite_token, password: 'take over now!' });
      expect(again.status).toBe(400);
      expect(again.body.errors).toHaveProperty('token');
    });

    it('rejects a made-up invite token', async () => {
      const res = await t.api.post('/api/auth/accept-invite/', { token: 'inv_nope', password: 'whatever 12345' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveProperty('token');
    });

    it('answers the same whether or not the address has an account, and touches neither password nor names', async () => {
      const existing = await invite({ email: cast.outsider.email, role: 'USER', first_name: 'Renamed' });
      const fresh = await invite({ email: newEmail(), role: 'USER', first_name: 'Renamed' });
      expect(existing.status).toBe(fresh.status);
      const shape = (body: Record<string, unknown>) => Object.keys(body).sort();
      expect(shape(existing.body)).toEqual(shape(fresh.body));
      expect(existing.body.id).not.toBe(cast.outsider.userId);
      const login = await t.api.post('/api/auth/login/', { email: cast.outsider.email, password: cast.outsider.password });
      expect(login.status).toBe(200);
      expect((await t.api.get('/api/profile/', { token: login.body.access_token, orgId: cast.orgId })).status).toBe(403);
    });

    it('never lets the inviter set a password', async () => {
      const res = await invite({ email: newEmail(), role: 'USER', password: 'attacker password' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual({ password: ['is not an allowed field'] });
    });

    it('rejects a person who is already a member with 409', async () => {
      const res = await invite({ email: cast.creator.email.toUpperCase(), role: 'ADMIN' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('USER_ALREADY_MEMBER');
    });

    it('replaces a pending invitation of the same address, lists pending ones and revokes', async () => {
      const email = newEmail();
      const first = await invite({ email, role: 'USER' });
      const second = await invite({ email, role: 'ADMIN' });
      const pending = await t.api.get('/api/users/invitations/?limit=100', as(cast, 'admin'));
      const mine = pending.body.results.filter((i: { email: string }) => i.email === email);
      expect(mine).toEqual([expect.objectContaining({ id: second.body.id, role: 'ADMIN' })]);
      expect((await t.api.post('/api/auth/accept-invite/', { token: first.body.invite_token, password: 'fine password 1' })).status).toBe(400);

      expect((await t.api.delete(`/api/users/invitations/${second.body.id}/`, as(cast, 'outsider'))).status).toBe(404);
      expect((await t.api.delete(`/api/users/invitations/${second.body.id}/`, as(cast, 'admin'))).status).toBe(204);
      expect((await t.api.post('/api/auth/accept-invite/', { token: second.body.invite_token, password: 'fine password 1' })).status).toBe(400);
      expect((await t.api.get('/api/users/invitations/', as(cast, 'creator'))).status).toBe(403);
    });

    it.each([
      [{ email: 'x@y.co' }, ['role']],
      [{ email: 'bad', role: 'USER' }, ['email']],
      [{ email: 'x@y.co', role: 'KING' }, ['role']],
      [{ email: 'x@y.co', role: 'USER', org: randomUUID() }, ['org']],
    ])('rejects %j with 400', async (body, fields) => {
      const res = await invite(body);
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors)).toEqual(fields);
    });

    it('is for ADMINs only', async () => {
      const res = await t.api.post('/api/users/', { email: newEmail(), role: 'ADMIN' }, as(cast, 'creator'));
      expect(res.status).toBe(403);
    });
  });

  describe('GET /api/users/{id}/', () => {
    it.each([
      ['admin', 'other', 200],
      ['other', 'other', 200],
      // Another member is out of a USER's sight, answered like any hidden record.
      ['creator', 'other', 404],
      ['outsider', 'other', 404],
    ] as const)('as %s reading %s -> %i', async (who, target, status) => {
      const res = await t.api.get(`/api/users/${cast[target].userId}/`, as(cast, who));
      expect(res.status).toBe(status);
    });

    it('answers an unknown id with 404 and a malformed one with 400', async () => {
      expect((await t.api.get(`/api/users/${randomUUID()}/`, as(cast, 'admin'))).status).toBe(404);
      expect((await t.api.get('/api/users/me/', as(cast, 'admin'))).body.errors).toEqual({ id: ['must be a UUID'] });
    });
  });

  describe('PUT and DELETE /api/users/{id}/', () => {
    it('changes a role; a USER may not', async () => {
      const member = await t.api.addMember(cast.admin, cast.orgId);
      expect((await t.api.put(`/api/users/${member.userId}/`, { role: 'ADMIN' }, as(cast, 'creator'))).status).toBe(403);
      const res = await t.api.put(`/api/users/${member.userId}/`, { role: 'ADMIN' }, as(cast, 'admin'));
      expect(res.status).toBe(200);
      expect(res.body.role).toBe('ADMIN');
      expect((await t.api.get('/api/users/', { token: member.token, orgId: cast.orgId })).status).toBe(200);
    });

    it('deactivates a member, who is then refused by the organization and as an assignee; reactivates', async () => {
      const member = await t.api.addMember(cast.admin, cast.orgId);
      const off = await t.api.put(`/api/users/${member.userId}/`, { is_active: false }, as(cast, 'admin'));
      expect(off.body.is_active).toBe(false);
      expect((await t.api.get('/api/profile/', { token: member.token, orgId: cast.orgId })).status).toBe(403);
      const assign = await t.api.post(
        '/api/contacts/',
        { first_name: 'A', last_name: 'B', primary_email: newEmail(), assigned_to: [member.userId] },
        as(cast, 'admin'),
      );
      expect(assign.status).toBe(400);
      expect(assign.body.errors.assigned_to[0]).toContain(member.userId);

      await t.api.put(`/api/users/${member.userId}/`, { is_active: true }, as(cast, 'admin'));
      expect((await t.api.get('/api/profile/', { token: member.token, orgId: cast.orgId })).status).toBe(200);
    });

    it('never leaves an organization without an active ADMIN', async () => {
      const solo = await t.api.signUp('solo');
      const orgId = await t.api.createOrg(solo);
      const caller = { token: solo.token, orgId };
      for (const change of [{ role: 'USER' }, { is_active: false }]) {
        const res = await t.api.put(`/api/users/${solo.userId}/`, change, caller);
        expect(res.status).toBe(409);
        expect(res.body.code).toBe('LAST_ADMIN');
      }
      expect((await t.api.delete(`/api/users/${solo.userId}/`, caller)).status).toBe(409);
      expect((await t.api.get('/api/profile/', caller)).body.role).toBe('ADMIN');

      const second = await t.api.addMember(solo, orgId, 'ADMIN');
      expect((await t.api.put(`/api/users/${solo.userId}/`, { role: 'USER' }, caller)).status).toBe(200);
      expect((await t.api.delete(`/api/users/${second.userId}/`, { token: second.token, orgId })).status).toBe(409);
    });

    it('removes a member: 204, and the person can no longer use the organization', async () => {
      const member = await t.api.addMember(cast.admin, cast.orgId);
      expect((await t.api.delete(`/api/users/${member.userId}/`, as(cast, 'creator'))).status).toBe(403);
      expect((await t.api.delete(`/api/users/${member.userId}/`, as(cast, 'admin'))).status).toBe(204);
      expect((await t.api.get('/api/profile/', { token: member.token, orgId: cast.orgId })).status).toBe(403);
      expect((await t.api.delete(`/api/users/${member.userId}/`, as(cast, 'admin'))).status).toBe(404);
    });

    it("cannot touch another organization's member", async () => {
      const res = await t.api.put(`/api/users/${cast.admin.userId}/`, { role: 'USER' }, as(cast, 'outsider'));
      expect(res.status).toBe(404);
      expect((await t.api.delete(`/api/users/${cast.admin.userId}/`, as(cast, 'outsider'))).status).toBe(404);
    });

    it('rejects unknown fields and bad values', async () => {
      const res = await t.api.put(`/api/users/${cast.other.userId}/`, { role: 'GOD', email: 'x@y.co' }, as(cast, 'admin'));
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors).sort()).toEqual(['email', 'role']);
    });
  });

  describe('PUT /api/profile/', () => {
    it('lets anyone change their own names, and only names', async () => {
      const res = await t.api.put('/api/profile/', { first_name: 'Grace', last_name: 'Hopper' }, as(cast, 'other'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: cast.other.userId, first_name: 'Grace', last_name: 'Hopper', role: 'USER' });
      const escalate = await t.api.put('/api/profile/', { role: 'ADMIN' }, as(cast, 'other'));
      expect(escalate.status).toBe(400);
      expect(escalate.body.errors).toEqual({ role: ['is not an allowed field'] });
    });
  });
});
