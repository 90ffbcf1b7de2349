import { as, type Cast, createCast } from './support/cast.js';
import { makeAccount, makeContact, makeLead, makeOpportunity, makeTask } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const utcDate = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const ids = (items: { id: string }[]) => items.map((item) => item.id);

describe('GET /api/dashboard/', () => {
  let t: TestApp;
  let cast: Cast;
  const mine: Record<string, { id: string }[]> = { accounts: [], contacts: [], leads: [], opportunities: [] };

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
    const creator = as(cast, 'creator');
    const assigned = { assigned_to: [cast.assignee.userId] };
    // 12 of each by the creator for the assignee, so the lists are cut at 10; a few the assignee cannot see.
    for (let i = 0; i < 12; i++) {
      mine.accounts.push(await makeAccount(t, creator, assigned));
      mine.contacts.push(await makeContact(t, creator, assigned));
      mine.leads.push(await makeLead(t, creator, assigned));
      mine.opportunities.push(await makeOpportunity(t, creator, { ...assigned, amount: '100.00' }));
    }
    const other = as(cast, 'other');
    await makeAccount(t, other);
    await makeContact(t, other);
    await makeLead(t, other);
    await makeOpportunity(t, other, { amount: '1.00', currency: 'GBP' });
    // Leads that are no longer open do not count.
    await t.api.post(`/api/leads/${mine.leads[0].id}/convert/`, {}, creator);
    await t.api.put(`/api/leads/${mine.leads[1].id}/`, { status: 'closed' }, creator);
    await makeAccount(t, as(cast, 'outsider'));
  });
  afterAll(() => t.close());

  it('counts what each role may see, never another organization', async () => {
    const counts = async (who: Parameters<typeof as>[1]) => {
      const res = await t.api.get('/api/dashboard/', as(cast, who));
      expect(res.status).toBe(200);
      const { accounts_count, contacts_count, leads_count, opportunities_count } = res.body;
      return { accounts_count, contacts_count, leads_count, opportunities_count };
    };
    // The conversion made an account (seen by the creator and the assignee), but no contact (no e-mail).
    expect(await counts('assignee')).toEqual({ accounts_count: 13, contacts_count: 12, leads_count: 10, opportunities_count: 12 });
    expect(await counts('admin')).toEqual({ accounts_count: 14, contacts_count: 13, leads_count: 11, opportunities_count: 13 });
    expect(await counts('other')).toEqual({ accounts_count: 1, contacts_count: 1, leads_count: 1, opportunities_count: 1 });
    expect(await counts('outsider')).toEqual({ accounts_count: 1, contacts_count: 0, leads_count: 0, opportunities_count: 0 });
  });

  it('lists the 10 newest of each kind, newest first, in the shape of their lists', async () => {
    const res = await t.api.get('/api/dashboard/', as(cast, 'assignee'));
    const newest = (records: { id: string }[]) => ids(records.slice(-10).reverse());
    expect(ids(res.body.contacts)).toEqual(newest(mine.contacts));
    expect(ids(res.body.opportunities)).toEqual(newest(mine.opportunities));
    expect(ids(res.body.leads)).toEqual(newest(mine.leads));
    expect(res.body.accounts).toHaveLength(10);
    const list = await t.api.get('/api/opportunities/?limit=1', as(cast, 'assignee'));
    expect(res.body.opportunities[0]).toEqual(list.body.results[0]);
  });

  it("gives the caller's open tasks, overdue first, then by due date, undated last, with their count", async () => {
    const own = await createCast(t.api);
    const mineOnly = { assigned_to: [own.assignee.userId] };
    const later = await makeTask(t, as(own, 'creator'), { ...mineOnly, due_date: utcDate(5) });
    const undated = await makeTask(t, as(own, 'creator'), mineOnly);
    const late = await makeTask(t, as(own, 'creator'), { ...mineOnly, due_date: utcDate(-1) });
    const soon = await makeTask(t, as(own, 'creator'), { ...mineOnly, due_date: utcDate(1) });
    const veryLate = await makeTask(t, as(own, 'creator'), { ...mineOnly, due_date: utcDate(-9) });
    await makeTask(t, as(own, 'creator'), { ...mineOnly, status: 'Completed', due_date: utcDate(-3) });
    await makeTask(t, as(own, 'creator'), { assigned_to: [own.other.userId] });

    const res = await t.api.get('/api/dashboard/', as(own, 'assignee'));
    expect(ids(res.body.tasks)).toEqual(ids([veryLate, late, soon, later, undated]));
    expect(res.body.tasks.map((task: { is_overdue: boolean }) => task.is_overdue)).toEqual([true, true, false, false, false]);
    expect(res.body.tasks_count).toBe(5);
    expect((await t.api.get('/api/dashboard/', as(own, 'creator'))).body.tasks).toEqual([]);
  });

  it('carries the pipeline of what the caller may see', async () => {
    const assignee = (await t.api.get('/api/dashboard/', as(cast, 'assignee'))).body;
    expect(assignee.pipeline).toEqual([{ stage: 'QUALIFICATION', currency: 'USD', count: 12, amount_total: '1200.00', weighted_total: '120.00' }]);
    const admin = (await t.api.get('/api/dashboard/', as(cast, 'admin'))).body;
    expect(admin.pipeline).toEqual((await t.api.get('/api/opportunities/pipeline/', as(cast, 'admin'))).body.stages);
    expect(admin.pipeline.map((row: { currency: string }) => row.currency)).toEqual(['GBP', 'USD']);
  });
});
