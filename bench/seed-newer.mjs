// The newer kinds at issue 29's volume, scaled: 10,000 opportunities, 10,000 tasks, 2,000
// events and 5,000 invoices (five lines and a payment each) beside 1,000 accounts and 2,000
// leads for the dashboard, written in bulk with SQL, then the kept totals backfilled by folding.

/** Rows at factor 1. */
export const NEWER = { accounts: 1_000, leads: 2_000, opportunities: 10_000, tasks: 10_000, events: 2_000, invoices: 5_000 };

const STAGES = ['QUALIFICATION', 'NEEDS ANALYSIS', 'VALUE PROPOSITION', 'ID.DECISION MAKERS', 'PERCEPTION ANALYSIS', 'PROPOSAL/PRICE QUOTE', 'NEGOTIATION/REVIEW', 'CLOSED WON', 'CLOSED LOST'];

export async function seedNewer(client, { orgId, userId, factor }) {
  const n = Object.fromEntries(Object.entries(NEWER).map(([kind, rows]) => [kind, Math.max(1, Math.round(rows * factor))]));
  await client.query(
    `INSERT INTO accounts (org_id, created_by, name, created_on) SELECT $1, $2, 'Account ' || md5(i::text), now() - (i || ' minutes')::interval FROM generate_series(1, $3::int) i`,
    [orgId, userId, n.accounts],
  );
  await client.query(
    `INSERT INTO leads (org_id, created_by, first_name, last_name, created_on) SELECT $1, $2, 'Lead' || i, 'Person' || i, now() - (i || ' minutes')::interval FROM generate_series(1, $3::int) i`,
    [orgId, userId, n.leads],
  );
  await client.query(
    `WITH a AS (SELECT array_agg(id) AS ids FROM accounts WHERE org_id = $1)
     INSERT INTO opportunities (org_id, created_by, name, stage, amount, currency, probability, account_id, created_on)
     SELECT $1, $2, 'Deal ' || md5(i::text), ($4::text[])[1 + i % 9]::opportunity_stage, (i % 997) * 10.5, (ARRAY['USD', 'EUR', 'GBP'])[1 + i % 3],
       (i * 7) % 101, a.ids[1 + i % cardinality(a.ids)], now() - (i || ' seconds')::interval
     FROM a, generate_series(1, $3::int) i`,
    [orgId, userId, n.opportunities, STAGES],
  );
  await client.query(
    `INSERT INTO tasks (org_id, created_by, title, status, priority, due_date, created_on)
     SELECT $1, $2, 'Task ' || i, (ARRAY['New', 'In Progress', 'Completed'])[1 + i % 3]::task_status, (ARRAY['Low', 'Medium', 'High'])[1 + i % 3]::task_priority,
       current_date + (i % 60 - 30), now() - (i || ' seconds')::interval
     FROM generate_series(1, $3::int) i`,
    [orgId, userId, n.tasks],
  );
  // One-off events spread over the year around today, 09:00 to 10:00 UTC; never more than at 1x
  // (issue 29's 10x volume names no events, and a window holds at most 500 of them).
  n.events = Math.min(n.events, NEWER.events);
  await client.query(
    `INSERT INTO events (org_id, created_by, name, start_date, start_time, end_date, end_time, timezone, series_start, series_end, created_on)
     SELECT $1, $2, 'Meeting ' || i, d, '09:00', d, '10:00', 'UTC', d + time '09:00', d + time '10:00', now() - (i || ' seconds')::interval
     FROM generate_series(1, $3::int) i, LATERAL (SELECT current_date + (i % 365 - 182) AS d) day`,
    [orgId, userId, n.events],
  );
  await client.query(
    `WITH a AS (SELECT array_agg(id) AS ids FROM accounts WHERE org_id = $1)
     INSERT INTO invoices (org_id, created_by, invoice_title, invoice_number, status, account_id, currency, issue_date, due_date, subtotal, tax_total, discount_total, total, amount_paid, created_on)
     SELECT $1, $2, 'Invoice ' || i, 'INV-' || lpad(i::text, 6, '0'), (ARRAY['Draft', 'Sent', 'Paid', 'Pending'])[1 + i % 4]::invoice_status,
       a.ids[1 + i % cardinality(a.ids)], 'USD', current_date - 10, current_date + 20, 500, 50, 0, 550, 100, now() - (i || ' seconds')::interval
     FROM a, generate_series(1, $3::int) i`,
    [orgId, userId, n.invoices],
  );
  await client.query(
    `INSERT INTO invoice_lines (org_id, invoice_id, position, description, quantity, unit_price, tax_rate, discount, amount)
     SELECT $1, inv.id, p, 'Line ' || p, 1, 100, 10, 0, 100 FROM invoices inv, generate_series(1, 5) p WHERE inv.org_id = $1`,
    [orgId],
  );
  await client.query(
    `INSERT INTO invoice_payments (org_id, invoice_id, amount, paid_on, created_by) SELECT $1, id, 100, current_date - 1, $2 FROM invoices WHERE org_id = $1`,
    [orgId, userId],
  );
  await client.query(`INSERT INTO task_assignees (task_id, user_id) SELECT id, $2 FROM tasks WHERE org_id = $1 AND abs(hashtext(id::text)) % 3 = 0`, [orgId, userId]);
  await client.query('ANALYZE');
  return n;
}
