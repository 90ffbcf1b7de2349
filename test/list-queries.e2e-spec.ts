import { as, type Cast, createCast } from './support/cast.js';
import { KINDS } from './support/every-kind.js';
import {
  makeAccount,
  makeApiSetting,
  makeCase,
  makeCompany,
  makeContact,
  makeEvent,
  makeInvoice,
  makeLead,
  makeOpportunity,
  makeTask,
  makeTeam,
} from './support/factories.js';
import { multipart } from './support/multipart.js';
import { captureQueries, countQueries, sequentialScans } from './support/query-count.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const ROWS = 25;

/**
 * Every list answers a page of 1 and a page of 25 with the same number of SQL statements: rows come
 * with their links in the page query, never one query per row.
 */
describe('list routes: statements per page do not grow with the page', () => {
  let t: TestApp;
  let cast: Cast;
  let accountId: string;
  const details: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp({ MAIL_PER_ORG_PER_MINUTE: '100000' });
    cast = await createCast(t.api);
    const admin = as(cast, 'admin');
    const team = await makeTeam(t, admin, { users: [cast.assignee.userId] });
    const contact = await makeContact(t, admin);
    const links = { assigned_to: [cast.assignee.userId, cast.creator.userId], teams: [team.id], contacts: [contact.id] };
    accountId = (await makeAccount(t, admin, links)).id;
    // Each row's records at once (they do not depend on each other), rows one after another.
    for (let i = 0; i < ROWS; i++) {
      const file = multipart({ title: `Doc ${i}`, shared_to: links.assigned_to[0], teams: links.teams[0] }, [{ field: 'document_file', fileName: 'd.txt', content: `doc ${i}` }]);
      const [, lead, kase] = await Promise.all([
        makeAccount(t, admin, { ...links, tags: [`tag-${i}`], status: i % 2 ? 'closed' : 'open' }),
        makeLead(t, admin, { ...links, tags: [`tag-${i}`] }),
        makeCase(t, admin, { ...links, account: accountId }),
        makeContact(t, admin, { assigned_to: links.assigned_to, teams: links.teams }),
        makeTeam(t, admin, { users: links.assigned_to }),
        makeCompany(t, admin),
        t.api.upload('/api/documents/', file, admin),
        makeOpportunity(t, admin, { ...links, account: accountId, tags: [`tag-${i}`], amount: `${i}.50` }),
        makeTask(t, admin, { ...links, account: accountId }),
        makeInvoice(t, admin, { ...links, account: accountId }),
        makeEvent(t, admin, { ...links, account: accountId, event_type: 'Recurring', rrule: 'FREQ=DAILY;COUNT=3' }),
        makeApiSetting(t, admin, { lead_assigned_to: links.assigned_to, tags: [`tag-${i}`] }),
        t.api.post(`/api/accounts/${accountId}/create_mail/`, { subject: `Mail ${i}`, html: '<p>x</p>', recipients: [`c${i}@client.example`] }, admin),
        t.api.post('/api/users/', { email: `invitee-${i}-${Date.now()}@example.com`, role: 'USER' }, admin),
      ]);
      details.lead = lead.id;
      details.case = kase.id;
    }
  });
  afterAll(() => t.close());

  // Every record kind's list (KINDS fails its test when a registered kind is missing), and the others.
  const LIST_ROUTES = [
    ...Object.values(KINDS).map(({ path }) => `/api/${path}/`),
    '/api/teams/',
    '/api/tags/',
    '/api/users/',
    '/api/users/invitations/',
    '/api/leads/companies/',
    '/api/api-settings/',
    '/api/events/?from=2027-01-01&to=2027-02-01',
    'ACCOUNT_EMAILS',
  ];
  const pathOf = (route: string) => (route === 'ACCOUNT_EMAILS' ? `/api/accounts/${accountId}/emails/` : route);

  it.each(LIST_ROUTES)('%s', async (route) => {
    const path = pathOf(route);
    const page = (limit: number) => async () => {
      const res = await t.api.get(`${path}${path.includes('?') ? '&' : '?'}limit=${limit}`, as(cast, 'admin'));
      expect(res.status).toBe(200);
    };
    const one = await countQueries(t, page(1));
    const many = await countQueries(t, page(ROWS));
    expect(one).toBeGreaterThan(0);
    expect(many).toBe(one);
  });

  /** Every statement of every list has an index to read through: none scans a whole table. */
  it.each(LIST_ROUTES)('%s reads through indexes', async (route) => {
    const path = pathOf(route);
    const statements = await captureQueries(t, async () => {
      expect((await t.api.get(`${path}${path.includes('?') ? '&' : '?'}limit=10`, as(cast, 'admin'))).status).toBe(200);
    });
    expect(await sequentialScans(t, statements)).toEqual([]);
  });

  /** A page by cursor takes as many statements for 25 rows as for one, no more than a first page (a half's cursor reads that half alone), through indexes. */
  it.each(Object.values(KINDS).map(({ path }) => `/api/${path}/`))('%s by cursor', async (path) => {
    const admin = as(cast, 'admin');
    const first = await t.api.get(`${path}?limit=1`, admin);
    const cursor = Object.entries(first.body).find(([key, value]) => key.endsWith('next_cursor') && typeof value === 'string')?.[1] as string;
    expect(cursor).toEqual(expect.any(String));
    const page = (limit: number) => async () => expect((await t.api.get(`${path}?limit=${limit}&cursor=${encodeURIComponent(cursor)}`, admin)).status).toBe(200);
    const opening = await countQueries(t, async () => expect((await t.api.get(`${path}?limit=1`, admin)).status).toBe(200));
    const one = await countQueries(t, page(1));
    expect(one).toBeLessThanOrEqual(opening);
    expect(await countQueries(t, page(ROWS))).toBe(one);
    expect(await sequentialScans(t, await captureQueries(t, page(10)))).toEqual([]);
  });

  /**
   * A detail is three statements however much it shows: the row with its links, its contacts and
   * teams by name and its related lists; its assignees with the members to mention; its comments
   * with their files. None reads a whole table.
   */
  it.each(['account', 'lead', 'case'])('a %s detail takes three statements, through indexes', async (kind) => {
    const admin = as(cast, 'admin');
    const id = kind === 'account' ? accountId : details[kind];
    const path = `/api/${kind === 'case' ? 'cases' : `${kind}s`}/${id}/`;
    expect((await t.api.post(path, { comment: 'Seen' }, admin)).status).toBe(201);
    const statements = await captureQueries(t, async () => {
      const res = await t.api.get(path, admin);
      expect(res.status).toBe(200);
      expect(res.body.comments).toHaveLength(1);
      expect(res.body.teams).toHaveLength(1);
    });
    expect(statements).toHaveLength(3);
    expect(await sequentialScans(t, statements)).toEqual([]);
  });

  /** The dashboard is one statement, for an ADMIN (kept totals) and for a USER (what they may see), through indexes. */
  it.each(['admin', 'assignee'] as const)('the dashboard takes one statement for the %s', async (who) => {
    const statements = await captureQueries(t, async () => {
      const res = await t.api.get('/api/dashboard/', as(cast, who));
      expect(res.status).toBe(200);
      expect(res.body.accounts.length).toBeGreaterThan(0);
    });
    expect(statements).toHaveLength(1);
    expect(await sequentialScans(t, statements)).toEqual([]);
  });

  /** An invoice detail is three statements however much it shows: the invoice with its parts and mails, its comments, the mails' recipients. */
  it('an invoice detail with lines, payments, comments and mails takes three statements', async () => {
    const admin = as(cast, 'admin');
    const lines = [1, 2, 3].map((i) => ({ description: `Line ${i}`, quantity: `${i}`, unit_price: '10.00' }));
    const invoice = await makeInvoice(t, admin, { account: accountId, lines });
    for (const recipients of [['ap@client.example'], ['ap@client.example', 'cfo@client.example']]) {
      expect((await t.api.post(`/api/invoices/${invoice.id}/send/`, { recipients }, admin)).status).toBe(200);
    }
    expect((await t.api.post(`/api/invoices/${invoice.id}/payments/`, { amount: '5.00', paid_on: '2027-01-01' }, admin)).status).toBe(201);
    expect((await t.api.post(`/api/invoices/${invoice.id}/`, { comment: 'Seen' }, admin)).status).toBe(201);
    const statements = await captureQueries(t, async () => {
      const res = await t.api.get(`/api/invoices/${invoice.id}/`, admin);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ lines: expect.any(Array), payments: [{ amount: '5.00' }], comments: [{ comment: 'Seen' }] });
      expect(res.body.lines.map((line: { description: string }) => line.description)).toEqual(['Line 1', 'Line 2', 'Line 3']);
      expect(res.body.emails.map((mail: { recipients: unknown[] }) => mail.recipients.length)).toEqual([2, 1]);
    });
    expect(statements).toHaveLength(3);
    expect(await sequentialScans(t, statements)).toEqual([]);
  });

  /** Routes without pages answer for one related row of each kind in as many statements as for 25. */
  it.each([
    ['/api/opportunities/pipeline/', () => '/api/opportunities/pipeline/'],
    ['an account detail', (account: string) => `/api/accounts/${account}/`],
    ['/api/dashboard/', () => '/api/dashboard/'],
  ])('%s', async (_route, path) => {
    const small = await createCast(t.api);
    const admin = as(small, 'admin');
    const team = await makeTeam(t, admin, { users: [small.assignee.userId] });
    const links = { assigned_to: [small.assignee.userId], teams: [team.id], contacts: [(await makeContact(t, admin)).id] };
    const account = (await makeAccount(t, admin, links)).id;
    await makeCase(t, admin, { ...links, account });
    await makeOpportunity(t, admin, { ...links, account, amount: '1.00', tags: ['one'] });
    await makeTask(t, admin, { ...links, account });
    await makeInvoice(t, admin, { ...links, account });
    await makeLead(t, admin, { ...links, tags: ['one'] });
    const statements = (caller: ReturnType<typeof as>, id: string) =>
      countQueries(t, async () => expect((await t.api.get(path(id), caller)).status).toBe(200));
    const one = await statements(admin, account);
    expect(one).toBeGreaterThan(0);
    expect(await statements(as(cast, 'admin'), accountId)).toBe(one);
  });
});
