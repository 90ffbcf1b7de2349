import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { inlineWorkbook } from './support/zip.js';
import { as, type Cast, createCast } from './support/cast.js';
import { multipart } from './support/multipart.js';
import { eventually } from './support/smtp-sink.js';
import { createTestApp, type TestApp } from './support/test-app.js';

describe('POST /api/leads/upload/', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
  });
  afterAll(() => t.close());

  const upload = (content: Buffer | string, fileName = 'leads.csv', who: Parameters<typeof as>[1] = 'creator') =>
    t.api.upload('/api/leads/upload/', multipart({}, [{ field: 'leads_file', fileName, content }]), as(cast, who));

  it('imports valid rows and reports each bad one with its row number and field', async () => {
    const tag = randomUUID().slice(0, 8);
    const csv = [
      'First Name,last_name,EMAIL,status,source,opportunity_amount,tags',
      `Ada,Lovelace,ada-${tag}@x.co,in process,Referral,1200.50,"vip, ${tag}"`,
      `Bad,Mail,not-an-email,,,,`,
      `No,Status,n-${tag}@x.co,won,,,`,
      `No,Source,s-${tag}@x.co,,Carrier pigeon,,`,
      `Neg,Amount,a-${tag}@x.co,,,-5,`,
      `Word,Amount,w-${tag}@x.co,,,lots,`,
      `,Nameless,nl-${tag}@x.co,,,,`,
      `Too,Many,t-${tag}@x.co,,,,,extra`,
      `Dup,InFile,ada-${tag}@X.CO,,,,`,
      `Grace,Hopper,grace-${tag}@x.co,,,,`,
    ].join('\n');
    const res = await upload(csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'partial', imported_count: 2, failed_count: 8 });
    expect(res.body.errors).toEqual([
      { row: 3, field: 'email', message: expect.stringContaining('email') },
      { row: 4, field: 'status', message: expect.stringContaining('assigned, in process, recycled, closed') },
      { row: 5, field: 'source', message: expect.stringContaining('Website Form') },
      { row: 6, field: 'opportunity_amount', message: expect.any(String) },
      { row: 7, field: 'opportunity_amount', message: expect.any(String) },
      { row: 8, field: 'first_name', message: expect.any(String) },
      { row: 9, field: 'row', message: 'has 8 columns; the header has 7' },
      { row: 10, field: 'email', message: expect.stringContaining('earlier row') },
    ]);
    const listed = await t.api.get(`/api/leads/?tags=${tag}`, as(cast, 'creator'));
    expect(listed.body.open_leads).toEqual([
      expect.objectContaining({
        first_name: 'Ada',
        status: 'in process',
        source: 'Referral',
        opportunity_amount: '1200.50',
        tags: [tag, 'vip'],
        created_by: cast.creator.userId,
      }),
    ]);
  });

  it('reports rows whose e-mail a lead of the organization already has', async () => {
    const email = `exists-${randomUUID()}@x.co`;
    await t.api.post('/api/leads/', { first_name: 'A', last_name: 'B', email }, as(cast, 'admin'));
    const res = await upload(`first_name,last_name,email\nC,D,${email.toUpperCase()}\n`);
    expect(res.body).toEqual({
      status: 'failed',
      imported_count: 0,
      failed_count: 1,
      errors: [{ row: 2, field: 'email', message: 'a lead with this e-mail already exists in the organization' }],
    });
  });

  it('imports the first sheet of an XLSX workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Leads');
    const city = `Xl-${randomUUID().slice(0, 6)}`;
    sheet.addRow(['first_name', 'last_name', 'city', 'opportunity_amount']);
    sheet.addRow(['Sheet', 'One', city, 99.5]);
    sheet.addRow(['Sheet', 'Two', city, 'bad']);
    const res = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), 'leads.xlsx');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported_count: 1, failed_count: 1, errors: [{ row: 3, field: 'opportunity_amount' }] });
    const listed = await t.api.get(`/api/leads/?city=${city}`, as(cast, 'creator'));
    expect(listed.body.open_leads).toEqual([expect.objectContaining({ last_name: 'One', opportunity_amount: '99.50' })]);
  });

  it.each([
    ['a missing required header', 'first_name,email\nA,a@b.co\n', 400, 'missing columns: last_name'],
    ['an unknown column', 'first_name,last_name,shoe_size\nA,B,9\n', 400, 'unknown columns: shoe_size'],
    ['an empty file', '', 400, 'is empty'],
    ['only blank lines', '\n\n\n', 400, 'has no header row'],
  ])('rejects %s with %i and imports nothing', async (_case, csv, status, message) => {
    const res = await upload(csv);
    expect(res.status).toBe(status);
    expect(res.body.errors.leads_file.join(' ')).toContain(message);
  });

  it('rejects a binary file named .csv with 415', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const res = await upload(png, 'leads.csv');
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('rejects a request without the file, or with other fields', async () => {
    const none = await t.api.upload('/api/leads/upload/', multipart({ note: 'x' }), as(cast, 'creator'));
    expect(none.status).toBe(400);
    const json = await t.api.post('/api/leads/upload/', { leads_file: 'first_name,last_name' }, as(cast, 'creator'));
    expect(json.status).toBe(400);
    expect(json.body.errors).toHaveProperty('leads_file');
  });

  it('needs a member of the organization', async () => {
    const res = await t.api.upload(
      '/api/leads/upload/',
      multipart({}, [{ field: 'leads_file', fileName: 'l.csv', content: 'first_name,last_name\nA,B\n' }]),
      { token: cast.outsider.token, orgId: cast.orgId },
    );
    expect(res.status).toBe(403);
  });

  const countByCity = async (city: string) =>
    (await t.api.get(`/api/leads/?city=${city}&limit=1`, as(cast, 'admin'))).body.open_leads_count as number;
  const csvOf = (city: string, rows: number, prefix = randomUUID().slice(0, 8)) =>
    ['first_name,last_name,email,city', ...Array.from({ length: rows }, (_, i) => `F${i},L${i},${prefix}-${i}@x.co,${city}`)].join('\n');
  // Spooled uploads are named after their organization, so other test files' uploads do not count.
  const leftoverSpools = async (orgId = cast.orgId) =>
    (await readdir(tmpdir())).filter((name) => name.startsWith(`crm-lead-import-${orgId}`));

  it('commits nothing when the file breaks after a thousand good rows (400 names the row)', async () => {
    const city = `Broken-${randomUUID().slice(0, 6)}`;
    const csv = `${csvOf(city, 1200)}\nBad,"Quote,b@x.co,${city}\nMore,Rows,m@x.co,${city}\n`;
    const res = await upload(csv);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('after row 1201');
    expect(await countByCity(city)).toBe(0);
  });

  it('names a repeated e-mail as this file’s own duplicate, also a thousand rows later', async () => {
    const city = `Repeat-${randomUUID().slice(0, 6)}`;
    const prefix = randomUUID().slice(0, 8);
    const csv = `${csvOf(city, 1100, prefix)}\nAgain,Row,${prefix}-3@x.co,${city}\n`;
    const res = await upload(csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported_count: 1100, failed_count: 1 });
    expect(res.body.errors).toEqual([{ row: 1102, field: 'email', message: expect.stringContaining('earlier row in this file') }]);
  });

  it('reports errors in row order while the next thousand rows are read during the last thousand’s write', async () => {
    const city = `Ordered-${randomUUID().slice(0, 6)}`;
    const prefix = randomUUID().slice(0, 8);
    // The thousandth row's e-mail is found taken only when its batch is written.
    await t.api.post('/api/leads/', { first_name: 'A', last_name: 'B', email: `${prefix}-999@x.co` }, as(cast, 'admin'));
    const csv = `${csvOf(city, 1000, prefix)}\nBad,Mail,not-an-e-mail,${city}\n${csvOf(city, 20).split('\n').slice(1).join('\n')}\n`;
    const res = await upload(csv);
    expect(res.body).toMatchObject({ status: 'partial', imported_count: 1019, failed_count: 2 });
    expect(res.body.errors).toEqual([
      { row: 1001, field: 'email', message: 'a lead with this e-mail already exists in the organization' },
      { row: 1002, field: 'email', message: expect.any(String) },
    ]);
  });

  it('lets parallel uploads of one file import each e-mail once', async () => {
    const city = `Parallel-${randomUUID().slice(0, 6)}`;
    const csv = csvOf(city, 50);
    const results = await Promise.all([upload(csv), upload(csv), upload(csv)]);
    expect(results.map((res) => res.body.imported_count).sort()).toEqual([0, 0, 50]);
    expect(results.map((res) => res.body.failed_count).sort()).toEqual([0, 50, 50]);
    expect(await countByCity(city)).toBe(50);
  });

  it('refuses a workbook whose shared strings unpack past the limit (413), leaving no temporary file', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Leads');
    sheet.addRow(['first_name', 'last_name']);
    sheet.addRow(['x'.repeat(17 * 1024 * 1024), 'Bomb']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(xlsx.length).toBeLessThan(1024 * 1024);
    const res = await upload(xlsx, 'bomb.xlsx');
    expect(res.status).toBe(413);
    expect(res.body.errors.leads_file[0]).toContain('shared strings');
    expect(await leftoverSpools()).toEqual([]);
  });

  it.each([
    ['a cell that unpacks to 1 MiB', () => inlineWorkbook([['first_name', 'last_name'], ['x'.repeat(1024 * 1024), 'Bomb']]), 'row 2 has a cell longer than 64 KiB'],
    ['a row of 40 cells of 40 KiB', () => inlineWorkbook([['first_name', 'last_name'], Array.from({ length: 40 }, () => 'y'.repeat(40 * 1024))]), 'row 2 is longer than 1 MiB'],
  ])('refuses a workbook with %s (413) before holding it in memory', async (_what, workbook, reason) => {
    const xlsx = workbook();
    expect(xlsx.length).toBeLessThan(64 * 1024);
    const res = await upload(xlsx, 'inflating.xlsx');
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'IMPORT_TOO_LARGE', errors: { leads_file: [`is too large: ${reason}`] } });
    expect(await leftoverSpools()).toEqual([]);
  });

  it('reads a workbook whose XML names its elements with a namespace prefix, and reports an empty required cell as the API does', async () => {
    const city = `Prefixed-${randomUUID().slice(0, 6)}`;
    const xlsx = inlineWorkbook(
      [
        ['first_name', 'last_name', 'city'],
        ['Ada', 'Lovelace', city],
        ['Nameless', '', city],
      ],
      'x',
    );
    const res = await upload(xlsx, 'prefixed.xlsx');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported_count: 1, failed_count: 1 });
    expect(res.body.errors).toEqual([{ row: 3, field: 'last_name', message: 'last_name should not be empty' }]);
    const api = await t.api.post('/api/leads/', { first_name: 'Nameless' }, as(cast, 'creator'));
    expect(api.body.errors.last_name[0]).toBe('last_name should not be empty');
  });

  it('leaves no temporary file behind after an import, good or bad', async () => {
    await upload(csvOf(`Clean-${randomUUID().slice(0, 6)}`, 3));
    await upload('first_name\nA\n');
    expect(await leftoverSpools()).toEqual([]);
  });

  describe('limits and background imports', () => {
    let small: TestApp;
    let smallCast: Cast;
    beforeAll(async () => {
      small = await createTestApp({ MAX_UPLOAD_BYTES: String(64 * 1024), LEAD_IMPORT_SYNC_BYTES: String(2 * 1024) });
      smallCast = await createCast(small.api);
    });
    afterAll(() => small.close());

    const uploadTo = (content: string, who: Parameters<typeof as>[1] = 'creator') =>
      small.api.upload('/api/leads/upload/', multipart({}, [{ field: 'leads_file', fileName: 'leads.csv', content }]), as(smallCast, who));
    const cityCount = async (city: string) =>
      (await small.api.get(`/api/leads/?city=${city}&limit=1`, as(smallCast, 'admin'))).body.open_leads_count as number;

    it('stops reading at the size limit: 413 and nothing imported', async () => {
      const city = `Huge-${randomUUID().slice(0, 6)}`;
      const res = await uploadTo(csvOf(city, 4000));
      expect(res.status).toBe(413);
      expect(await cityCount(city)).toBe(0);
      expect(await leftoverSpools(smallCast.orgId)).toEqual([]);
    });

    it('imports a larger file in the background: 202, then its progress and outcome', async () => {
      const city = `Bg-${randomUUID().slice(0, 6)}`;
      const csv = `${csvOf(city, 300)}\nNo,Email,not-an-email,${city}\n`;
      const started = await uploadTo(csv);
      expect(started.status).toBe(202);
      expect(started.body).toMatchObject({ status: 'running', file_name: 'leads.csv', created_by: smallCast.creator.userId });
      const done = await eventually(async () => {
        const job = await small.api.get(`/api/leads/imports/${started.body.id}/`, as(smallCast, 'creator'));
        expect(job.body.status).toBe('succeeded');
        return job.body;
      });
      expect(done).toMatchObject({ rows_read: 301, rows_total: 301, imported_count: 300, failed_count: 1, errors: [{ row: 302, field: 'email' }] });
      expect(await cityCount(city)).toBe(300);
      expect((await small.api.get(`/api/leads/imports/${started.body.id}/`, as(smallCast, 'admin'))).status).toBe(200);
      expect((await small.api.get(`/api/leads/imports/${started.body.id}/`, as(smallCast, 'other'))).status).toBe(404);
      expect((await small.api.get(`/api/leads/imports/${started.body.id}/`, as(smallCast, 'outsider'))).status).toBe(404);
      expect(await leftoverSpools(smallCast.orgId)).toEqual([]);
    });

    it('records a background import that fails as failed, with nothing imported', async () => {
      const city = `BgBad-${randomUUID().slice(0, 6)}`;
      const started = await uploadTo(`${csvOf(city, 300)}\nBad,"Quote,q@x.co,${city}\n`);
      const failed = await eventually(async () => {
        const job = await small.api.get(`/api/leads/imports/${started.body.id}/`, as(smallCast, 'creator'));
        expect(job.body.status).toBe('failed');
        return job.body;
      });
      expect(failed.imported_count).toBe(0);
      expect(failed.rows_total).toBeNull();
      expect(failed.message).toContain('cannot be read');
      expect(await cityCount(city)).toBe(0);
    });
  });
});
