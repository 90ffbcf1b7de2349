// The floor for each benchmarked route: Fastify and pg, no framework, guard, validation or
// mapping, running the best SQL for the same data the API answers (the page's rows with their
// links computed for those rows only, exact counts, the bounded side lists). The API's ratio to
// it is the cost of everything else.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const orgId = process.env.BENCH_ORG_ID;
const app = Fastify();
const rows = async (sql, params = []) => (await pool.query(sql, params)).rows;

const links = (alias, owner, tables) =>
  Object.entries(tables)
    .map(([field, [table, column]]) => `ARRAY(SELECT l.${column}::text FROM ${table} l WHERE l.${owner} = ${alias}.id ORDER BY 1) AS ${field}`)
    .join(', ');
const tagNames = (alias, table, owner) => `ARRAY(SELECT t.name FROM ${table} l JOIN tags t ON t.id = l.tag_id WHERE l.${owner} = ${alias}.id ORDER BY 1) AS tags`;
const ACCOUNT_LINKS = `${links('a', 'account_id', { assigned_to: ['account_assignees', 'user_id'], teams: ['account_teams', 'team_id'], contacts: ['account_contacts', 'contact_id'] })}, ${tagNames('a', 'account_tags', 'account_id')}`;
const LEAD_LINKS = `${links('x', 'lead_id', { assigned_to: ['lead_assignees', 'user_id'], teams: ['lead_teams', 'team_id'], contacts: ['lead_contacts', 'contact_id'] })}, ${tagNames('x', 'lead_tags', 'lead_id')}`;
const CASE_LINKS = links('c', 'case_id', { assigned_to: ['case_assignees', 'user_id'], teams: ['case_teams', 'team_id'], contacts: ['case_contacts', 'contact_id'] });
const CONTACT_LINKS = links('k', 'contact_id', { assigned_to: ['contact_assignees', 'user_id'], teams: ['contact_teams', 'team_id'] });

/** A page of `table`, its links computed for the page's rows only. */
const page = (table, alias, select, where, limit, params) =>
  rows(
    `SELECT ${alias}.*, ${select} FROM ${table} ${alias}
     WHERE ${alias}.id IN (SELECT id FROM ${table} ${alias} WHERE ${where} ORDER BY created_on DESC, id DESC LIMIT ${Number(limit)})
     ORDER BY ${alias}.created_on DESC, ${alias}.id DESC`,
    params,
  );
const side = (sql) => rows(`${sql} LIMIT 100`, [orgId]).then((list) => ({ results: list, count: Number(list[0]?.total ?? 0) }));
const contactsSide = () => side(`SELECT id, first_name, last_name, primary_email, count(*) OVER () AS total FROM contacts WHERE org_id = $1 ORDER BY first_name, last_name, id`);
const usersSide = () =>
  side(`SELECT u.id, u.email, u.first_name, u.last_name, count(*) OVER () AS total FROM profiles p JOIN users u ON u.id = p.user_id WHERE p.org_id = $1 AND p.is_active ORDER BY u.email`);
const teamsSide = () => side(`SELECT id, name, count(*) OVER () AS total FROM teams WHERE org_id = $1 ORDER BY name`);
const tagsSide = () => side(`SELECT id, name, count(*) OVER () AS total FROM tags WHERE org_id = $1 ORDER BY lower(name), id`);
const discussion = (kind, id) =>
  Promise.all([
    rows(`SELECT * FROM comments WHERE org_id = $1 AND parent_kind = $2 AND parent_id = $3 ORDER BY created_on`, [orgId, kind, id]),
    rows(`SELECT * FROM attachments WHERE org_id = $1 AND parent_kind = $2 AND parent_id = $3 ORDER BY created_on DESC`, [orgId, kind, id]),
  ]);

app.get('/health', async () => ({ status: 'ok' }));

app.get('/api/accounts/', async (request) => {
  const limit = request.query.limit ?? 10;
  const [open, closed, [counts], contacts, users, teams] = await Promise.all([
    page('accounts', 'a', ACCOUNT_LINKS, `a.org_id = $1 AND a.status = 'open'`, limit, [orgId]),
    page('accounts', 'a', ACCOUNT_LINKS, `a.org_id = $1 AND a.status = 'closed'`, limit, [orgId]),
    rows(`SELECT count(*) FILTER (WHERE status = 'open') AS open, count(*) FILTER (WHERE status = 'closed') AS closed FROM accounts WHERE org_id = $1`, [orgId]),
    contactsSide(),
    usersSide(),
    teamsSide(),
  ]);
  return { open_accounts: open, closed_accounts: closed, ...counts, contacts, users, teams };
});

