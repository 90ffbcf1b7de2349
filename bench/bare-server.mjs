// The floor for each benchmarked route: Fastify and pg, no framework, guard, validation or
// mapping, running the best SQL for the same data the API answers (the page's rows with their
// links computed for those rows only, exact counts, the bounded side lists). Unfiltered pages
// count from the organization's kept totals (record_totals), filtered ones from the rows. The
// API's ratio to it is the cost of everything else.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const orgId = process.env.BENCH_ORG_ID;
const app = Fastify();
// Named statements, as the API runs them (src/common/database/preparing-client.ts): each text is
// parsed and planned once per connection.
const names = new Map();
const nameOf = (sql) => names.get(sql) ?? names.set(sql, `bare_${names.size}`).get(sql);
const rows = async (sql, params = []) => (await pool.query(params.length ? { name: nameOf(sql), text: sql, values: params } : sql)).rows;

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
/** A subquery's rows as one JSON array column, in its order. */
const jsonList = (sql) => `(SELECT coalesce(json_agg(j), '[]'::json) FROM (${sql}) j)`;
/** The bounded side lists as JSON columns of the counts statement: the first 100 and, apart, how many in all. */
const sides = {
  contacts: { from: 'FROM contacts WHERE org_id = $1', rows: 'SELECT id, first_name, last_name, primary_email', order: 'ORDER BY first_name, last_name, id' },
  users: { from: 'FROM profiles p JOIN users u ON u.id = p.user_id WHERE p.org_id = $1 AND p.is_active', rows: 'SELECT u.id, u.email, u.first_name, u.last_name', order: 'ORDER BY u.email' },
  teams: { from: 'FROM teams WHERE org_id = $1', rows: 'SELECT id, name', order: 'ORDER BY name' },
  tags: { from: 'FROM tags WHERE org_id = $1', rows: 'SELECT id, name', order: 'ORDER BY lower(name), id' },
};
const bounded = ({ from, rows: columns, order }, name) =>
  `${jsonList(`${columns} ${from} ${order} LIMIT 100`)} AS ${name}, (SELECT count(*) ${from})::int AS ${name}_total`;
/** Sums of the organization's kept totals of `table`, by status, with the side lists beside them. */
const keptWithSides = async (counts, table, names) =>
  (
    await rows(
      `SELECT ${counts}, ${names.map((name) => bounded(sides[name], name)).join(', ')} FROM record_totals WHERE org_id = $1 AND record_table = '${table}'`,
      [orgId],
    )
  )[0];
const kept = (status) => `coalesce(sum(total) FILTER (WHERE value IN (${status})), 0)::int`;
/** A record's comments and files, in one statement. */
const discussion = async (kind, id) =>
  (
    await rows(
      `SELECT ${jsonList('SELECT * FROM comments WHERE org_id = $1 AND parent_kind = $2 AND parent_id = $3 ORDER BY created_on')} AS comments,
        ${jsonList('SELECT * FROM attachments WHERE org_id = $1 AND parent_kind = $2 AND parent_id = $3 ORDER BY created_on DESC')} AS attachments`,
      [orgId, kind, id],
    )
  )[0];
/** A record's assignees and the first 100 active members to mention, with their total, in one statement. */
const people = (assigned) =>
  rows(
    `WITH people AS (
       SELECT u.id, u.email, u.first_name, u.last_name, u.id = ANY($2::uuid[]) AS assigned,
         count(*) FILTER (WHERE p.is_active) OVER () AS active_total,
         CASE WHEN p.is_active THEN row_number() OVER (PARTITION BY p.is_active ORDER BY u.email) END AS place
       FROM profiles p JOIN users u ON u.id = p.user_id WHERE p.org_id = $1)
     SELECT * FROM people WHERE assigned OR place <= 100 ORDER BY email`,
    [orgId, assigned],
  );
/** A detail's row with its contacts and teams by name (and more lists) in one statement, then its people and discussion together. */
const detail = async (kind, sql, id) => {
  const [record] = await rows(sql, [orgId, id]);
  const [who, { comments, attachments }] = await Promise.all([people(record.assigned_to), discussion(kind, id)]);
  return { record, assigned_to: who.filter((p) => p.assigned), users_mention: who.filter((p) => p.place !== null), comments, attachments };
};
const refs = (alias, owner, prefix) => `
  ${jsonList(`SELECT id, first_name, last_name, primary_email FROM contacts WHERE org_id = $1 AND id IN (SELECT contact_id FROM ${prefix}_contacts WHERE ${owner} = ${alias}.id) ORDER BY first_name, last_name`)} AS contact_refs,
  ${jsonList(`SELECT id, name FROM teams WHERE org_id = $1 AND id IN (SELECT team_id FROM ${prefix}_teams WHERE ${owner} = ${alias}.id) ORDER BY name`)} AS team_refs`;
