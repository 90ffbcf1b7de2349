import { DataSource } from 'typeorm';
import { RecordTotalsFolding } from '../src/common/records/record-totals-folding.js';
import { as, type Cast, createCast } from './support/cast.js';
import { makeAccount, makeInvoice, makeTask } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** What summing every Sent or Pending invoice says is owed, shown to the currency's places: the truth the kept sums must match. */
const OWED = `
  SELECT currency::varchar AS currency, count(*)::int AS count, round(sum(total - amount_paid), 2)::text AS amount_due
  FROM invoices WHERE org_id = $1 AND status IN ('Sent', 'Pending') GROUP BY currency ORDER BY currency`;

/** How many open tasks counting says are assigned to a member. */
const OPEN_ASSIGNED = `
  SELECT count(*)::int AS n FROM task_assignees link JOIN tasks task ON task.id = link.task_id
  WHERE task.org_id = $1 AND link.user_id = $2 AND task.status <> 'Completed'`;

/**
 * The dashboard's outstanding invoices and open-task count come from totals the database keeps
 * in each writing transaction (migration KeptDashboardTotals). Through sends, payments, cancels,
 * assignment changes, completion and deletes, before and after folding, they must answer what
 * counting every row says, and go with an organization that is deleted.
 */
describe('kept dashboard totals', () => {
  let t: TestApp;
  let cast: Cast;
  let db: DataSource;

  beforeAll(async () => {
    t = await createTestApp({ RECORD_TOTALS_FOLD_MS: '3600000' });
    cast = await createCast(t.api);
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const admin = () => as(cast, 'admin');
  const dashboard = async (who: 'admin' | 'creator' | 'assignee' = 'admin') => {
    const res = await t.api.get('/api/dashboard/', as(cast, who));
    expect(res.status).toBe(200);
    return res.body;
  };
  const expectOwedToMatch = async () => {
    const owed = (await dashboard()).invoices_outstanding;
    expect(owed).toEqual(await db.query(OWED, [cast.orgId]));
    return owed;
  };
  const expectOpenTasksToMatch = async () => {
    for (const who of ['admin', 'creator', 'assignee'] as const) {
      const [{ n }] = await db.query(OPEN_ASSIGNED, [cast.orgId, cast[who].userId]);
      expect({ who, count: (await dashboard(who)).tasks_count }).toEqual({ who, count: n });
    }
  };
  const act = (id: string, action: string, body: object = {}) => t.api.post(`/api/invoices/${id}/${action}/`, body, admin());
  const send = (id: string) => act(id, 'send', { recipients: ['ap@client.example'] });

  it('owed amounts follow sends, payments, cancels and direct writes, before and after folding', async () => {
    const account = (await makeAccount(t, admin())).id;
    const lines = (unit_price: string) => [{ description: 'Work', quantity: '2', unit_price }];
    const [usd, eur, paid, cancelled, draft] = await Promise.all([
      makeInvoice(t, admin(), { account, lines: lines('50.00') }),
      makeInvoice(t, admin(), { account, currency: 'EUR', lines: lines('15.25') }),
      makeInvoice(t, admin(), { account, lines: lines('10.00') }),
      makeInvoice(t, admin(), { account, currency: 'GBP', lines: lines('7.00') }),
      makeInvoice(t, admin(), { account, lines: lines('999.00') }),
    ]);
    for (const invoice of [usd, eur, paid, cancelled]) expect((await send(invoice.id)).status).toBe(200);
    expect(await expectOwedToMatch()).toHaveLength(3);
    expect((await act(usd.id, 'payments', { amount: '30.50', paid_on: '2027-01-01' })).status).toBe(201);
    expect((await act(paid.id, 'payments', { amount: '20.00', paid_on: '2027-01-01' })).status).toBe(201);
    expect((await act(cancelled.id, 'cancel')).status).toBe(200);
    // A draft owes nothing, whatever its lines say.
    expect((await t.api.put(`/api/invoices/${draft.id}/`, { lines: lines('1.00') }, admin())).status).toBe(200);
    expect(await expectOwedToMatch()).toEqual([
      { currency: 'EUR', count: 1, amount_due: '30.50' },
      { currency: 'USD', count: 1, amount_due: '69.50' },
    ]);

    await db.query(`UPDATE invoices SET currency = 'CHF' WHERE id = $1`, [eur.id]);
    await db.query(`UPDATE invoices SET total = total + 1 WHERE id = $1`, [usd.id]);
    await db.query(
      `INSERT INTO invoices (org_id, invoice_title, invoice_number, status, account_id, currency, subtotal, tax_total, discount_total, total)
       SELECT $1, 'Bulk ' || i, 'BULK-' || i, 'Sent', $2, 'USD', i, 0, 0, i FROM generate_series(1, 50) i`,
      [cast.orgId, account],
    );
    const before = await expectOwedToMatch();
    await db.query(`DELETE FROM invoices WHERE org_id = $1 AND invoice_title LIKE 'Bulk %' AND total > 25`, [cast.orgId]);
    await expectOwedToMatch();
    expect(await t.app.get(RecordTotalsFolding).run()).toBeGreaterThan(0);
    expect((await db.query('SELECT count(*)::int AS n FROM outstanding_totals WHERE slot <> 0'))[0].n).toBe(0);
    expect(await expectOwedToMatch()).not.toEqual(before);
  });

  it('open tasks per assignee follow assignment, completion, reopening and deletes, whoever asks', async () => {
    const [both, adminOnly, done, deleted] = await Promise.all([
      makeTask(t, admin(), { assigned_to: [cast.admin.userId, cast.assignee.userId] }),
      makeTask(t, admin(), { assigned_to: [cast.admin.userId], due_date: '2020-01-01' }),
      makeTask(t, admin(), { assigned_to: [cast.assignee.userId], status: 'Completed' }),
      makeTask(t, as(cast, 'creator'), { assigned_to: [cast.creator.userId, cast.admin.userId] }),
    ]);
    await expectOpenTasksToMatch();
    expect((await dashboard('assignee')).tasks_count).toBe(1);

    expect((await t.api.put(`/api/tasks/${both.id}/`, { assigned_to: [cast.creator.userId] }, admin())).status).toBe(200);
    expect((await t.api.put(`/api/tasks/${adminOnly.id}/`, { status: 'Completed' }, admin())).status).toBe(200);
    expect((await t.api.put(`/api/tasks/${done.id}/`, { status: 'In Progress' }, admin())).status).toBe(200);
    await expectOpenTasksToMatch();
    expect((await t.api.delete(`/api/tasks/${deleted.id}/`, as(cast, 'creator'))).status).toBe(204);
    expect((await t.api.delete(`/api/tasks/${adminOnly.id}/`, admin())).status).toBe(204);
    await expectOpenTasksToMatch();

    await db.query(
      `WITH made AS (
         INSERT INTO tasks (org_id, title, status) SELECT $1, 'Bulk task ' || i, (ARRAY['New', 'Completed'])[1 + i % 2]::task_status FROM generate_series(1, 40) i RETURNING id
       ) INSERT INTO task_assignees (task_id, user_id) SELECT id, $2 FROM made`,
      [cast.orgId, cast.admin.userId],
    );
    await db.query(`UPDATE tasks SET status = 'Completed' WHERE org_id = $1 AND title IN ('Bulk task 2', 'Bulk task 4')`, [cast.orgId]);
    await expectOpenTasksToMatch();
    expect(await t.app.get(RecordTotalsFolding).run()).toBeGreaterThan(0);
    await expectOpenTasksToMatch();
    // The overview still lists them overdue first: an open task due in the past comes before any other.
    const overdue = await makeTask(t, admin(), { assigned_to: [cast.admin.userId], due_date: '2019-06-01' });
    expect((await dashboard()).tasks[0]).toMatchObject({ id: overdue.id, is_overdue: true });
  });

  it("go with an organization that is deleted, and never count another organization's rows", async () => {
    const outsider = as(cast, 'outsider');
    const invoice = await makeInvoice(t, outsider, { account: (await makeAccount(t, outsider)).id, currency: 'JPY' });
    expect((await t.api.post(`/api/invoices/${invoice.id}/send/`, { recipients: ['ap@client.example'] }, outsider)).status).toBe(200);
    await makeTask(t, outsider, { assigned_to: [cast.outsider.userId] });
    expect((await dashboard()).invoices_outstanding.map((row: { currency: string }) => row.currency)).not.toContain('JPY');
    expect((await t.api.get('/api/dashboard/', outsider)).body).toMatchObject({ tasks_count: 1, invoices_outstanding: [{ currency: 'JPY', count: 1 }] });

    await db.query('DELETE FROM organizations WHERE id = $1', [cast.outsiderOrgId]);
    const left = await db.query(
      `SELECT (SELECT count(*) FROM outstanding_totals WHERE org_id = $1)::int AS owed, (SELECT count(*) FROM record_totals WHERE org_id = $1)::int AS kept`,
      [cast.outsiderOrgId],
    );
    expect(left).toEqual([{ owed: 0, kept: 0 }]);
    await expectOwedToMatch();
    await expectOpenTasksToMatch();
  });
});
