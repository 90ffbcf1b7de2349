import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { as, type Cast, createCast } from './support/cast.js';
import { multipart } from './support/multipart.js';
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
});
