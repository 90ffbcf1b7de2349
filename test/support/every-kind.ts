import { randomUUID } from 'node:crypto';
import { RecordKinds } from '../../src/common/records/record-kinds.js';
import { as, type Cast, createCast } from './cast.js';
import { multipart } from './multipart.js';
import { createTestApp, type TestApp } from './test-app.js';

export type Creator = (t: TestApp, cast: Cast) => Promise<{ status: number; body: { id: string }; headers: Record<string, unknown> }>;

const unique = () => randomUUID().slice(0, 8);

/**
 * How to create a record of each kind (as the cast's creator), and a change to send it. A kind
 * registered without an entry here fails the all-kinds tests (record revisions, record history).
 * `path` is its collection (what its list is tested at, by test/list-queries.e2e-spec.ts too);
 * `people` is the link to users a body sets (`assigned_to` unless said); `ownerChangesOnly`, that
 * those it links may read but not change it (documents).
 */
export const KINDS: Record<string, { path: string; create: Creator; change: () => Record<string, unknown>; people?: string; ownerChangesOnly?: boolean }> = {
  account: { path: 'accounts', create: (t, c) => t.api.post('/api/accounts/', { name: `Account ${unique()}` }, as(c, 'creator')), change: () => ({ name: `Account ${unique()}` }) },
  lead: { path: 'leads', create: (t, c) => t.api.post('/api/leads/', { first_name: 'Ada', last_name: unique() }, as(c, 'creator')), change: () => ({ last_name: unique() }) },
  case: { path: 'cases', create: (t, c) => t.api.post('/api/cases/', { name: `Case ${unique()}` }, as(c, 'creator')), change: () => ({ name: `Case ${unique()}` }) },
  contact: { path: 'contacts', create: (t, c) => t.api.post('/api/contacts/', { first_name: 'Grace', last_name: unique(), primary_email: `grace-${unique()}@acme.example` }, as(c, 'creator')), change: () => ({ last_name: unique() }) },
  opportunity: { path: 'opportunities', create: (t, c) => t.api.post('/api/opportunities/', { name: `Deal ${unique()}`, stage: 'QUALIFICATION' }, as(c, 'creator')), change: () => ({ name: `Deal ${unique()}` }) },
  task: { path: 'tasks', create: (t, c) => t.api.post('/api/tasks/', { title: `Task ${unique()}` }, as(c, 'creator')), change: () => ({ title: `Task ${unique()}` }) },
  event: { path: 'events', create: (t, c) => t.api.post('/api/events/', { name: `Event ${unique()}`, start_date: '2027-01-15', start_time: '09:30', end_time: '10:00' }, as(c, 'creator')), change: () => ({ name: `Event ${unique()}` }) },
  document: {
    path: 'documents',
    create: (t, c) => t.api.upload('/api/documents/', multipart({ title: `Doc ${unique()}` }, [{ field: 'document_file', fileName: 'notes.txt', content: 'hello' }]), as(c, 'creator')),
    change: () => ({ title: `Doc ${unique()}` }),
    people: 'shared_to',
    ownerChangesOnly: true,
  },
  invoice: {
    path: 'invoices',
    create: async (t, c) => {
      const account = await t.api.post('/api/accounts/', { name: `Billed ${unique()}` }, as(c, 'creator'));
      return t.api.post('/api/invoices/', { invoice_title: `Invoice ${unique()}`, account: account.body.id, lines: [{ description: 'x', quantity: '1', unit_price: '1.00' }] }, as(c, 'creator'));
    },
    change: () => ({ invoice_title: `Invoice ${unique()}` }),
  },
};

/**
 * One app and cast for a describe block over every kind, and the test that KINDS covers every
 * registered kind: `const app = everyKind();`, then `app.t` and `app.cast` in the tests.
 */
export function everyKind(): { t: TestApp; cast: Cast } {
  const app = {} as { t: TestApp; cast: Cast };
  beforeAll(async () => {
    app.t = await createTestApp();
    app.cast = await createCast(app.t.api);
  });
  afterAll(() => app.t.close());
  it('covers every registered kind', () => {
    const registered = app.t.app.get(RecordKinds).all().map(({ kind, path }) => `${kind} ${path}`);
    expect(registered.sort()).toEqual(Object.entries(KINDS).map(([kind, { path }]) => `${kind} ${path}`).sort());
  });
  return app;
}
