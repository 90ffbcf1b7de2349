import { randomUUID } from 'node:crypto';
import { mailedInviteToken, type Member } from './support/api.js';
import { eventually, mailedTokens, SmtpSink } from './support/smtp-sink.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The member-takeover hole: identity rests on proof of the mailbox. With SMTP configured (as in
 * production) invitation and verification tokens travel only by mail, so whoever holds one reads
 * that mailbox.
 */
describe('membership by proof of the mailbox (SMTP configured)', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let corpAdmin: Member;
  let corpId: string;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    t = await createTestApp({ SMTP_URL: sink.url });
    t.api.inbox = sink;
    corpAdmin = await t.api.signUp('corp-admin');
    corpId = await t.api.createOrg(corpAdmin, 'Corp');
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  const ceoAddress = () => `ceo-${randomUUID()}@corp.example`;
  const password = 'the real ceo password';
  const invite = (admin: Member, orgId: string, email: string, role = 'USER') =>
    t.api.post('/api/users/', { email, role }, { token: admin.token, orgId });
  const orgsOf = async (token: string) =>
    (await t.api.get('/api/org/', { token })).body.organizations.map((o: { id: string }) => o.id);

  it("a stranger's ADMIN cannot set a password, learn a token or block the person's own registration", async () => {
    const stranger = await t.api.signUp('stranger');
    const evilId = await t.api.createOrg(stranger, 'evil');
    const ceo = ceoAddress();

    const withPassword = await t.api.post('/api/users/', { email: ceo, role: 'USER', password: 'attacker-pw-123' }, { token: stranger.token, orgId: evilId });
    expect(withPassword.status).toBe(400);
    const invited = await invite(stranger, evilId, ceo);
    expect(invited.status).toBe(201);
    expect(invited.body.invite_token).toBeUndefined();
    expect(invited.body.invite_url).toBeUndefined();
    expect((await t.api.post('/api/auth/login/', { email: ceo, password: 'attacker-pw-123' })).status).toBe(401);

    const registered = await t.api.post('/api/auth/register/', { email: ceo, password });
    expect(registered.status).toBe(201);

    // Corp invites the person; the stranger never sees the token, and the person joins Corp alone.
    await invite(corpAdmin, corpId, ceo, 'ADMIN');
    const corpToken = await eventually(async () => {
      const mails = sink.to(ceo).filter((mail) => mail.raw.includes('join Corp'));
      expect(mails).toHaveLength(1);
      return mailedTokens(mails[0].raw, 'inv')[0];
    });
    const login = await t.api.post('/api/auth/login/', { email: ceo, password });
    const accepted = await t.api.post('/api/auth/accept-invite/', { token: corpToken }, { token: login.body.access_token });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ user_id: registered.body.user_id, org_id: corpId, role: 'ADMIN' });
    expect(await orgsOf(login.body.access_token)).toEqual([corpId]);
  });

  it('an unverified squatter of the address loses it to whoever redeems the mailed invitation', async () => {
    const ceo = ceoAddress();
    const squatter = await t.api.post('/api/auth/register/', { email: ceo, password: 'squatter password' });
    expect(squatter.status).toBe(201);
    const squatterLogin = await t.api.post('/api/auth/login/', { email: ceo, password: 'squatter password' });
    const squatterOrg = await t.api.post('/api/org/', { name: 'Squat' }, { token: squatterLogin.body.access_token });
    expect(squatterOrg.status).toBe(201);

    const token = await t.api.invite(corpAdmin, corpId, ceo);
    const accepted = await t.api.post('/api/auth/accept-invite/', { token, password });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user_id).not.toBe(squatter.body.user_id);

    // The squatter's sessions are over and the address no longer signs them in.
    await eventually(async () => expect((await t.api.get('/api/org/', { token: squatterLogin.body.access_token })).status).toBe(401), 8000);
    const refresh = await t.api.post('/api/auth/refresh-token/', { refresh: squatterLogin.body.refresh_token });
    expect(refresh.status).toBe(401);
    expect((await t.api.post('/api/auth/login/', { email: ceo, password: 'squatter password' })).status).toBe(401);

    // The owner has Corp and nothing of the squatter's.
    const owner = await t.api.post('/api/auth/login/', { email: ceo, password });
    expect(await orgsOf(owner.body.access_token)).toEqual([corpId]);
  });

  it('invitations of several organizations to one address are independent: each joins only its own', async () => {
    const stranger = await t.api.signUp('stranger');
    const evilId = await t.api.createOrg(stranger, 'evil');
    const ceo = ceoAddress();
    await invite(corpAdmin, corpId, ceo);
    const t1 = await mailedInviteToken(sink, ceo);
    await invite(stranger, evilId, ceo);
    const t2 = await eventually(async () => {
      const found = sink.to(ceo).flatMap((mail) => mailedTokens(mail.raw, 'inv')).filter((token) => token !== t1);
      expect(new Set(found).size).toBe(1);
      return found[0];
    });

    const viaEvil = await t.api.post('/api/auth/accept-invite/', { token: t2, password });
    expect(viaEvil.body).toMatchObject({ org_id: evilId });
    const login = await t.api.post('/api/auth/login/', { email: ceo, password });
    expect(await orgsOf(login.body.access_token)).toEqual([evilId]);

    // T1 still works; the address now has a verified account, so it must be accepted signed in.
    const signedOut = await t.api.post('/api/auth/accept-invite/', { token: t1, password: 'another password 1' });
    expect(signedOut.status).toBe(401);
    expect(signedOut.body.code).toBe('SIGN_IN_REQUIRED');
    const asOther = await t.api.post('/api/auth/accept-invite/', { token: t1 }, { token: stranger.token });
    expect(asOther.status).toBe(403);
    expect(asOther.body.code).toBe('INVITATION_FOR_ANOTHER_ACCOUNT');
    const signedIn = await t.api.post('/api/auth/accept-invite/', { token: t1 }, { token: login.body.access_token });
    expect(signedIn.status).toBe(200);
    expect((await orgsOf(login.body.access_token)).sort()).toEqual([corpId, evilId].sort());
    expect((await t.api.post('/api/auth/login/', { email: ceo, password: 'another password 1' })).status).toBe(401);
  });

  it('mails a verification link at registration; using it verifies the address once', async () => {
    const email = `verify-${randomUUID()}@example.com`;
    const registered = await t.api.post('/api/auth/register/', { email, password });
    const token = await eventually(async () => {
      const [found] = sink.to(email).flatMap((mail) => mailedTokens(mail.raw, 'ver'));
      expect(found).toBeDefined();
      return found;
    });
    const verified = await t.api.post('/api/auth/verify-email/', { token });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ user_id: registered.body.user_id, email });
    expect((await t.api.post('/api/auth/verify-email/', { token })).status).toBe(400);
    expect((await t.api.post('/api/auth/verify-email/', { token: 'ver_made_up' })).status).toBe(400);

    const login = await t.api.post('/api/auth/login/', { email, password });
    const resend = await t.api.post('/api/auth/verify-email/resend/', {}, { token: login.body.access_token });
    expect(resend.status).toBe(202);
    expect(resend.body).toEqual({ sent: false });

    // A verified address must be signed in to accept: an invitation holder cannot reset its password.
    const inviteToken = await t.api.invite(corpAdmin, corpId, email);
    const takeover = await t.api.post('/api/auth/accept-invite/', { token: inviteToken, password: 'attacker password' });
    expect(takeover.status).toBe(401);
    expect((await t.api.post('/api/auth/login/', { email, password })).status).toBe(200);
  });
});
