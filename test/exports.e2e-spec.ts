import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { as, type Cast, createCast } from './support/cast.js';
import { KINDS } from './support/every-kind.js';
import { multipart } from './support/multipart.js';
import { countQueries } from './support/query-count.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** Parses the export's CSV (quoted cells, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && char === '"') {
      quoted = false;
    } else if (quoted || (char !== '"' && char !== ',' && char !== '\r')) {
      cell += char;
    } else if (char === '"') {
      quoted = true;
    } else {
      row.push(cell);
      cell = '';
      if (char === '\r') {
        rows.push(row);
        row = [];
        i++;
      }
    }
  }
  return rows;
}

describe('GET /api/{kind}/export/', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe.each(Object.entries(KINDS))('%s', (_kind, { path, create }) => {
    let cast: Cast;
    let ids: string[];
    beforeAll(async () => {
      cast = await createCast(t.api);
      ids = [];
      for (let i = 0; i < 3; i++) ids.push((await create(t, cast)).body.id);
      // An invoice's account is a record of its own: only the kind's records are exported.
    });

    it('streams every record as NDJSON, newest first', async () => {
      const res = await t.api.get(`/api/${path}/export/?format=ndjson`, as(cast, 'admin'));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/x-ndjson');
      const items = String(res.body).trim().split('\n').map((line) => JSON.parse(line));
      expect(items.map(({ id }) => id)).toEqual([...ids].reverse());
    });

    it('writes CSV with one header row and a row per record, in the sort asked for', async () => {
      const res = await t.api.get(`/api/${path}/export/?sort=created_on`, as(cast, 'admin'));
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${path}.csv"`);
      const [header, ...rows] = parseCsv(String(res.body));
      expect(header[0]).toBe('id');
      expect(rows.map((row) => row[0])).toEqual(ids);
      expect(rows.every((row) => row.length === header.length)).toBe(true);
    });
  });

  it('applies the list filters, refuses a bad sort or format, and is an ADMIN or read-key matter', async () => {
    const cast = await createCast(t.api);
    const admin = as(cast, 'admin');
    await t.api.post('/api/accounts/', { name: 'Open one', status: 'open' }, admin);
    const closed = (await t.api.post('/api/accounts/', { name: 'Closed one', status: 'closed' }, admin)).body;
    const filtered = await t.api.get('/api/accounts/export/?format=ndjson&status=closed', admin);
    expect(String(filtered.body).trim().split('\n').map((line) => JSON.parse(line).id)).toEqual([closed.id]);

    expect((await t.api.get('/api/accounts/export/?sort=priority', admin)).body.errors).toHaveProperty('sort');
    expect((await t.api.get('/api/accounts/export/?format=xml', admin)).body.errors).toHaveProperty('format');
    expect((await t.api.get('/api/accounts/export/?limit=5', admin)).body.errors).toHaveProperty('limit');
    expect((await t.api.get('/api/accounts/export/', as(cast, 'creator'))).body.code).toBe('ROLE_REQUIRED');
    const key = async (scopes: string[]) => (await t.api.post('/api/api-keys/', { name: `export ${scopes}`, scopes }, admin)).body.secret as string;
    expect((await t.api.get('/api/accounts/export/', { token: await key(['accounts:read']) })).status).toBe(200);
    expect((await t.api.get('/api/accounts/export/', { token: await key(['cases:read']) })).body.code).toBe('INSUFFICIENT_SCOPE');
    const outsider = await t.api.get('/api/accounts/export/?format=ndjson', { token: cast.outsider.token, orgId: cast.outsiderOrgId });
    expect(String(outsider.body)).not.toContain(closed.id);
  });

  it('defuses cells a spreadsheet would run, and a lead export imports back as the same leads', async () => {
    const cast = await createCast(t.api);
    const admin = as(cast, 'admin');
    const tag = randomUUID().slice(0, 8);
    const leads = [
      { first_name: '=HYPERLINK("http://evil.example","click")', last_name: 'Formula', email: `f-${tag}@x.co`, phone: '+1 555 0100', tags: [tag, 'vip'] },
      { first_name: 'Ada', last_name: 'Lovelace, "Countess"', email: `ada-${tag}@x.co`, status: 'in process', opportunity_amount: '1200.50', city: 'London' },
    ];
    for (const lead of leads) expect((await t.api.post('/api/leads/', lead, admin)).status).toBe(201);
    const csv = String((await t.api.get('/api/leads/export/', admin)).body);
    const [header, ...rows] = parseCsv(csv);
    const cell = (row: string[], column: string) => row[header.indexOf(column)];
    const formula = rows.find((row) => cell(row, 'last_name') === 'Formula')!;
    expect(cell(formula, 'first_name')).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(cell(formula, 'phone')).toBe(`'+1 555 0100`);

    const other = await createCast(t.api);
    const imported = await t.api.upload('/api/leads/upload/', multipart({}, [{ field: 'leads_file', fileName: 'leads.csv', content: csv }]), as(other, 'admin'));
    expect(imported.body).toMatchObject({ imported_count: 2, failed_count: 0 });
    const back = await t.api.get('/api/leads/export/?format=ndjson&sort=created_on', as(other, 'admin'));
    const original = await t.api.get('/api/leads/export/?format=ndjson&sort=created_on', admin);
    const fields = (text: unknown) =>
      String(text)
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line))
        .map(({ first_name, last_name, email, phone, status, opportunity_amount, city, tags }) => ({ first_name, last_name, email, phone, status, opportunity_amount, city, tags: [...tags].sort() }))
        .sort((a, b) => a.email.localeCompare(b.email));
    expect(fields(back.body)).toEqual(fields(original.body));
  });

  it('reads a large export in batches of a thousand, a constant number of statements each', async () => {
    const cast = await createCast(t.api);
    const db = t.app.get(DataSource);
    const exported = async (count: number) => {
      await db.query(`INSERT INTO cases (org_id, name) SELECT $1, 'Case ' || i FROM generate_series(1, $2) i`, [cast.orgId, count]);
      let lines = 0;
      const statements = await countQueries(t, async () => {
        lines = String((await t.api.get('/api/cases/export/?format=ndjson', as(cast, 'admin'))).body).trim().split('\n').length;
      });
      return { lines, statements };
    };
    const small = await exported(500);
    const large = await exported(2000);
    expect(small.lines).toBe(500);
    expect(large.lines).toBe(2500);
    // 500 rows: one batch; 2,500: three; each batch the same statements.
    expect(large.statements).toBe(small.statements * 3);
  });
});
