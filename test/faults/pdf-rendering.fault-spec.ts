import { readdir, readFile } from 'node:fs/promises';
import { pdfText } from '../support/pdf-text.js';
import { startServer, type ServerProcess } from '../support/server-process.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const PER_MINUTE = 8;

/**
 * Invoice PDFs drawn by a real server process, in its worker thread: the largest invoice the API
 * accepts, downloaded and sent at once, never holds up another request, and its PDF stays bounded.
 */
describe('invoice PDFs (real server process)', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let token: string;

  const call = async (method: string, path: string, orgId: string | null, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(orgId ? { 'organization-id': orgId } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = res.headers.get('content-type') ?? '';
    const answer = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, body: answer as Record<string, any> };
  };
  const newOrg = async (name: string) => (await call('POST', '/api/org/', null, { name })).body.id as string;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startServer(database, { PDF_RENDERS_PER_ORG_PER_MINUTE: String(PER_MINUTE) });
    const email = `pdf-${Date.now()}@example.com`;
    const password = 'violet kettle marching north';
    await call('POST', '/api/auth/register/', null, { email, password });
    token = (await call('POST', '/api/auth/login/', null, { email, password })).body.access_token;
  });
  afterAll(async () => {
    await server?.stop();
    await database?.dispose();
  });

  it('draws the largest invoice in a worker thread: /health answers fast throughout, the PDF is bounded', async () => {
    const orgId = await newOrg('Big invoices');
    const account = (await call('POST', '/api/accounts/', orgId, { name: 'Billed' })).body.id;
    const lines = Array.from({ length: 500 }, (_, i) => ({ description: `Line ${i + 1} ${'lorem ipsum '.repeat(82)}END`, quantity: '1', unit_price: '1.00' }));
    const invoice = await call('POST', '/api/invoices/', orgId, { invoice_title: 'Largest', account, lines });
    expect(invoice.status).toBe(201);

    let done = false;
    let worstHealthMs = 0;
    const poll = (async () => {
      while (!done) {
        const asked = performance.now();
        expect((await fetch(`${server.url}/health`)).status).toBe(200);
        worstHealthMs = Math.max(worstHealthMs, performance.now() - asked);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();
    const [first, second, sent] = await Promise.all([
      call('GET', `/api/invoices/${invoice.body.id}/pdf/`, orgId),
      call('GET', `/api/invoices/${invoice.body.id}/pdf/`, orgId),
      call('POST', `/api/invoices/${invoice.body.id}/send/`, orgId, { recipients: ['ap@client.example'] }),
    ]);
    done = true;
    await poll;
    expect([first.status, second.status, sent.status]).toEqual([200, 200, 200]);
    expect(sent.body.status).toBe('Sent');
    expect(worstHealthMs).toBeLessThan(1000);

    const text = await pdfText(first.body as Buffer);
    const pages = Math.max(...[...text.matchAll(/-- \d+ of (\d+) --/g)].map((match) => Number(match[1])));
    expect(pages).toBeLessThanOrEqual(100);
    expect(text).toContain('Line 1 lorem');
    // Each description is printed to 300 characters; the API keeps all of it.
    expect(text).not.toContain('END');
    expect((await call('GET', `/api/invoices/${invoice.body.id}/`, orgId)).body.lines[0].description).toMatch(/END$/);
  });

  it('draws at a lower priority than the event loop, which keeps its own', async () => {
    const orgId = await newOrg('Niceness');
    const account = (await call('POST', '/api/accounts/', orgId, { name: 'Billed' })).body.id;
    const invoice = await call('POST', '/api/invoices/', orgId, { invoice_title: 'Small', account, lines: [{ description: 'One', quantity: '1', unit_price: '1.00' }] });
    expect((await call('GET', `/api/invoices/${invoice.body.id}/pdf/`, orgId)).status).toBe(200);
    const pid = server.child.pid!;
    // Field 19 of a thread's stat line is its niceness; the fields after the name start at 3.
    const niceness = async (tid: string) => Number((await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8')).split(') ')[1].split(' ')[16]);
    const threads = await Promise.all((await readdir(`/proc/${pid}/task`)).map(async (tid) => ({ tid, nice: await niceness(tid) })));
    expect(threads.find(({ tid }) => tid === String(pid))?.nice).toBe(0);
    expect(threads.filter(({ nice }) => nice === 10).length).toBeGreaterThanOrEqual(1);
  });

  it(`draws at most ${PER_MINUTE} PDFs per organization per minute (429 with Retry-After), each organization on its own budget`, async () => {
    const [busy, calm] = [await newOrg('Busy'), await newOrg('Calm')];
    const invoiceOf = async (orgId: string) => {
      const account = (await call('POST', '/api/accounts/', orgId, { name: 'Billed' })).body.id;
      const lines = [{ description: 'x', quantity: '1', unit_price: '1.00' }];
      return (await call('POST', '/api/invoices/', orgId, { invoice_title: 'Small', account, lines })).body.id as string;
    };
    const [mine, theirs] = [await invoiceOf(busy), await invoiceOf(calm)];
    // Each download follows a change, so each is a render (an unchanged invoice's PDF comes from the cache, uncounted).
    const changedPdf = async (i: number) => {
      expect((await call('PUT', `/api/invoices/${mine}/`, busy, { notes: `Revision ${i}` })).status).toBe(200);
      return call('GET', `/api/invoices/${mine}/pdf/`, busy);
    };
    for (let i = 0; i < PER_MINUTE; i++) expect((await changedPdf(i)).status).toBe(200);
    const refused = await changedPdf(PER_MINUTE);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call('GET', `/api/invoices/${theirs}/pdf/`, calm)).status).toBe(200);
  });
});
