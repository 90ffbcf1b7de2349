import { DataSource } from 'typeorm';
import { RecordTotalsFolding } from '../src/common/records/record-totals-folding.js';
import { as, type Cast, createCast } from './support/cast.js';
import { makeLead, makeOpportunity } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** The pipeline as summing every opportunity of the organization says it: the truth the kept sums must match. */
const SUMMED = `
  SELECT stage, currency::varchar AS currency, count(*)::int AS count,
         round(coalesce(sum(amount), 0), 2)::text AS amount_total,
         round(coalesce(sum(amount * probability / 100.0), 0), 2)::text AS weighted_total
  FROM opportunities WHERE org_id = $1 GROUP BY stage, currency`;

/**
 * An ADMIN's unfiltered pipeline (and the dashboard's) reads sums the database keeps by stage
 * and currency (migration PipelineTotals). Through every kind of write, concurrent ones, a
 * refused one and a bulk insert, before and after folding, it must answer what summing says.
 */
describe('kept pipeline sums', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp({ RECORD_TOTALS_FOLD_MS: '3600000' });
    cast = await createCast(t.api);
  });
  afterAll(() => t.close());

  const admin = () => as(cast, 'admin');
  const sortRows = (rows: { stage: string; currency: string }[]) => [...rows].sort((a, b) => `${a.stage} ${a.currency}`.localeCompare(`${b.stage} ${b.currency}`));
  const expectKeptToMatch = async () => {
    const kept = (await t.api.get('/api/opportunities/pipeline/', admin())).body.stages;
    const summed = await t.app.get(DataSource).query(SUMMED, [cast.orgId]);
    expect(sortRows(kept)).toEqual(sortRows(summed));
    return kept;
  };

  it('follows creates, stage, amount, probability and currency changes, deletes and a conversion', async () => {
    const deals = [];
    for (const [stage, amount, currency, probability] of [
      ['QUALIFICATION', '100.10', 'USD', 10],
      ['QUALIFICATION', null, 'USD', 33],
      ['PROPOSAL/PRICE QUOTE', '2500.55', 'EUR', 67],
      ['NEGOTIATION/REVIEW', '0.01', 'USD', 99],
    ] as const) {
      deals.push(await makeOpportunity(t, admin(), { stage, amount, currency, probability }));
    }
    expect((await expectKeptToMatch()).length).toBe(3);
    const changes = [{ stage: 'CLOSED WON' }, { amount: '999.99', probability: 7 }, { currency: 'USD' }, { description: 'no pipeline change' }];
    for (const [i, change] of changes.entries()) expect((await t.api.put(`/api/opportunities/${deals[i].id}/`, change, admin())).status).toBe(200);
    // An amount or probability change alone stays in its stage and currency.
    expect((await t.api.put(`/api/opportunities/${deals[1].id}/`, { probability: 55 }, admin())).status).toBe(200);
    await expectKeptToMatch();
    expect((await t.api.delete(`/api/opportunities/${deals[3].id}/`, admin())).status).toBe(204);
    const lead = await makeLead(t, admin(), { opportunity_amount: '1234.56' });
    expect((await t.api.post(`/api/leads/${lead.id}/convert/`, {}, admin())).status).toBe(200);
    await expectKeptToMatch();
  });

  it('counts nothing of a refused write, and matches after concurrent writes and a bulk insert', async () => {
    const taken = await makeOpportunity(t, admin(), { amount: '10' });
    expect((await t.api.post('/api/opportunities/', { name: taken.name, stage: 'QUALIFICATION', amount: '5' }, admin())).status).toBe(409);
    const deals = await Promise.all(Array.from({ length: 10 }, (_, i) => makeOpportunity(t, admin(), { amount: `${i + 1}.25` })));
    const updates = await Promise.all(deals.map((deal, i) => t.api.put(`/api/opportunities/${deal.id}/`, { stage: i % 2 ? 'ID.DECISION MAKERS' : 'PERCEPTION ANALYSIS', probability: i * 10 }, admin())));
    expect(updates.map((update) => update.status)).toEqual(deals.map(() => 200));
    await t.app.get(DataSource).query(
      `INSERT INTO opportunities (org_id, name, stage, amount, currency, probability)
       SELECT $1, 'Bulk ' || i, 'VALUE PROPOSITION', i * 1.5, 'GBP', i % 101 FROM generate_series(1, 500) i`,
      [cast.orgId],
    );
    const before = await expectKeptToMatch();
    expect(await t.app.get(RecordTotalsFolding).run()).toBeGreaterThan(0);
    const pending = await t.app.get(DataSource).query('SELECT count(*)::int AS n FROM pipeline_totals WHERE org_id = $1 AND slot <> 0', [cast.orgId]);
    expect(pending[0].n).toBe(0);
    expect(sortRows(await expectKeptToMatch())).toEqual(sortRows(before));
  });

  it("keeps each organization's sums apart, and a USER's pipeline is summed from what they may see", async () => {
    await makeOpportunity(t, as(cast, 'outsider'), { amount: '777.00', currency: 'JPY' });
    const kept = await expectKeptToMatch();
    expect(kept.map((row: { currency: string }) => row.currency)).not.toContain('JPY');
    const mine = await makeOpportunity(t, as(cast, 'creator'), { stage: 'CLOSED LOST', amount: '42.00' });
    const creator = (await t.api.get('/api/opportunities/pipeline/', as(cast, 'creator'))).body.stages;
    expect(creator).toEqual([{ stage: mine.stage, currency: 'USD', count: 1, amount_total: '42.00', weighted_total: '0.00' }]);
  });
});
