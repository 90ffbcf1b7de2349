import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Member } from './support/api.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const withRedis = process.env.REDIS_URL ? describe : describe.skip;

/**
 * The membership behind every request is cached per process; a change must still take effect at
 * once where it was made, across instances through Redis, and within MEMBERSHIP_CACHE_MS otherwise.
 */
describe('membership changes reach every request', () => {
  describe('in the instance that made them', () => {
    let t: TestApp;
    let admin: Member;
    let member: Member;
    let orgId: string;

    beforeAll(async () => {
      // A cache that would otherwise trust what it read for a minute.
      t = await createTestApp({ MEMBERSHIP_CACHE_MS: '60000' });
      admin = await t.api.signUp('admin');
      orgId = await t.api.createOrg(admin);
    });
    beforeEach(async () => {
      member = await t.api.addMember(admin, orgId, 'ADMIN', 'member');
    });
    afterAll(() => t.close());

    const asMember = () => ({ token: member.token, orgId });

    it('refuses a removed member on their next request', async () => {
      expect((await t.api.get('/api/accounts/', asMember())).status).toBe(200);
      expect((await t.api.delete(`/api/users/${member.userId}/`, { token: admin.token, orgId })).status).toBe(204);
      const res = await t.api.get('/api/accounts/', asMember());
      expect([res.status, res.body.code]).toEqual([403, 'ORG_ACCESS_DENIED']);
    });

    it('applies a demotion and a deactivation on the next request', async () => {
      expect((await t.api.get('/api/users/', asMember())).status).toBe(200);
      await t.api.put(`/api/users/${member.userId}/`, { role: 'USER' }, { token: admin.token, orgId });
      expect((await t.api.get('/api/users/', asMember())).body.code).toBe('ROLE_REQUIRED');
      await t.api.put(`/api/users/${member.userId}/`, { is_active: false }, { token: admin.token, orgId });
      expect((await t.api.get('/api/accounts/', asMember())).body.code).toBe('ORG_ACCESS_DENIED');
    });
  });

  it('refuses a member removed behind the process’s back once MEMBERSHIP_CACHE_MS has passed', async () => {
    const t = await createTestApp({ MEMBERSHIP_CACHE_MS: '300' });
    try {
      const admin = await t.api.signUp('admin');
      const orgId = await t.api.createOrg(admin);
      const member = await t.api.addMember(admin, orgId, 'USER', 'member');
      expect((await t.api.get('/api/accounts/', { token: member.token, orgId })).status).toBe(200);
      // As another instance would without Redis to announce it: the row goes, nobody here is told.
      await t.app.get(DataSource).query('DELETE FROM profiles WHERE user_id = $1 AND org_id = $2', [member.userId, orgId]);
      await new Promise((resolve) => setTimeout(resolve, 350));
      expect((await t.api.get('/api/accounts/', { token: member.token, orgId })).body.code).toBe('ORG_ACCESS_DENIED');
    } finally {
      await t.close();
    }
  });

  withRedis('across instances sharing Redis', () => {
    let database: TestDatabase;
    let first: TestApp;
    let second: TestApp;

    beforeAll(async () => {
      database = await createTestDatabase();
      const env = { MEMBERSHIP_CACHE_MS: '60000', QUEUE_PREFIX: `crm-test-members-${randomUUID()}` };
      first = await createTestApp(env, { database });
      second = await createTestApp(env, { database });
    });
    afterAll(async () => {
      await second?.close();
      await first?.close();
      await database.dispose();
    });

    it('refuses a member removed through one instance on the other, long before the cache would expire', async () => {
      const admin = await first.api.signUp('admin');
      const orgId = await first.api.createOrg(admin);
      const member = await first.api.addMember(admin, orgId, 'USER', 'member');
      expect((await second.api.get('/api/accounts/', { token: member.token, orgId })).status).toBe(200);
      expect((await first.api.delete(`/api/users/${member.userId}/`, { token: admin.token, orgId })).status).toBe(204);
      const deadline = Date.now() + 2000;
      let code: string | undefined;
      while (Date.now() < deadline && code !== 'ORG_ACCESS_DENIED') {
        code = (await second.api.get('/api/accounts/', { token: member.token, orgId })).body.code;
        if (code !== 'ORG_ACCESS_DENIED') await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(code).toBe('ORG_ACCESS_DENIED');
    });
  });
});
