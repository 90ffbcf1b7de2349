import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AppConfig } from '../src/config/app-config.js';
import type { Member } from './support/api.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { NO_PROFILE_DETAILS } from './support/factories.js';

describe('access: tokens and the organization header', () => {
  let t: TestApp;
  let admin: Member;
  let orgId: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.api.signUp('admin');
    orgId = await t.api.createOrg(admin, 'Acme');
  });
  afterAll(() => t.close());

  const signAccess = (payload: object, expiresIn: number) => {
    const config = t.app.get(AppConfig);
    return t.app.get(JwtService).sign(payload, { secret: config.jwt.accessSecret, expiresIn });
  };

  describe('401 for a missing, malformed or expired token, always JSON', () => {
    it.each([
      ['no header', undefined, 'TOKEN_MISSING'],
      ['garbage', 'Bearer garbage', 'TOKEN_INVALID'],
      ['wrong scheme', 'Basic dXNlcjpwYXNz', 'TOKEN_MISSING'],
    ])('%s', async (_name, authorization, code) => {
      const res = await t.api.request('GET', '/api/profile/', {
        orgId,
        headers: authorization ? { authorization } : {},
      });
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.body).toMatchObject({ error: true, statusCode: 401, code });
    });

    it('an expired token', async () => {
      const expired = signAccess({ sub: admin.userId, typ: 'access', iat: Math.floor(Date.now() / 1000) - 120 }, 60);
      const res = await t.api.get('/api/profile/', { token: expired, orgId });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('TOKEN_EXPIRED');
    });

    it('a token signed with another secret', async () => {
      const forged = new JwtService().sign(
        { sub: admin.userId, typ: 'access' },
        { secret: 'x'.repeat(40), expiresIn: 60 },
      );
      const res = await t.api.get('/api/org/', { token: forged });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('TOKEN_INVALID');
    });

    it('a refresh token presented as an access token', async () => {
      const res = await t.api.get('/api/org/', { token: admin.refreshToken });
      expect(res.status).toBe(401);
    });
  });

  describe('organization header', () => {
    it('missing -> 400 ORG_HEADER_REQUIRED', async () => {
      const res = await t.api.get('/api/profile/', { token: admin.token });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'ORG_HEADER_REQUIRED', errors: { 'organization-id': ['is required'] } });
    });

    it('not a UUID -> 400', async () => {
      const res = await t.api.get('/api/profile/', { token: admin.token, orgId: 'acme' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('ORG_HEADER_INVALID');
    });

    it('an organization the caller is not in -> 403, the same whether it exists or not', async () => {
      const stranger = await t.api.signUp('stranger');
      const strangersOrg = await t.api.createOrg(stranger, 'Globex');
      const foreign = await t.api.get('/api/profile/', { token: admin.token, orgId: strangersOrg });
      const unknown = await t.api.get('/api/profile/', { token: admin.token, orgId: randomUUID() });
      expect(foreign.status).toBe(403);
      expect(unknown.status).toBe(403);
      expect(foreign.body.code).toBe('ORG_ACCESS_DENIED');
      expect(foreign.body.message).toBe(unknown.body.message);
    });

    it('accepts the reference client header name `org` as an alias', async () => {
      const res = await t.api.request('GET', '/api/profile/', { token: admin.token, headers: { org: orgId } });
      expect(res.status).toBe(200);
    });

    it('refuses a member whose profile was deactivated', async () => {
      const member = await t.api.signUp('member');
      const memberOrg = await t.api.createOrg(member, 'Initech');
      await t.app.get(DataSource).query('UPDATE profiles SET is_active = false WHERE user_id = $1 AND org_id = $2', [
        member.userId,
        memberOrg,
      ]);
      const res = await t.api.get('/api/profile/', { token: member.token, orgId: memberOrg });
      expect(res.status).toBe(403);
    });
  });

  describe('GET /api/profile/', () => {
    it("returns the caller's profile in the organization", async () => {
      const res = await t.api.get('/api/profile/', { token: admin.token, orgId });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: admin.userId,
        email: admin.email,
        first_name: 'admin',
        last_name: '',
        role: 'ADMIN',
        is_active: true,
        organization: { id: orgId, name: 'Acme' },
        created_on: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        ...NO_PROFILE_DETAILS,
      });
    });
  });
});
