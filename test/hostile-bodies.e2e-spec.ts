import { MAX_FIELD_ERRORS } from '../src/common/errors/validation.js';
import { as, type Cast, createCast } from './support/cast.js';
import { whileHealthIsPolled } from './support/health-poll.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** Bodies built to make validation itself the attack: each is refused fast, with a small answer. */
describe('hostile bodies are refused before they cost the process', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
  });
  afterAll(() => t.close());

  it.each([120_000, 340_000])('refuses an invoice of %i empty lines at once, naming lines, in a small answer', async (count) => {
    const body = { invoice_title: 'Flood', lines: Array.from({ length: count }, () => ({})) };
    const { result, worstHealthMs, elapsedMs } = await whileHealthIsPolled(t, () => t.api.post('/api/invoices/', body, as(cast, 'admin')));
    expect(result.status).toBe(400);
    expect(result.body.errors).toEqual({ lines: ['lines must contain no more than 500 elements'] });
    expect(JSON.stringify(result.body).length).toBeLessThan(1000);
    expect(worstHealthMs).toBeLessThan(1000);
    expect(elapsedMs).toBeLessThan(5000);
  });

  it('refuses over-long id lists the same way, on updates too', async () => {
    const ids = Array.from({ length: 50_000 }, () => 'not-a-uuid');
    const res = await t.api.post('/api/accounts/', { name: 'Many', contacts: ids }, as(cast, 'admin'));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ contacts: ['contacts must contain no more than 100 elements'] });
    const invoice = await t.api.post('/api/invoices/', { invoice_title: 'One', lines: [{ description: 'x', quantity: '1', unit_price: '1.00' }] }, as(cast, 'admin'));
    const update = await t.api.put(`/api/invoices/${invoice.body.id}/`, { lines: Array.from({ length: 501 }, () => ({})) }, as(cast, 'admin'));
    expect(update.body.errors).toEqual({ lines: ['lines must contain no more than 500 elements'] });
  });

  it(`names at most ${MAX_FIELD_ERRORS} fields, and counts the rest in the message`, async () => {
    const lines = Array.from({ length: 500 }, () => ({ description: '', quantity: 'many', unit_price: 'free' }));
    const res = await t.api.post('/api/invoices/', { invoice_title: 'Bad lines', lines }, as(cast, 'admin'));
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.errors)).toHaveLength(MAX_FIELD_ERRORS);
    expect(res.body.errors['lines.0.quantity']).toBeDefined();
    expect(res.body.message).toMatch(/^The request has invalid fields: \d+ in all, the first 100 named$/);
    expect(Number(/(\d+) in all/.exec(res.body.message)![1])).toBeGreaterThanOrEqual(1000);
  });
});