app.get('/api/leads/', async (request) => {
  const limit = request.query.limit ?? 10;
  const [open, closed, [counts], contacts, users, tags] = await Promise.all([
    page('leads', 'x', LEAD_LINKS, `x.org_id = $1 AND x.status NOT IN ('closed', 'converted')`, limit, [orgId]),
    page('leads', 'x', LEAD_LINKS, `x.org_id = $1 AND x.status = 'closed'`, limit, [orgId]),
    rows(`SELECT count(*) FILTER (WHERE status = 'closed') AS closed, count(*) FILTER (WHERE status <> 'closed') AS open FROM leads WHERE org_id = $1 AND status <> 'converted'`, [orgId]),
    contactsSide(),
    usersSide(),
    tagsSide(),
  ]);
  return { open_leads: open, closed_leads: closed, ...counts, contacts, users, tags };
});

app.get('/api/cases/', async (request) => {
  const { name, status } = request.query;
  const params = [orgId];
  let where = 'c.org_id = $1';
  if (name) where += ` AND c.name ILIKE $${params.push(`%${String(name).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)}`;
  if (status) where += ` AND c.status = $${params.push(status)}`;
  const [results, [{ count }]] = await Promise.all([
    page('cases', 'c', CASE_LINKS, where, request.query.limit ?? 10, params),
    rows(`SELECT count(*)::int AS count FROM cases c WHERE ${where}`, params),
  ]);
  return { count, results };
});

app.get('/api/contacts/', async (request) => {
  const [results, [{ count }]] = await Promise.all([
    page('contacts', 'k', CONTACT_LINKS, 'k.org_id = $1', request.query.limit ?? 10, [orgId]),
    rows(`SELECT count(*)::int AS count FROM contacts WHERE org_id = $1`, [orgId]),
  ]);
  return { count, results };
});

const refsOf = (ids) =>
  ids.length ? rows(`SELECT u.id, u.email, u.first_name, u.last_name FROM users u WHERE u.id = ANY($1::uuid[]) ORDER BY u.email`, [ids]) : [];

app.get('/api/accounts/:id/', async (request) => {
  const { id } = request.params;
  const [[account], [comments, attachments], users, cases, opportunities, tasks, invoices] = await Promise.all([
    rows(`SELECT a.*, ${ACCOUNT_LINKS} FROM accounts a WHERE a.org_id = $1 AND a.id = $2`, [orgId, id]),
    discussion('account', id),
    usersSide(),
    rows(`SELECT id, name, status, priority, case_type, created_on, closed_on, count(*) OVER () AS total FROM cases WHERE org_id = $1 AND account_id = $2 ORDER BY created_on DESC, id DESC LIMIT 100`, [orgId, id]),
    rows(`SELECT id, name, stage, amount, currency, probability, count(*) OVER () AS total FROM opportunities WHERE org_id = $1 AND account_id = $2 ORDER BY created_on DESC, id DESC LIMIT 100`, [orgId, id]),
    rows(`SELECT id, title, status, priority, due_date, count(*) OVER () AS total FROM tasks WHERE org_id = $1 AND account_id = $2 ORDER BY created_on DESC, id DESC LIMIT 100`, [orgId, id]),
    rows(`SELECT id, invoice_number, status, total, count(*) OVER () AS total_count FROM invoices WHERE org_id = $1 AND account_id = $2 ORDER BY created_on DESC, id DESC LIMIT 100`, [orgId, id]),
  ]);
  const [contacts, assigned] = await Promise.all([
    rows(`SELECT id, first_name, last_name, primary_email FROM contacts WHERE org_id = $1 AND id = ANY($2::uuid[])`, [orgId, account.contacts]),
    refsOf(account.assigned_to),
  ]);
  return { account_obj: account, contacts, assigned_to: assigned, comments, attachments, users_mention: users, cases, opportunities, tasks, invoices };
});

app.get('/api/leads/:id/', async (request) => {
  const { id } = request.params;
  const [[lead], [comments, attachments], users] = await Promise.all([
    rows(`SELECT x.*, ${LEAD_LINKS} FROM leads x WHERE x.org_id = $1 AND x.id = $2`, [orgId, id]),
    discussion('lead', id),
    usersSide(),
  ]);
  return { lead_obj: lead, assigned_to: await refsOf(lead.assigned_to), comments, attachments, users_mention: users };
});

app.get('/api/cases/:id/', async (request) => {
  const { id } = request.params;
  const [[kase], [comments, attachments], users] = await Promise.all([
    rows(`SELECT c.*, ${CASE_LINKS} FROM cases c WHERE c.org_id = $1 AND c.id = $2`, [orgId, id]),
    discussion('case', id),
    usersSide(),
  ]);
  return { case_obj: kase, assigned_to: await refsOf(kase.assigned_to), comments, attachments, users_mention: users };
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
