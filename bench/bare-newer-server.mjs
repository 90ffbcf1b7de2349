// The floor for the newer routes (issue 29): Fastify and pg, no framework, running the best SQL
// for the same data the API answers: a page's rows with their links for those rows only, its
// exact count (from the kept totals when unfiltered), an invoice with its lines and payments in
// one statement, the pipeline from the kept sums, an event window of one-off events in SQL, the
// dashboard as one statement of pages and kept totals.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const orgId = process.env.BENCH_ORG_ID;
const userId = process.env.BENCH_USER_ID;
const app = Fastify();
const names = new Map();
const nameOf = (sql) => names.get(sql) ?? names.set(sql, `bare_${names.size}`).get(sql);
const rows = async (sql, params = []) => (await pool.query({ name: nameOf(sql), text: sql, values: params })).rows;

const links = (alias, owner, tables) =>
  Object.entries(tables)
    .map(([field, [table, column]]) => `ARRAY(SELECT l.${column}::text FROM ${table} l WHERE l.${owner} = ${alias}.id ORDER BY 1) AS ${field}`)
    .join(', ');
const OPPORTUNITY_LINKS = `${links('o', 'opportunity_id', { assigned_to: ['opportunity_assignees', 'user_id'], teams: ['opportunity_teams', 'team_id'], contacts: ['opportunity_contacts', 'contact_id'] })},
  ARRAY(SELECT t.name FROM opportunity_tags l JOIN tags t ON t.id = l.tag_id WHERE l.opportunity_id = o.id ORDER BY 1) AS tags`;
const TASK_LINKS = links('t', 'task_id', { assigned_to: ['task_assignees', 'user_id'], teams: ['task_teams', 'team_id'], contacts: ['task_contacts', 'contact_id'] });
const INVOICE_LINKS = links('i', 'invoice_id', { assigned_to: ['invoice_assignees', 'user_id'], teams: ['invoice_teams', 'team_id'], contacts: ['invoice_contacts', 'contact_id'] });

/** One statement: a page of `table` with its links, and the count of what the filter matches. */
const page = async (table, alias, select, where, params) => {
  const [result] = await rows(
    `SELECT (SELECT coalesce(json_agg(p), '[]'::json) FROM (
        SELECT ${alias}.*, ${select} FROM ${table} ${alias}
        WHERE ${alias}.id IN (SELECT id FROM ${table} ${alias} WHERE ${where} ORDER BY created_on DESC, id DESC LIMIT 10)
        ORDER BY ${alias}.created_on DESC, ${alias}.id DESC) p) AS results,
      (SELECT count(*)::int FROM ${table} ${alias} WHERE ${where}) AS count`,
    params,
  );
  return { count: result.count, next: null, previous: null, results: result.results };
};

const ACCOUNT_LINKS = `${links('a', 'account_id', { assigned_to: ['account_assignees', 'user_id'], teams: ['account_teams', 'team_id'], contacts: ['account_contacts', 'contact_id'] })},
  ARRAY(SELECT t.name FROM account_tags l JOIN tags t ON t.id = l.tag_id WHERE l.account_id = a.id ORDER BY 1) AS tags`;
const LEAD_LINKS = `${links('ld', 'lead_id', { assigned_to: ['lead_assignees', 'user_id'], teams: ['lead_teams', 'team_id'], contacts: ['lead_contacts', 'contact_id'] })},
  ARRAY(SELECT t.name FROM lead_tags l JOIN tags t ON t.id = l.tag_id WHERE l.lead_id = ld.id ORDER BY 1) AS tags`;
const CONTACT_LINKS = links('c', 'contact_id', { assigned_to: ['contact_assignees', 'user_id'], teams: ['contact_teams', 'team_id'] });
const newest = (table, alias, select, where = '') =>
  `(SELECT coalesce(json_agg(p), '[]'::json) FROM (SELECT ${alias}.*, ${select} FROM ${table} ${alias}
     WHERE ${alias}.org_id = $1 ${where} ORDER BY ${alias}.created_on DESC, ${alias}.id DESC LIMIT 10) p)`;
const kept = (table, values) =>
  `(SELECT coalesce(sum(total), 0)::int FROM record_totals WHERE org_id = $1 AND record_table = '${table}'${values ? ` AND value IN (${values})` : ''})`;

