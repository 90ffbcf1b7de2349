// The floor for the cases benchmark: Fastify and pg running the same SQL the API runs for the
// same requests, with no framework, validation, guard or mapping. The ratio to it is the cost
// of everything else.
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const orgId = process.env.BENCH_ORG_ID;
const app = Fastify();

const LINKS = `
  ARRAY(SELECT l.user_id::text FROM case_assignees l WHERE l.case_id = c.id ORDER BY 1) AS assigned_to,
  ARRAY(SELECT l.team_id::text FROM case_teams l WHERE l.case_id = c.id ORDER BY 1) AS teams,
  ARRAY(SELECT l.contact_id::text FROM case_contacts l WHERE l.case_id = c.id ORDER BY 1) AS contacts`;

app.get('/health', async () => ({ status: 'ok' }));

app.get('/api/cases/', async (request) => {
  const { name, status } = request.query;
  const limit = Number(request.query.limit ?? 10);
  const pattern = `%${String(name).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const where = `c.org_id = $1 AND c.name ILIKE $2 AND c.status = $3`;
  const [rows, count] = await Promise.all([
    pool.query(`SELECT c.*, ${LINKS} FROM cases c WHERE ${where} ORDER BY c.created_on DESC, c.id DESC LIMIT $4`, [
      orgId, pattern, status, limit,
    ]),
    pool.query(`SELECT count(*)::int AS count FROM cases c WHERE ${where}`, [orgId, pattern, status]),
  ]);
  return { count: count.rows[0].count, results: rows.rows };
});

app.get('/api/cases/:id/', async (request) => {
  const id = request.params.id;
  const [row, comments, attachments, users] = await Promise.all([
    pool.query(`SELECT c.*, ${LINKS} FROM cases c WHERE c.org_id = $1 AND c.id = $2`, [orgId, id]),
    pool.query(`SELECT * FROM comments WHERE org_id = $1 AND case_id = $2 ORDER BY created_on`, [orgId, id]),
    pool.query(`SELECT * FROM attachments WHERE org_id = $1 AND case_id = $2 ORDER BY created_on DESC`, [orgId, id]),
    pool.query(
      `SELECT u.id, u.email, u.first_name, u.last_name FROM profiles p JOIN users u ON u.id = p.user_id
       WHERE p.org_id = $1 AND p.is_active ORDER BY u.email`,
      [orgId],
    ),
  ]);
  return { case_obj: row.rows[0], comments: comments.rows, attachments: attachments.rows, users_mention: users.rows };
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
