import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import type { Caller } from './support/api.js';
import { as, type Cast, createCast } from './support/cast.js';
import { eventually, SmtpSink } from './support/smtp-sink.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { type ReceivedHook, WebhookReceiver } from './support/webhook-receiver.js';

const RETRIES = '100,200,300';

/** What the reference library makes of a delivery: the event, or a throw when the signature is wrong. */
const verify = (secret: string, hook: ReceivedHook, body = hook.body) =>
  new Webhook(secret).verify(body, {
    'webhook-id': String(hook.headers['webhook-id']),
    'webhook-timestamp': String(hook.headers['webhook-timestamp']),
    'webhook-signature': String(hook.headers['webhook-signature']),
  });

describe('webhooks', () => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    t = await createTestApp({ SMTP_URL: sink.url, WEBHOOK_RETRY_SCHEDULE_MS: RETRIES, WEBHOOK_POLL_MS: '100', WEBHOOK_TIMEOUT_MS: '2000' });
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  async function endpoint(cast: Cast, receiver: WebhookReceiver, events: string[] = ['*']) {
    const res = await t.api.post('/api/webhooks/', { url: receiver.url, events, description: 'sync' }, as(cast, 'admin'));
    expect(res.status).toBe(201);
    return res.body as { id: string; secret: string };
  }
  const lead = (cast: Cast, last_name = 'Lovelace') => t.api.post('/api/leads/', { first_name: 'Ada', last_name }, as(cast, 'admin'));

  it('delivers each event once, signed so the standardwebhooks library verifies it, and one flipped byte fails', async () => {
    const cast = await createCast(t.api);
    const receiver = await new WebhookReceiver().start();
    const { id, secret } = await endpoint(cast, receiver);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    const created = (await lead(cast)).body;

    const [hook] = await eventually(async () => {
      expect(receiver.received).toHaveLength(1);
      return receiver.received;
    });
    expect(verify(secret, hook)).toMatchObject({ type: 'lead.created', seq: 1, record: { kind: 'lead', id: created.id }, data: { last_name: 'Lovelace' } });
    const flipped = hook.body.replace('Lovelace', 'Lovelacf');
    expect(() => verify(secret, hook, flipped)).toThrow();
    expect(hook.headers['webhook-id']).toBe(JSON.parse(hook.body).id);

    const listed = await t.api.get('/api/webhooks/', as(cast, 'admin'));
    expect(listed.body.results).toEqual([expect.objectContaining({ id, url: receiver.url, events: ['*'], enabled: true, delivered_through: 1 })]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    await receiver.stop();
  });

  it('retries 500, 500, 500 then 200 under one webhook-id, and logs each attempt', async () => {
    const cast = await createCast(t.api);
    const receiver = await new WebhookReceiver().start();
    receiver.answers = [500, 500, 500, 200];
    const { id } = await endpoint(cast, receiver);
    await lead(cast);
    await eventually(async () => expect(receiver.received).toHaveLength(4));
    expect(new Set(receiver.received.map((hook) => hook.headers['webhook-id'])).size).toBe(1);
    const log = await eventually(async () => {
      const res = await t.api.get(`/api/webhooks/${id}/deliveries/`, as(cast, 'admin'));
      expect(res.body.results).toHaveLength(4);
      return res.body.results as { attempt: number; status_code: number; succeeded: boolean; next_retry_at: string | null; duration_ms: number }[];
    });
    expect(log.map(({ attempt, status_code, succeeded }) => `${attempt} ${status_code} ${succeeded}`)).toEqual(['4 200 true', '3 500 false', '2 500 false', '1 500 false']);
    expect(log.slice(1).every(({ next_retry_at }) => next_retry_at !== null)).toBe(true);
    expect(log[0].next_retry_at).toBeNull();
    await receiver.stop();
  });

  it('keeps seq order, and sends an endpoint only the types it asked for', async () => {
    const cast = await createCast(t.api);
    const receiver = await new WebhookReceiver().start();
    await endpoint(cast, receiver, ['lead.*']);
    await t.api.post('/api/accounts/', { name: 'Not for this endpoint' }, as(cast, 'admin'));
    for (const name of ['One', 'Two', 'Three']) await lead(cast, name);
    const done = await eventually(async () => {
      expect(receiver.delivered()).toHaveLength(3);
      return receiver.delivered();
    });
    expect(done.map(({ type, seq }) => `${seq} ${type}`)).toEqual(['2 lead.created', '3 lead.created', '4 lead.created']);
    await receiver.stop();
  });

  it('disables an endpoint that answers 410, and one failing past its retries, mailing its creator', async () => {
    const cast = await createCast(t.api);
    const gone = await new WebhookReceiver().start();
    gone.answers = [410];
    const failing = await new WebhookReceiver().start();
    failing.answers = [500, 500, 500, 500, 500];
    const first = await endpoint(cast, gone);
    const second = await endpoint(cast, failing);
    await lead(cast);
    await eventually(async () => {
      expect((await t.api.get(`/api/webhooks/${first.id}/`, as(cast, 'admin'))).body).toMatchObject({ enabled: false, disabled_reason: 'The receiver answered 410 Gone' });
      expect((await t.api.get(`/api/webhooks/${second.id}/`, as(cast, 'admin'))).body).toMatchObject({ enabled: false, disabled_reason: expect.stringContaining('whole retry window') });
    });
    expect(failing.received).toHaveLength(4);
    await eventually(async () => expect(sink.to(cast.admin.email).filter(({ raw }) => raw.includes('webhook endpoint'))).toHaveLength(2));

    // Turned back on, it resumes with the event it was on.
    expect((await t.api.patch(`/api/webhooks/${second.id}/`, { enabled: true }, as(cast, 'admin'))).body.enabled).toBe(true);
    await eventually(async () => expect(failing.delivered()).toHaveLength(1));
    await gone.stop();
    await failing.stop();
  });

  it('pings, redelivers under the same id, and signs with both secrets for a day after a rotation', async () => {
    const cast = await createCast(t.api);
    const receiver = await new WebhookReceiver().start();
    const { id, secret } = await endpoint(cast, receiver, ['invoice.paid']);
    const ping = await t.api.post(`/api/webhooks/${id}/test/`, {}, as(cast, 'admin'));
    expect(ping.body).toMatchObject({ event_type: 'ping', status_code: 200, succeeded: true, attempt: 1 });
    expect(verify(secret, receiver.received[0])).toMatchObject({ type: 'ping' });

    const rotated = await t.api.post(`/api/webhooks/${id}/rotate-secret/`, {}, as(cast, 'admin'));
    expect(rotated.body.secret).not.toBe(secret);
    const again = await t.api.post(`/api/webhooks/${id}/deliveries/${ping.body.id}/redeliver/`, {}, as(cast, 'admin'));
    expect(again.body).toMatchObject({ event_id: ping.body.event_id, attempt: 2, succeeded: true });
    const redelivered = receiver.received[1];
    expect(redelivered.headers['webhook-id']).toBe(receiver.received[0].headers['webhook-id']);
    expect(verify(secret, redelivered)).toMatchObject({ type: 'ping' });
    expect(verify(rotated.body.secret, redelivered)).toMatchObject({ type: 'ping' });
    await receiver.stop();
  });

  it('refuses bad URLs and unknown types naming the field, and is an ADMIN or webhooks-key matter', async () => {
    const cast = await createCast(t.api);
    const create = (body: Record<string, unknown>, who: Caller = as(cast, 'admin')) => t.api.post('/api/webhooks/', { url: 'https://hooks.example.com/x', events: ['*'], ...body }, who);
    for (const url of ['ftp://hooks.example.com/x', 'https://user:pw@hooks.example.com/x', 'not a url']) {
      const res = await create({ url });
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveProperty('url');
    }
    const unknown = await create({ events: ['lead.*', 'lead.exploded'] });
    expect(unknown.body.errors.events[0]).toContain('lead.exploded');
    expect((await create({ events: [] })).body.errors).toHaveProperty('events');
    expect((await create({}, as(cast, 'creator'))).body.code).toBe('ROLE_REQUIRED');
    const key = (await t.api.post('/api/api-keys/', { name: 'hooks', scopes: ['webhooks:write'] }, as(cast, 'admin'))).body.secret;
    expect((await create({}, { token: key })).status).toBe(201);
    const reader = (await t.api.post('/api/api-keys/', { name: 'leads', scopes: ['leads:read'] }, as(cast, 'admin'))).body.secret;
    expect((await t.api.get('/api/webhooks/', { token: reader })).body.code).toBe('INSUFFICIENT_SCOPE');
    const other = await createCast(t.api);
    const mine = (await create({})).body.id;
    expect((await t.api.get(`/api/webhooks/${mine}/`, as(other, 'admin'))).status).toBe(404);
  });

  describe('without private networks', () => {
    let strict: TestApp;
    beforeAll(async () => {
      strict = await createTestApp({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false', WEBHOOK_RETRY_SCHEDULE_MS: RETRIES, WEBHOOK_POLL_MS: '100' });
    });
    afterAll(() => strict.close());

    it.each(['http://127.0.0.1:9/x', 'http://localhost/x', 'http://169.254.169.254/latest/meta-data', 'http://10.1.2.3/x', 'http://[::1]/x', 'http://[::ffff:127.0.0.1]/x'])(
      'refuses %s',
      async (url) => {
        const cast = await createCast(strict.api);
        const res = await strict.api.post('/api/webhooks/', { url, events: ['*'] }, as(cast, 'admin'));
        expect(res.status).toBe(400);
        expect(res.body.errors.url[0]).toMatch(/private, loopback or link-local/);
      },
    );

    it('checks the address again at every delivery', async () => {
      const cast = await createCast(strict.api);
      const receiver = await new WebhookReceiver().start();
      const [{ id }] = await strict.app.get(DataSource).query(
        `INSERT INTO webhook_endpoints (org_id, url, events, secret) VALUES ($1, $2, '{*}', 'whsec_c2VjcmV0c2VjcmV0c2VjcmV0') RETURNING id`,
        [cast.orgId, receiver.url.replace('127.0.0.1', 'localhost')],
      );
      await strict.api.post('/api/leads/', { first_name: 'Ada', last_name: 'Lovelace' }, as(cast, 'admin'));
      const [attempt] = await eventually(async () => {
        const res = await strict.api.get(`/api/webhooks/${id}/deliveries/`, as(cast, 'admin'));
        expect(res.body.results.length).toBeGreaterThan(0);
        return res.body.results;
      });
      expect(attempt).toMatchObject({ status_code: null, succeeded: false, error: expect.stringContaining('private, loopback or link-local') });
      expect(receiver.received).toHaveLength(0);
      await receiver.stop();
    });
  });
});
