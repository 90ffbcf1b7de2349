import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DeliveryService, INTERRUPTED } from '../src/modules/mail/delivery.service.js';
import { Outbox } from '../src/modules/jobs/outbox.js';
import { as, type Cast, createCast } from './support/cast.js';
import { eventually, SmtpSink } from './support/smtp-sink.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe(`account mail (${process.env.REDIS_URL ? 'Bull on Redis' : 'in-process queue'}, real SMTP server)`, () => {
  let t: TestApp;
  let cast: Cast;
  let sink: SmtpSink;
  let accountId: string;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    t = await createTestApp({ SMTP_URL: sink.url, MAIL_MAX_ATTEMPTS: '3' });
    t.api.inbox = sink;
    cast = await createCast(t.api);
    accountId = (
      await t.api.post('/api/accounts/', { name: 'Client Co', assigned_to: [cast.assignee.userId] }, as(cast, 'creator'))
    ).body.id;
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });
  beforeEach(() => {
    sink.refuseNext = 0;
  });

  const send = (body: Record<string, unknown>, who: Parameters<typeof as>[1] = 'creator', account = accountId) =>
    t.api.post(`/api/accounts/${account}/create_mail/`, { subject: 'Quarterly Business Review', html: '<p>Hi</p>', ...body }, as(cast, who));
  const email = (id: string) => t.api.get(`/api/accounts/${accountId}/emails/${id}/`, as(cast, 'creator'));
  const address = () => `client-${randomUUID()}@client.example`;

  it('stores, queues and sends to every recipient once; answers before sending', async () => {
    const [a, b] = [address(), address()];
    const res = await send({
      recipients: [a, b.toUpperCase()],
      html: '<p onclick="steal()">Dear valued client</p><script>alert(1)</script>',
      from_account: 'sender@yourcompany.com',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ status: 'success', message: 'Email queued for sending', email_id: expect.any(String) });
    const done = await eventually(async () => {
      const current = await email(res.body.email_id);
      expect(current.body.status).toBe('sent');
      return current.body;
    });
    expect(done.html).toBe('<p>Dear valued client</p>');
    expect(done.recipients).toEqual(
      [a, b].sort().map((addr) => ({ address: addr, contact_id: null, status: 'sent', attempts: 1, last_error: null, sent_at: expect.any(String) })),
    );
    expect(sink.to(a)).toHaveLength(1);
    expect(sink.to(b)).toHaveLength(1);
    expect(sink.to(a)[0].raw).toContain('Subject: Quarterly Business Review');
    expect(sink.to(a)[0].raw).toContain('Reply-To: sender@yourcompany.com');
    expect(sink.to(a)[0].raw).not.toContain('<script>');
  });

  it('sends to a contact by id, at their primary e-mail', async () => {
    const primary = address();
    const contact = await t.api.post('/api/contacts/', { first_name: 'C', last_name: 'D', primary_email: primary }, as(cast, 'creator'));
    const res = await send({ recipients: [contact.body.id] });
    expect(res.status).toBe(201);
    await eventually(async () => expect(sink.to(primary)).toHaveLength(1));
    expect((await email(res.body.email_id)).body.recipients[0]).toMatchObject({ address: primary, contact_id: contact.body.id });
  });

  it('sends a scheduled mail at its time, not before', async () => {
    const to = address();
    const at = new Date(Date.now() + 2500).toISOString();
    const res = await send({ recipients: [to], scheduled_later: true, scheduled_date_time: at });
    expect(res.status).toBe(201);
    expect(res.body.message).toContain('scheduled');
    const queued = await email(res.body.email_id);
    expect(queued.body).toMatchObject({ status: 'queued', scheduled_later: true, scheduled_date_time: at });
    expect(sink.to(to)).toHaveLength(0);
    await eventually(async () => expect(sink.to(to)).toHaveLength(1));
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(at) - 50);
  });

  it.each([
    ['25 days', 25 * 24 * 3600_000],
    ['the end of 9999', Date.parse('9999-12-31T23:59:00Z') - Date.now()],
  ])('keeps mail scheduled %s ahead waiting in the database, not sent at once', async (_case, aheadMs) => {
    const to = address();
    const at = new Date(Date.now() + aheadMs).toISOString();
    const res = await send({ recipients: [to], scheduled_later: true, scheduled_date_time: at });
    expect(res.status).toBe(201);
    await t.app.get(Outbox).dispatch();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(sink.to(to)).toHaveLength(0);
    const [job] = await t.app.get(DataSource).query(`SELECT run_at, dispatched_at FROM outbox_jobs WHERE payload->>'emailId' = $1`, [res.body.email_id]);
    expect(new Date(job.run_at).toISOString()).toBe(at);
    expect(job.dispatched_at).toBeNull();
  });

  it('retries when the SMTP server refuses, and delivers exactly once', async () => {
    const to = address();
    sink.refuseNext = 1;
    const res = await send({ recipients: [to] });
    const done = await eventually(async () => {
      const current = await email(res.body.email_id);
      expect(current.body.status).toBe('sent');
      return current.body;
    });
    expect(done.recipients[0]).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(sink.to(to)).toHaveLength(1);
  });

  it('gives up after the configured attempts and shows the last error', async () => {
    const to = address();
    sink.refuseNext = 3;
    const res = await send({ recipients: [to] });
    const done = await eventually(async () => {
      const current = await email(res.body.email_id);
      expect(current.body.recipients[0].attempts).toBe(3);
      expect(current.body.status).toBe('failed');
      return current.body;
    });
    expect(done.recipients[0].last_error).toContain('try again later');
    expect(sink.to(to)).toHaveLength(0);
  });

  it('a re-run after a worker died mid-job sends only to recipients that had nothing, never twice', async () => {
    const [sent, inFlight, waiting] = [address(), address(), address()];
    const res = await send({ recipients: [sent, inFlight, waiting], scheduled_later: true, scheduled_date_time: new Date(Date.now() + 3_600_000).toISOString() });
    const db = t.app.get(DataSource);
    // The state a worker leaves when it dies while sending to `inFlight`, after `sent` went out.
    await db.query(`UPDATE email_deliveries SET status = 'sent', attempts = 1, sent_at = now() WHERE email_id = $1 AND address = $2`, [res.body.email_id, sent]);
    await db.query(`UPDATE email_deliveries SET status = 'sending', attempts = 1 WHERE email_id = $1 AND address = $2`, [res.body.email_id, inFlight]);
    await t.app.get(DeliveryService).deliverEmail(res.body.email_id);
    const after = (await email(res.body.email_id)).body.recipients;
    const byAddress = Object.fromEntries(after.map((r: { address: string }) => [r.address, r]));
    expect(byAddress[sent]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(byAddress[inFlight]).toMatchObject({ status: 'unknown', last_error: INTERRUPTED });
    expect(byAddress[waiting]).toMatchObject({ status: 'sent', attempts: 1 });
    expect(sink.to(sent)).toHaveLength(0);
    expect(sink.to(inFlight)).toHaveLength(0);
    expect(sink.to(waiting)).toHaveLength(1);
    await t.app.get(DeliveryService).deliverEmail(res.body.email_id);
    expect(sink.to(waiting)).toHaveLength(1);
    expect(sink.to(inFlight)).toHaveLength(0);

    // Only an ADMIN resends, deliberately, and only what may not have arrived.
    const resendPath = `/api/accounts/${accountId}/emails/${res.body.email_id}/resend/`;
    expect((await t.api.post(resendPath, {}, as(cast, 'creator'))).status).toBe(403);
    // Another organization's ADMIN learns nothing of it; a body of the wrong shape changes nothing.
    expect((await t.api.post(resendPath, {}, as(cast, 'outsider'))).status).toBe(404);
    expect((await t.api.post(`/api/accounts/${accountId}/emails/${randomUUID()}/resend/`, {}, as(cast, 'admin'))).status).toBe(404);
    for (const bad of [{ recipients: [] }, { recipients: 'x@y.co' }, { recipients: [inFlight, inFlight] }, { status: 'queued' }]) {
      expect((await t.api.post(resendPath, bad, as(cast, 'admin'))).status).toBe(400);
    }
    expect((await email(res.body.email_id)).body.recipients.find((r: { address: string }) => r.address === inFlight).status).toBe('unknown');
    expect(sink.to(inFlight)).toHaveLength(0);
    const refused = await t.api.post(resendPath, { recipients: [waiting] }, as(cast, 'admin'));
    expect(refused.status).toBe(400);
    expect(refused.body.errors.recipients[0]).toContain(waiting);
    const resent = await t.api.post(resendPath, {}, as(cast, 'admin'));
    expect(resent.status).toBe(200);
    // Queued again with its error cleared; the job may already have claimed it (its attempts then 1).
    expect(resent.body.recipients.find((r: { address: string }) => r.address === inFlight)).toMatchObject({ status: 'queued', last_error: null });
    await eventually(async () => expect(sink.to(inFlight)).toHaveLength(1));
    expect((await t.api.post(resendPath, {}, as(cast, 'admin'))).status).toBe(400);
  });

  it('never sends again a mail the SMTP server accepted when marking it sent fails: the mark is retried until it sticks', async () => {
    const to = address();
    const db = t.app.get(DataSource);
    const trigger = `fail_sent_mark_${randomUUID().replaceAll('-', '')}`;
    // The database refuses the first two "sent" marks of this recipient, as a pool timeout or a lock would.
    await db.query(`CREATE SEQUENCE ${trigger}_seq`);
    await db.query(`CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF nextval('${trigger}_seq') <= 2 THEN RAISE EXCEPTION 'simulated outage'; END IF; RETURN NEW; END $$`);
    await db.query(`CREATE TRIGGER ${trigger} BEFORE UPDATE ON email_deliveries FOR EACH ROW
      WHEN (NEW.status = 'sent' AND NEW.address = '${to}') EXECUTE FUNCTION ${trigger}()`);
    try {
      const res = await send({ recipients: [to] });
      await eventually(async () => expect((await email(res.body.email_id)).body.recipients[0]).toMatchObject({ status: 'sent', attempts: 1 }));
      await t.app.get(DeliveryService).deliverEmail(res.body.email_id);
      expect(sink.to(to)).toHaveLength(1);
    } finally {
      await db.query(`DROP TRIGGER ${trigger} ON email_deliveries`);
      await db.query(`DROP FUNCTION ${trigger}()`);
      await db.query(`DROP SEQUENCE ${trigger}_seq`);
    }
  });

  it('sends mail whose queued job was lost (the outbox row is the record of what is owed)', async () => {
    const to = address();
    const db = t.app.get(DataSource);
    const [{ id }] = await db.query(
      `INSERT INTO account_emails (org_id, account_id, created_by, subject, html) VALUES ($1, $2, $3, 'Lost job', '<p>x</p>') RETURNING id`,
      [cast.orgId, accountId, cast.creator.userId],
    );
    await db.query(`INSERT INTO email_deliveries (email_id, address) VALUES ($1, $2)`, [id, to]);
    // Handed to a queue an hour ago (a Redis that has since lost it, or a process that died).
    await db.query(
      `INSERT INTO outbox_jobs (name, payload, created_on, dispatched_at)
       VALUES ('mail.email', jsonb_build_object('emailId', $1::text), now() - interval '2 hours', now() - interval '1 hour')`,
      [id],
    );
    await t.app.get(Outbox).dispatch();
    await eventually(async () => expect(sink.to(to)).toHaveLength(1));
    await eventually(async () => expect(await db.query(`SELECT 1 FROM outbox_jobs WHERE payload->>'emailId' = $1`, [id])).toHaveLength(0));
  });

  it.each([
    ['a past scheduled time', { recipients: ['a@b.co'], scheduled_later: true, scheduled_date_time: '2020-01-01T00:00:00Z' }, 'scheduled_date_time'],
    ['scheduled_later without a time', { recipients: ['a@b.co'], scheduled_later: true }, 'scheduled_date_time'],
    ['a time in a bad format', { recipients: ['a@b.co'], scheduled_later: true, scheduled_date_time: 'tomorrow' }, 'scheduled_date_time'],
    ['an invalid recipient', { recipients: ['not-an-address'] }, 'recipients'],
    ['a display name hiding another address', { recipients: ['x<b@evil.example>'] }, 'recipients'],
    ['a list in one recipient', { recipients: ['a@ex.com,evil@evil.example'] }, 'recipients'],
    ['an address literal', { recipients: ['a@[127.0.0.1]'] }, 'recipients'],
    ['a Reply-To with a display name', { recipients: ['a@b.co'], from_account: 'Boss <boss@evil.example>' }, 'from_account'],
    ['a time without a zone', { recipients: ['a@b.co'], scheduled_later: true, scheduled_date_time: '2999-01-01T09:00:00' }, 'scheduled_date_time'],
    ['no recipients', { recipients: [] }, 'recipients'],
    ['an unknown contact id', { recipients: [randomUUID()] }, 'recipients'],
    ['no subject', { recipients: ['a@b.co'], subject: '' }, 'subject'],
    ['an unknown field', { recipients: ['a@b.co'], cc: ['x@y.co'] }, 'cc'],
  ])('rejects %s with 400 and stores nothing', async (_case, body, field) => {
    const before = (await t.api.get(`/api/accounts/${accountId}/emails/`, as(cast, 'creator'))).body.count;
    const res = await send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty(field);
    expect((await t.api.get(`/api/accounts/${accountId}/emails/`, as(cast, 'creator'))).body.count).toBe(before);
  });

  it("answers an account of another organization, or one the caller cannot see, with 404", async () => {
    expect((await send({ recipients: ['a@b.co'] }, 'outsider')).status).toBe(404);
    expect((await send({ recipients: ['a@b.co'] }, 'other')).status).toBe(404);
    expect((await t.api.get(`/api/accounts/${accountId}/emails/`, as(cast, 'other'))).status).toBe(404);
  });

  it('lists an account’s mails newest first with per-recipient status', async () => {
    const res = await send({ recipients: [address()] });
    const listed = await t.api.get(`/api/accounts/${accountId}/emails/?limit=1`, as(cast, 'assignee'));
    expect(listed.status).toBe(200);
    expect(listed.body.results[0]).toMatchObject({ id: res.body.email_id, subject: 'Quarterly Business Review' });
    expect(listed.body.results[0].recipients).toHaveLength(1);
  });

  it('tells people newly assigned to a record, once, and not the person who assigned them', async () => {
    const name = `Notify ${randomUUID().slice(0, 6)}`;
    const account = await t.api.post('/api/accounts/', { name, assigned_to: [cast.other.userId, cast.admin.userId] }, as(cast, 'admin'));
    await eventually(async () => expect(sink.to(cast.other.email).filter((m) => m.raw.includes(name))).toHaveLength(1));
    await t.api.put(`/api/accounts/${account.body.id}/`, { assigned_to: [cast.other.userId, cast.assignee.userId] }, as(cast, 'admin'));
    await eventually(async () => expect(sink.to(cast.assignee.email).filter((m) => m.raw.includes(name))).toHaveLength(1));
    expect(sink.to(cast.other.email).filter((m) => m.raw.includes(name))).toHaveLength(1);
    expect(sink.to(cast.admin.email).filter((m) => m.raw.includes(name))).toHaveLength(0);
  });

  describe('one-off messages (invitations, verification links) are mailed once', () => {
    const message = () => {
      const to = address();
      return { to, subject: 'Your invitation', text: 'Join us', messageId: `<invite-${randomUUID()}@crm-api>` };
    };
    const deliveries = () => t.app.get(DeliveryService);

    it('when the job runs again after it was sent (a failed settle, a redelivered job)', async () => {
      const once = message();
      await deliveries().deliverMessage(once);
      await deliveries().deliverMessage(once);
      expect(sink.to(once.to)).toHaveLength(1);
    });

    it('when the process died while sending: the outcome is unknown, so it is not sent again', async () => {
      const interrupted = message();
      await t.app.get(DataSource).query(`INSERT INTO message_sends (message_id, status) VALUES ($1, 'sending')`, [interrupted.messageId]);
      await deliveries().deliverMessage(interrupted);
      expect(sink.to(interrupted.to)).toHaveLength(0);
    });

    it('and retried after the SMTP server refused it, until it is accepted once', async () => {
      const refused = message();
      sink.refuseNext = 1;
      await expect(deliveries().deliverMessage(refused)).rejects.toThrow();
      await deliveries().deliverMessage(refused);
      await deliveries().deliverMessage(refused);
      expect(sink.to(refused.to)).toHaveLength(1);
      const [row] = await t.app.get(DataSource).query(`SELECT status, attempts FROM message_sends WHERE message_id = $1`, [refused.messageId]);
      expect(row).toEqual({ status: 'sent', attempts: 2 });
    });
  });
});
