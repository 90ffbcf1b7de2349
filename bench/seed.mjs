// The reference volume of issue 16, scaled: one organization with accounts, leads, contacts,
// cases and tags, and the links between them, written in bulk with SQL (the API is what is
// measured, not how fast it can be filled).

/** Rows at factor 1 (the reference volume); the bench also runs at 1/10. */
export const FULL = { accounts: 10_000, leads: 20_000, contacts: 1_000, cases: 100_000, tags: 20 };

export async function seedVolume(client, { orgId, userId, factor }) {
  const n = Object.fromEntries(Object.entries(FULL).map(([kind, rows]) => [kind, kind === 'tags' ? rows : Math.round(rows * factor)]));
  await client.query(
    `INSERT INTO tags (org_id, name) SELECT $1, 'tag-' || i FROM generate_series(1, $2::int) i`,
    [orgId, n.tags],
  );
  await client.query(
    `INSERT INTO contacts (org_id, created_by, first_name, last_name, primary_email, city, created_on)
     SELECT $1, $2, 'First' || i, 'Last' || i, 'contact' || i || '@client.example', 'City ' || (i % 50), now() - (i || ' minutes')::interval
     FROM generate_series(1, $3::int) i`,
    [orgId, userId, n.contacts],
  );
  await client.query(
    `INSERT INTO accounts (org_id, created_by, name, status, industry, billing_city, created_on)
     SELECT $1, $2, 'Account ' || md5(i::text), (CASE WHEN i % 5 = 0 THEN 'closed' ELSE 'open' END)::account_status,
       'Industry ' || (i % 12), 'City ' || (i % 50), now() - (i || ' minutes')::interval
     FROM generate_series(1, $3::int) i`,
    [orgId, userId, n.accounts],
  );
  await client.query(
    `INSERT INTO leads (org_id, created_by, first_name, last_name, email, status, source, city, created_on)
     SELECT $1, $2, 'Lead' || i, 'Person' || i, 'lead' || i || '@prospect.example',
       (ARRAY['assigned', 'in process', 'recycled', 'closed', 'assigned'])[1 + i % 5]::lead_status,
       (ARRAY['Referral', 'Cold Call', 'Website Form'])[1 + i % 3]::lead_source, 'City ' || (i % 50), now() - (i || ' minutes')::interval
     FROM generate_series(1, $3::int) i`,
    [orgId, userId, n.leads],
  );
  await client.query(
    `INSERT INTO cases (org_id, created_by, name, status, priority, case_type, account_id, created_on)
     SELECT $1, $2,
       (ARRAY['Login', 'Billing', 'Email', 'Export', 'Sync', 'Invoice', 'Password', 'Timeout'])[1 + i % 8] || ' issue ' || md5(i::text),
       (ARRAY['New', 'In Progress', 'On Hold', 'Closed'])[1 + (i / 7) % 4]::case_status,
       (ARRAY['Low', 'Normal', 'High', 'Critical'])[1 + (i / 3) % 4]::case_priority,
       (ARRAY['Technical', 'Billing', 'General', 'Bug Report', 'Feature Request'])[1 + i % 5]::case_type,
       NULL, now() - (i || ' seconds')::interval
     FROM generate_series(1, $3::int) i`,
    [orgId, userId, n.cases],
  );
  // Links: every account has two contacts and a tag, every lead two tags and a contact; a third of
  // each kind is assigned to the user; cases spread over the accounts.
  await client.query(
    `WITH a AS (SELECT id, row_number() OVER (ORDER BY id) AS r FROM accounts), c AS (SELECT id, row_number() OVER (ORDER BY id) AS r FROM contacts),
          cc AS (SELECT count(*) AS n FROM contacts)
     INSERT INTO account_contacts (account_id, contact_id)
     SELECT a.id, c.id FROM a, cc, c WHERE c.r IN (1 + a.r % cc.n, 1 + (a.r + 7) % cc.n)`,
  );
  await client.query(
    `WITH a AS (SELECT id, row_number() OVER (ORDER BY id) AS r FROM accounts), t AS (SELECT id, row_number() OVER (ORDER BY id) AS r FROM tags)
     INSERT INTO account_tags (account_id, tag_id) SELECT a.id, t.id FROM a JOIN t ON t.r = 1 + a.r % 20`,
  );
  await client.query(
    `WITH l AS (SELECT id, row_number() OVER (ORDER BY id) AS r FROM leads), t AS (SELECT id, row_number() OVER (ORDER BY id) AS r FROM tags)
     INSERT INTO lead_tags (lead_id, tag_id) SELECT l.id, t.id FROM l JOIN t ON t.r IN (1 + l.r % 20, 1 + (l.r + 3) % 20)`,
  );
  await client.query(
    `WITH l AS (SELECT id, row_number() OVER (ORDER BY id) AS r FROM leads), c AS (SELECT id, row_number() OVER (ORDER BY id) AS r FROM contacts),
          cc AS (SELECT count(*) AS n FROM contacts)
     INSERT INTO lead_contacts (lead_id, contact_id) SELECT l.id, c.id FROM l, cc, c WHERE c.r = 1 + l.r % cc.n`,
  );
  for (const [table, column, source] of [
    ['account_assignees', 'account_id', 'accounts'],
    ['lead_assignees', 'lead_id', 'leads'],
    ['case_assignees', 'case_id', 'cases'],
    ['contact_assignees', 'contact_id', 'contacts'],
  ]) {
    await client.query(`INSERT INTO ${table} (${column}, user_id) SELECT id, $1 FROM ${source} WHERE abs(hashtext(id::text)) % 3 = 0`, [userId]);
  }
  await client.query(
    `WITH a AS (SELECT id, row_number() OVER (ORDER BY id) AS r FROM accounts), ac AS (SELECT count(*) AS n FROM accounts),
          k AS (SELECT id, row_number() OVER (ORDER BY id) AS r FROM cases)
     UPDATE cases SET account_id = a.id FROM k, ac, a WHERE cases.id = k.id AND a.r = 1 + k.r % ac.n`,
  );
  await client.query('ANALYZE');
  return n;
}