app.get('/api/dashboard/', async () => {
  const [row] = await rows(
    `SELECT ${kept('accounts')} AS accounts_count, ${kept('contacts')} AS contacts_count,
       ${kept('leads', `'assigned', 'in process', 'recycled'`)} AS leads_count, ${kept('opportunities')} AS opportunities_count,
       (SELECT coalesce(sum(total), 0)::int FROM record_totals WHERE org_id = $1 AND record_table = 'task_assignees' AND value = $2::text) AS tasks_count,
       ${newest('accounts', 'a', ACCOUNT_LINKS)} AS accounts,
       ${newest('contacts', 'c', CONTACT_LINKS)} AS contacts,
       ${newest('leads', 'ld', LEAD_LINKS, `AND ld.status IN ('assigned', 'in process', 'recycled')`)} AS leads,
       ${newest('opportunities', 'o', OPPORTUNITY_LINKS)} AS opportunities,
       (SELECT coalesce(json_agg(p), '[]'::json) FROM (SELECT t.*, ${TASK_LINKS}, (t.due_date < current_date) AS is_overdue FROM tasks t
          WHERE t.org_id = $1 AND t.status <> 'Completed' AND EXISTS (SELECT 1 FROM task_assignees l WHERE l.task_id = t.id AND l.user_id = $2::uuid)
          ORDER BY t.due_date, t.created_on DESC, t.id DESC LIMIT 20) p) AS tasks,
       (SELECT coalesce(json_agg(p), '[]'::json) FROM (SELECT stage, currency, sum(count)::int AS count, round(sum(amount), 2)::text AS amount_total,
          round(sum(weighted), 2)::text AS weighted_total FROM pipeline_totals WHERE org_id = $1 GROUP BY stage, currency HAVING sum(count) <> 0) p) AS pipeline,
       (SELECT coalesce(json_agg(p), '[]'::json) FROM (SELECT currency, sum(count)::int AS count, round(sum(amount_due), 2)::text AS amount_due
          FROM outstanding_totals WHERE org_id = $1 GROUP BY currency HAVING sum(count) <> 0 ORDER BY currency) p) AS invoices_outstanding`,
    [orgId, userId],
  );
  return row;
});

app.get('/health', async () => ({ status: 'ok' }));

app.get('/api/opportunities/pipeline/', async () => ({
  stages: await rows(
    `SELECT stage, currency, sum(count)::int AS count, round(sum(amount), 2)::text AS amount_total, round(sum(weighted), 2)::text AS weighted_total
     FROM pipeline_totals WHERE org_id = $1 GROUP BY stage, currency HAVING sum(count) <> 0 ORDER BY stage, currency`,
    [orgId],
  ),
}));

app.get('/api/opportunities/', (request) => page('opportunities', 'o', OPPORTUNITY_LINKS, 'o.org_id = $1 AND o.stage = $2', [orgId, request.query.stage]));

app.get('/api/tasks/', () =>
  page('tasks', 't', `${TASK_LINKS}, (t.due_date < current_date AND t.status <> 'Completed') AS is_overdue`, `t.org_id = $1 AND t.due_date < current_date AND t.status <> 'Completed'`, [orgId]),
);

app.get('/api/invoices/', async () => {
  const [result] = await rows(
    `SELECT (SELECT coalesce(json_agg(p), '[]'::json) FROM (
        SELECT i.*, ${INVOICE_LINKS} FROM invoices i WHERE i.id IN (SELECT id FROM invoices WHERE org_id = $1 ORDER BY created_on DESC, id DESC LIMIT 10)
        ORDER BY i.created_on DESC, i.id DESC) p) AS results,
      (SELECT coalesce(sum(total), 0)::int FROM record_totals WHERE org_id = $1 AND record_table = 'invoices') AS count`,
    [orgId],
  );
  return { count: result.count, next: null, previous: null, results: result.results };
});

app.get('/api/invoices/:id/', async (request) => {
  const [invoice] = await rows(
    `SELECT i.*, ${INVOICE_LINKS},
       (SELECT coalesce(json_agg(l ORDER BY l.position), '[]'::json) FROM invoice_lines l WHERE l.org_id = i.org_id AND l.invoice_id = i.id) AS lines,
       (SELECT coalesce(json_agg(p ORDER BY p.created_on), '[]'::json) FROM invoice_payments p WHERE p.org_id = i.org_id AND p.invoice_id = i.id) AS payments,
       (SELECT coalesce(json_agg(c ORDER BY c.created_on), '[]'::json) FROM comments c WHERE c.org_id = i.org_id AND c.parent_kind = 'invoice' AND c.parent_id = i.id) AS comments,
       (SELECT coalesce(json_agg(a ORDER BY a.created_on DESC), '[]'::json) FROM attachments a WHERE a.org_id = i.org_id AND a.parent_kind = 'invoice' AND a.parent_id = i.id) AS attachments
     FROM invoices i WHERE i.org_id = $1 AND i.id = $2`,
    [orgId, request.params.id],
  );
  return invoice;
});

app.get('/api/events/', async (request) => ({
  results: await rows(
    `SELECT e.*, e.series_start AS occurrence_start, e.series_end AS occurrence_end FROM events e
     WHERE e.org_id = $1 AND e.series_start < $3 AND e.series_end > $2 ORDER BY e.series_start, e.id`,
    [orgId, request.query.from, request.query.to],
  ),
}));

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
