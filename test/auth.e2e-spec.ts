import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { eventually } from './support/smtp-sink.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('auth: register, login, refresh', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A second of grace for replayed refresh tokens (30 s by default), so reuse tests need not wait long.
    t = await createTestApp({ REFRESH_TOKEN_REUSE_GRACE_SECONDS: '1' });
  });
  afterAll(() => t.close());

  const uniqueEmail = () => `person-${randomUUID()}@example.com`;

  describe('POST /api/auth/register/', () => {
    it('creates a person and answers 201 with the id and the lower-cased e-mail', async () => {
      const email = uniqueEmail().toUpperCase();
      const res = await t.api.post('/api/auth/register/', { email, password: 'long enough pw', first_name: 'Ada' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ user_id: expect.stringMatching(/^[0-9a-f-]{36}$/), email: email.toLowerCase() });
    });

    it('rejects an e-mail already registered, whatever its case, with 409', async () => {
      const email = uniqueEmail();
      await t.api.post('/api/auth/register/', { email, password: 'long enough pw' });
      const res = await t.api.post('/api/auth/register/', { email: email.toUpperCase(), password: 'another pw 123' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'EMAIL_TAKEN', errors: { email: expect.any(Array) } });
    });

    it('names every invalid field', async () => {
      const res = await t.api.post('/api/auth/register/', { email: 'not-an-email', password: 'short' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(res.body.errors).sort()).toEqual(['email', 'password']);
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
    });

    it('rejects unknown fields, such as an organization, instead of ignoring them', async () => {
      const res = await t.api.post('/api/auth/register/', {
        email: uniqueEmail(),
        password: 'long enough pw',
        org: randomUUID(),
        is_admin: true,
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual({ org: ['is not an allowed field'], is_admin: ['is not an allowed field'] });
    });

    it('rejects a body of the wrong type', async () => {
      const res = await t.api.post('/api/auth/register/', { email: 42, password: ['x'] });
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveProperty('email');
      expect(res.body.errors).toHaveProperty('password');
    });
  });

  describe('POST /api/auth/login/', () => {
    it('answers an unknown e-mail and a wrong password alike with 401', async () => {
      const member = await t.api.signUp();
      const wrongPassword = await t.api.post('/api/auth/login/', { email: member.email, password: 'wrong password' });
      const unknownEmail = await t.api.post('/api/auth/login/', { email: uniqueEmail(), password: 'wrong password' });
      expect(wrongPassword.status).toBe(401);
      expect(unknownEmail.status).toBe(401);
      const strip = ({ requestId: _r, ...rest }: Record<string, unknown>) => rest;
      expect(strip(wrongPassword.body)).toEqual(strip(unknownEmail.body));
      expect(wrongPassword.body.code).toBe('INVALID_CREDENTIALS');
    });

    it('accepts the e-mail in any case and returns both tokens and the user id', async () => {
      const member = await t.api.signUp();
      const res = await t.api.post('/api/auth/login/', { email: member.email.toUpperCase(), password: member.password });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        access_token: expect.any(String),
        refresh_token: expect.any(String),
        user_id: member.userId,
      });
    });

    it('validates the body', async () => {
      const res = await t.api.post('/api/auth/login/', { email: 'nobody' });
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors).sort()).toEqual(['email', 'password']);
    });
  });

  describe('POST /api/auth/refresh-token/', () => {
    it('rotates: the new pair works and the access token opens protected routes', async () => {
      const member = await t.api.signUp();
      const res = await t.api.post('/api/auth/refresh-token/', { refresh: member.refreshToken });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), access: res.body.access_token, refresh: res.body.refresh_token });
      expect(res.body.refresh_token).not.toBe(member.refreshToken);
      expect((await t.api.get('/api/org/', { token: res.body.access_token })).status).toBe(200);
      const next = await t.api.post('/api/auth/refresh-token/', { refresh: res.body.refresh_token });
      expect(next.status).toBe(200);
    });

    it('answers the same pair to a used token presented again within the grace, as two workers refreshing at once would', async () => {
      const member = await t.api.signUp();
      const [first, second] = await Promise.all([
        t.api.post('/api/auth/refresh-token/', { refresh: member.refreshToken }),
        t.api.post('/api/auth/refresh-token/', { refresh: member.refreshToken }),
      ]);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(second.body).toEqual(first.body);
      expect((await t.api.get('/api/org/', { token: second.body.access_token })).status).toBe(200);
      // The pair both hold stays good: the family was not revoked.
      expect((await t.api.post('/api/auth/refresh-token/', { refresh: first.body.refresh_token })).status).toBe(200);
    });

    it('treats reuse of a used token after the grace as theft: 401 and the whole family is revoked', async () => {
      const member = await t.api.signUp();
      const rotated = await t.api.post('/api/auth/refresh-token/', { refresh: member.refreshToken });
      expect(rotated.status).toBe(200);
      await new Promise((done) => setTimeout(done, 1100));

      const replay = await t.api.post('/api/auth/refresh-token/', { refresh: member.refreshToken });
      expect(replay.status).toBe(401);
      expect(replay.body.code).toBe('REFRESH_TOKEN_REUSED');

      const legitimateNext = await t.api.post('/api/auth/refresh-token/', { refresh: rotated.body.refresh_token });
      expect(legitimateNext.status).toBe(401);
    });

    it('leaves other sign-ins of the same person alone when one family is revoked', async () => {
      const member = await t.api.signUp();
      const other = await t.api.post('/api/auth/login/', { email: member.email, password: member.password });
      await t.api.post('/api/auth/refresh-token/', { refresh: member.refreshToken });
      await new Promise((done) => setTimeout(done, 1100));
      expect((await t.api.post('/api/auth/refresh-token/', { refresh: member.refreshToken })).body.code).toBe('REFRESH_TOKEN_REUSED');
      const res = await t.api.post('/api/auth/refresh-token/', { refresh: other.body.refresh_token });
      expect(res.status).toBe(200);
    });

    it('rejects garbage, an access token, and a missing field', async () => {
      const member = await t.api.signUp();
      const garbage = await t.api.post('/api/auth/refresh-token/', { refresh: 'not.a.token' });
      expect(garbage.status).toBe(401);
      expect(garbage.body.code).toBe('INVALID_REFRESH_TOKEN');
      const access = await t.api.post('/api/auth/refresh-token/', { refresh: member.token });
      expect(access.status).toBe(401);
      const missing = await t.api.post('/api/auth/refresh-token/', {});
      expect(missing.status).toBe(400);
      expect(missing.body.errors).toHaveProperty('refresh');
    });
  });

  describe('a person disabled or deleted', () => {
    it('can no longer refresh or use an access token (401 within the five-second session cache)', async () => {
      const member = await t.api.signUp();
      await t.app.get(DataSource).query('UPDATE users SET is_active = false WHERE id = $1', [member.userId]);
      expect((await t.api.post('/api/auth/refresh-token/', { refresh: member.refreshToken })).status).toBe(401);
      await eventually(async () => expect((await t.api.post('/api/org/', { name: 'After' }, { token: member.token })).status).toBe(401), 8000);
    });

    it('answers a deleted person’s token with 401, not a conflict', async () => {
      const member = await t.api.signUp();
      await t.app.get(DataSource).query('DELETE FROM users WHERE id = $1', [member.userId]);
      await eventually(async () => {
        const res = await t.api.post('/api/org/', { name: 'Ghost' }, { token: member.token });
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('TOKEN_INVALID');
      }, 8000);
      expect((await t.api.post('/api/auth/refresh-token/', { refresh: member.refreshToken })).status).toBe(401);
    });
  });
});
