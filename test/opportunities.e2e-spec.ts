import { randomUUID } from 'node:crypto';
import { as, type Cast, createCast } from './support/cast.js';
import { describeCommentCapability } from './support/comment-capability.js';
import { describePermissionMatrix } from './support/permission-matrix.js';
import { makeAccount, makeContact, makeOpportunity, makeTeam } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

type Item = { id: string; [field: string]: unknown };

describe('opportunities', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
  });
  afterAll(() => t.close());

  const seed = (extra: Record<string, unknown> = {}) => makeOpportunity(t, as(cast, 'creator'), { assigned_to: [cast.assignee.userId], ...extra });
  const ids = (results: Item[]) => results.map((item) => item.id);

  describe('POST /api/opportunities/', () => {
    it('answers 201 with every field, the org currency and the stage probability filled in', async () => {
      const account = await makeAccount(t, as(cast, 'admin'), { assigned_to: [cast.creator.userId] });
      const contact = await makeContact(t, as(cast, 'admin'), { assigned_to: [cast.creator.userId] });
      const team = await makeTeam(t, as(cast, 'admin'));
      const body = {
        name: 'Acme renewal 2027',
        stage: 'PROPOSAL/PRICE QUOTE',
        account: account.id,
        amount: '25000.50',
        lead_source: 'Referral',
        closed_on: '2027-03-31',
        description: 'Three-year renewal',
        contacts: [contact.id],
        assigned_to: [cast.assignee.userId],
        teams: [team.id],
        tags: ['renewal'],
      };
      const res = await t.api.post('/api/opportunities/', body, as(cast, 'creator'));
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        ...body,
        id: expect.any(String),
        currency: 'USD',
        probability: 70,
        due_date: body.closed_on,
        closed_by: null,
        closed_at: null,
        lead: null,
        created_by: cast.creator.userId,
        updated_on: expect.stringMatching(/Z$/),
        updated_by: cast.creator.userId,
        created_on: expect.stringMatching(/Z$/),
      });
      expect((await t.api.get(`/api/opportunities/${res.body.id}/`, as(cast, 'assignee'))).body).toEqual({
        ...res.body,
        comments: [],
        attachments: [],
      });
    });

    it('takes a number amount and answers it as a two-decimal string; keeps an explicit probability', async () => {
      const created = await seed({ amount: 1200, probability: 35, currency: 'JPY' });
      expect(created).toMatchObject({ amount: '1200.00', probability: 35, currency: 'JPY' });
    });

    it.each([
      ['a bad stage', { stage: 'WON' }, 'stage', 'QUALIFICATION, NEEDS ANALYSIS'],
      ['a bad currency', { currency: 'XYZ' }, 'currency', 'ISO 4217'],
      ['a lower-case currency', { currency: 'usd' }, 'currency', 'ISO 4217'],
      ['probability 101', { probability: 101 }, 'probability', '100'],
      ['a fractional probability', { probability: 12.5 }, 'probability', 'integer'],
      ['amount -1', { amount: '-1' }, 'amount', 'non-negative'],
      ['an amount with three decimals', { amount: '1.234' }, 'amount', 'two decimals'],
      ['closed_on with a time', { closed_on: '2027-03-31T10:00:00Z' }, 'closed_on', 'YYYY-MM-DD'],
      ['no stage', { stage: undefined }, 'stage', 'stage'],
    ])('rejects %s with 400 naming the field, and creates nothing', async (_case, extra, field, reason) => {
      const name = `Invalid ${randomUUID()}`;
      const res = await t.api.post('/api/opportunities/', { name, stage: 'QUALIFICATION', ...extra }, as(cast, 'admin'));
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors)).toEqual([field]);
      expect(res.body.errors[field].join(' ')).toContain(reason);
      expect((await t.api.get(`/api/opportunities/?name=${name}`, as(cast, 'admin'))).body.count).toBe(0);
    });

    it('answers 409 for a name already used in the organization, ignoring case, but not in another one', async () => {
      const name = `Unique ${randomUUID()}`;
      await seed({ name });
      const again = await t.api.post('/api/opportunities/', { name: name.toUpperCase(), stage: 'QUALIFICATION' }, as(cast, 'admin'));
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'OPPORTUNITY_NAME_TAKEN', errors: { name: [expect.any(String)] } });
      expect((await t.api.post('/api/opportunities/', { name, stage: 'QUALIFICATION' }, as(cast, 'outsider'))).status).toBe(201);
      const other = await seed();
      expect((await t.api.put(`/api/opportunities/${other.id}/`, { name: name.toLowerCase() }, as(cast, 'creator'))).status).toBe(409);
    });

    it("rejects an account of another organization, naming it", async () => {
      const theirs = await makeAccount(t, as(cast, 'outsider'));
      const res = await t.api.post('/api/opportunities/', { name: 'Foreign', stage: 'QUALIFICATION', account: theirs.id }, as(cast, 'admin'));
      expect(res.status).toBe(400);
      expect(res.body.errors.account[0]).toContain(theirs.id);
    });

    it("uses the organization's default currency, which only an ADMIN may change", async () => {
      const own = await createCast(t.api); // its own organization: the setting must not leak into other tests
      expect((await t.api.get('/api/org/settings/', as(own, 'creator'))).body.default_currency).toBe('USD');
      expect((await t.api.put('/api/org/settings/', { default_currency: 'EUR' }, as(own, 'creator'))).status).toBe(403);
      expect((await t.api.put('/api/org/settings/', { default_currency: 'EURO' }, as(own, 'admin'))).body.errors.default_currency).toBeDefined();
      expect((await t.api.put('/api/org/settings/', { default_currency: 'EUR' }, as(own, 'admin'))).body.default_currency).toBe('EUR');
      expect((await makeOpportunity(t, as(own, 'creator'))).currency).toBe('EUR');
      expect((await makeOpportunity(t, as(own, 'outsider'))).currency).toBe('USD');
    });
  });

  describe('closing', () => {
    it('records closed_by and closed_at when the stage becomes closed, keeps them while closed, clears them when reopened', async () => {
      const created = await seed();
      const won = await t.api.put(`/api/opportunities/${created.id}/`, { stage: 'CLOSED WON' }, as(cast, 'assignee'));
      expect(won.body).toMatchObject({ stage: 'CLOSED WON', closed_by: cast.assignee.userId, probability: created.probability });
      expect(Date.now() - Date.parse(won.body.closed_at)).toBeLessThan(60_000);
      const lost = await t.api.put(`/api/opportunities/${created.id}/`, { stage: 'CLOSED LOST' }, as(cast, 'creator'));
      expect(lost.body).toMatchObject({ closed_by: cast.assignee.userId, closed_at: won.body.closed_at });
      const reopened = await t.api.put(`/api/opportunities/${created.id}/`, { stage: 'NEGOTIATION/REVIEW' }, as(cast, 'creator'));
      expect(reopened.body).toMatchObject({ closed_by: null, closed_at: null });
    });

    it('stamps an opportunity created already won', async () => {
      expect(await seed({ stage: 'CLOSED WON' })).toMatchObject({ probability: 100, closed_by: cast.creator.userId, closed_at: expect.any(String) });
    });
  });

  describe('GET /api/opportunities/', () => {
    it('pages newest first with links that keep the filters', async () => {
      const name = `Paged ${randomUUID().slice(0, 8)}`;
      const made = [await seed({ name: `${name} 0` }), await seed({ name: `${name} 1` }), await seed({ name: `${name} 2` })];
      const first = await t.api.get(`/api/opportunities/?name=${encodeURIComponent(name)}&limit=2`, as(cast, 'admin'));
      expect(first.body).toMatchObject({ count: 3, previous: null });
      expect(ids(first.body.results)).toEqual([made[2].id, made[1].id]);
      expect(first.body.results[0]).toEqual(made[2]);
      expect(Object.fromEntries(new URL(first.body.next, 'http://x').searchParams)).toEqual({ limit: '2', offset: '2', name });
    });

    it('filters by stage (repeatable), account, lead source, assignee, tags, expected close and amount ranges', async () => {
      const name = `Filter ${randomUUID().slice(0, 8)}`;
      const account = await makeAccount(t, as(cast, 'admin'), { assigned_to: [cast.creator.userId] });
      const small = await seed({ name: `${name} a`, amount: '100.00', closed_on: '2027-01-15', lead_source: 'Cold Call', tags: ['small'] });
      const large = await seed({ name: `${name} b`, stage: 'NEGOTIATION/REVIEW', amount: '9000.00', closed_on: '2027-06-01', account: account.id });
      const other = await seed({ name: `${name} c`, stage: 'CLOSED LOST', assigned_to: [cast.other.userId] });
      const found = async (query: string) => {
        const res = await t.api.get(`/api/opportunities/?name=${encodeURIComponent(name)}&${query}`, as(cast, 'admin'));
        expect(res.status).toBe(200);
        return ids(res.body.results).sort();
      };
      expect(await found('stage=QUALIFICATION&stage=NEGOTIATION%2FREVIEW')).toEqual([small.id, large.id].sort());
      expect(await found('stage=CLOSED%20LOST,QUALIFICATION')).toEqual([small.id, other.id].sort());
      expect(await found(`account=${account.id}`)).toEqual([large.id]);
      expect(await found('lead_source=Cold%20Call')).toEqual([small.id]);
      expect(await found(`assigned_to=${cast.other.userId}`)).toEqual([other.id]);
      expect(await found('tags=small')).toEqual([small.id]);
      expect(await found('closed_on_from=2027-02-01&closed_on_to=2027-12-31')).toEqual([large.id]);
      expect(await found('amount_min=100&amount_max=8999.99')).toEqual([small.id]);
    });

    it.each(['stage=WON', 'lead_source=fax', 'closed_on_from=tomorrow', 'amount_min=-5', 'account=acme', 'limit=101'])(
      'rejects %s with 400 naming the parameter',
      async (query) => {
        const res = await t.api.get(`/api/opportunities/?${query}`, as(cast, 'admin'));
        expect(res.status).toBe(400);
        expect(Object.keys(res.body.errors)).toEqual([query.split('=')[0]]);
      },
    );
  });

  describePermissionMatrix(() => ({ t, cast }), {
    path: 'opportunities',
    seed: () => seed(),
    only: (item) => `name=${encodeURIComponent(item.name as string)}`,
    change: { probability: 55 },
  });

  describe('GET /api/opportunities/pipeline/', () => {
    type Row = { stage: string; currency: string; amount?: string; probability?: number };
    const STAGE_DEFAULT: Record<string, number> = { QUALIFICATION: 10, 'NEGOTIATION/REVIEW': 80, 'CLOSED WON': 100 };

    /** The summary computed in cents, rows in stage order then currency, as the docs promise. */
    function byHand(rows: Row[]) {
      const sums = new Map<string, { stage: string; currency: string; count: number; cents: number; weighted: number }>();
      for (const row of rows) {
        const key = `${Object.keys(STAGE_DEFAULT).indexOf(row.stage)}|${row.currency}`;
        const sum = sums.get(key) ?? { stage: row.stage, currency: row.currency, count: 0, cents: 0, weighted: 0 };
        const cents = Math.round(Number(row.amount ?? 0) * 100);
        sums.set(key, { ...sum, count: sum.count + 1, cents: sum.cents + cents, weighted: sum.weighted + (cents * (row.probability ?? STAGE_DEFAULT[row.stage])) / 100 });
      }
      return [...sums.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([, sum]) => ({
          stage: sum.stage,
          currency: sum.currency,
          count: sum.count,
          amount_total: (sum.cents / 100).toFixed(2),
          weighted_total: (Math.round(sum.weighted) / 100).toFixed(2),
        }));
    }

    it('sums count, amount and weighted amount per stage and currency, over what the caller sees, as computed by hand', async () => {
      const tag = `pipe-${randomUUID().slice(0, 8)}`;
      const mine: Row[] = [
        { stage: 'QUALIFICATION', amount: '1000.00', currency: 'USD', probability: 10 },
        { stage: 'QUALIFICATION', amount: '2500.55', currency: 'USD', probability: 15 },
        { stage: 'QUALIFICATION', amount: '300.00', currency: 'EUR' },
        { stage: 'QUALIFICATION', currency: 'EUR' },
        { stage: 'NEGOTIATION/REVIEW', amount: '999.99', currency: 'USD', probability: 33 },
        { stage: 'CLOSED WON', amount: '5000.00', currency: 'GBP' },
      ];
      const theirs: Row = { stage: 'QUALIFICATION', amount: '7777.00', currency: 'USD' };
      for (const row of mine) await seed({ ...row, tags: [tag] });
      await makeOpportunity(t, as(cast, 'other'), { ...theirs, tags: [tag] });

      const creator = await t.api.get(`/api/opportunities/pipeline/?tags=${tag}`, as(cast, 'creator'));
      expect(creator.status).toBe(200);
      expect(creator.body).toEqual({ stages: byHand(mine) });
      const admin = await t.api.get(`/api/opportunities/pipeline/?tags=${tag}&stage=QUALIFICATION`, as(cast, 'admin'));
      expect(admin.body).toEqual({ stages: byHand([...mine, theirs].filter((row) => row.stage === 'QUALIFICATION')) });
      expect((await t.api.get(`/api/opportunities/pipeline/?tags=${tag}`, as(cast, 'outsider'))).body).toEqual({ stages: [] });
    });

    it('rejects a bad filter with 400', async () => {
      expect((await t.api.get('/api/opportunities/pipeline/?stage=WON', as(cast, 'admin'))).status).toBe(400);
    });
  });

  describe('on the account', () => {
    it("the account detail lists the opportunities the caller may see, newest first, with their count", async () => {
      const account = await makeAccount(t, as(cast, 'admin'), { assigned_to: [cast.creator.userId, cast.other.userId] });
      const first = await seed({ account: account.id, amount: '10.00' });
      const second = await seed({ account: account.id, stage: 'CLOSED LOST' });
      await makeOpportunity(t, as(cast, 'other'), { account: account.id });
      const detail = await t.api.get(`/api/accounts/${account.id}/`, as(cast, 'creator'));
      expect(detail.body.opportunities_count).toBe(2);
      expect(detail.body.opportunities).toEqual(
        [second, first].map((o) => ({
          id: o.id,
          name: o.name,
          stage: o.stage,
          amount: o.amount,
          currency: o.currency,
          probability: o.probability,
          closed_on: o.closed_on,
          created_on: o.created_on,
        })),
      );
      expect((await t.api.get(`/api/accounts/${account.id}/`, as(cast, 'admin'))).body.opportunities_count).toBe(3);
    });
  });
});

describeCommentCapability('opportunities', {
  path: 'opportunities',
  seed: async (t, cast) => (await makeOpportunity(t, as(cast, 'creator'), { assigned_to: [cast.assignee.userId] })).id,
  related: (detail) => ({ comments: detail.comments, attachments: detail.attachments }),
});