/** An account's newest related rows (at most 100) and, apart, how many it has. */
const related = (table, columns) =>
  `${jsonList(`SELECT ${columns} FROM ${table} WHERE org_id = $1 AND account_id = a.id ORDER BY created_on DESC, id DESC LIMIT 100`)} AS ${table},
   (SELECT count(*) FROM ${table} WHERE org_id = $1 AND account_id = a.id)::int AS ${table}_total`;

app.get('/health', async () => ({ status: 'ok' }));

app.get('/api/accounts/', async (request) => {
  const limit = request.query.limit ?? 10;
  const [open, closed, counts] = await Promise.all([
    page('accounts', 'a', ACCOUNT_LINKS, `a.org_id = $1 AND a.status = 'open'`, limit, [orgId]),
    page('accounts', 'a', ACCOUNT_LINKS, `a.org_id = $1 AND a.status = 'closed'`, limit, [orgId]),
    keptWithSides(`${kept(`'open'`)} AS open, ${kept(`'closed'`)} AS closed`, 'accounts', ['contacts', 'users', 'teams']),
  ]);
  return { open_accounts: open, closed_accounts: closed, ...counts };
});

app.get('/api/leads/', async (request) => {
  const limit = request.query.limit ?? 10;
  const [open, closed, counts] = await Promise.all([
    page('leads', 'x', LEAD_LINKS, `x.org_id = $1 AND x.status NOT IN ('closed', 'converted')`, limit, [orgId]),
    page('leads', 'x', LEAD_LINKS, `x.org_id = $1 AND x.status = 'closed'`, limit, [orgId]),
    keptWithSides(`${kept(`'closed'`)} AS closed, ${kept(`'assigned', 'in process', 'recycled'`)} AS open`, 'leads', ['contacts', 'users', 'tags']),
  ]);
  return { open_leads: open, closed_leads: closed, ...counts };
});

app.get('/api/cases/', async (request) => {
  const { name, status } = request.query;
  const params = [orgId];
  let where = 'c.org_id = $1';
  if (name) where += ` AND c.name ILIKE $${params.push(`%${String(name).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)}`;
  if (status) where += ` AND c.status = $${params.push(status)}`;
  const [results, [{ count }]] = await Promise.all([
    page('cases', 'c', CASE_LINKS, where, request.query.limit ?? 10, params),
    name || status
      ? rows(`SELECT count(*)::int AS count FROM cases c WHERE ${where}`, params)
      : rows(`SELECT coalesce(sum(total), 0)::int AS count FROM record_totals WHERE org_id = $1 AND record_table = 'cases'`, params),
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

app.get('/api/accounts/:id/', (request) =>
  detail(
    'account',
    `SELECT a.*, ${ACCOUNT_LINKS}, ${refs('a', 'account_id', 'account')},
       ${related('cases', 'id, name, status, priority, case_type, created_on, closed_on')},
       ${related('opportunities', 'id, name, stage, amount::text, currency, probability, closed_on, created_on')},
       ${related('tasks', 'id, title, status, priority, due_date, created_on')},
       ${related('invoices', 'id, invoice_number, invoice_title, status, currency, total::text, due_date, created_on')}
     FROM accounts a WHERE a.org_id = $1 AND a.id = $2`,
    request.params.id,
  ),
);

app.get('/api/leads/:id/', (request) =>
  detail('lead', `SELECT x.*, ${LEAD_LINKS}, ${refs('x', 'lead_id', 'lead')} FROM leads x WHERE x.org_id = $1 AND x.id = $2`, request.params.id),
);

app.get('/api/cases/:id/', (request) =>
  detail(
    'case',
    `SELECT c.*, ${CASE_LINKS},
       ${jsonList('SELECT id, name FROM teams WHERE org_id = $1 AND id IN (SELECT team_id FROM case_teams WHERE case_id = c.id) ORDER BY name')} AS team_refs
     FROM cases c WHERE c.org_id = $1 AND c.id = $2`,
    request.params.id,
  ),
);

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
