/**
 * Proves that an SDK generated from openapi.json with default flags is usable: CI generates the
 * types with openapi-typescript and this file must compile against them (npm run openapi:client).
 */
import { createCrmClient, everyItem, everyRecord, everyRecordOfHalf, ok, type paths } from './sdk.js';

/** The README's flow: sign in, pick an organization, create and page through records. */
export async function quickTour(baseUrl: string, email: string, password: string): Promise<string[]> {
  const crm = createCrmClient({ baseUrl });
  await crm.signIn(email, password);
  const { organizations } = await ok(crm.api.GET('/api/org'));
  const org = organizations[0] ?? (await ok(crm.api.POST('/api/org', { body: { name: 'My company' } })));
  crm.useOrganization(org.id);
  const account = await ok(crm.api.POST('/api/accounts', { body: { name: 'ACME Corporation' } }));
  await ok(crm.api.PUT('/api/accounts/{id}', { params: { path: { id: account.id } }, body: { status: 'closed' } }));
  const kase = await ok(crm.api.POST('/api/cases', { body: { name: 'Printer on fire', account: account.id } }));
  await ok(crm.api.POST('/api/cases/{id}', { params: { path: { id: kase.id } }, body: { comment: 'Extinguisher sent' } }));
  const names: string[] = [];
  for await (const item of everyRecord((cursor) => crm.api.GET('/api/cases', { params: { query: { cursor, limit: 100 } } }))) {
    names.push(item.name);
  }
  const openAccounts = everyRecordOfHalf((cursor: string | undefined) => crm.api.GET('/api/accounts', { params: { query: { cursor } } }), 'open_accounts');
  for await (const open of openAccounts) names.push(open.name);
  for await (const team of everyItem((offset) => crm.api.GET('/api/teams', { params: { query: { offset } } }))) names.push(team.name);
  return names;
}

/** The README's worker: a server API key, no sign-in, no organization header. */
export async function syncWorker(baseUrl: string, apiKey: string): Promise<string[]> {
  const worker = createCrmClient({ baseUrl, apiKey });
  await ok(worker.api.POST('/api/leads', { body: { first_name: 'Synced', last_name: 'From ERP' } }));
  const titles: string[] = [];
  for await (const task of everyRecord((cursor) => worker.api.GET('/api/tasks', { params: { query: { cursor } } }))) titles.push(task.title);
  return titles;
}

type JsonBody<P extends keyof paths, M extends 'post' | 'put'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

/**
 * The smallest bodies each resource takes: a create with only its required fields, an update with
 * one field. Generated types must not demand documented defaults.
 */
export const smallestBodies = {
  organization: { name: 'Acme' } satisfies JsonBody<'/api/org', 'post'>,
  profile: { first_name: 'Ada' } satisfies JsonBody<'/api/profile', 'put'>,
  userInvite: { email: 'new@acme.example', role: 'USER' } satisfies JsonBody<'/api/users', 'post'>,
  userUpdate: { role: 'ADMIN' } satisfies JsonBody<'/api/users/{id}', 'put'>,
  teamCreate: { name: 'Sales' } satisfies JsonBody<'/api/teams', 'post'>,
  teamUpdate: { description: 'Inside sales' } satisfies JsonBody<'/api/teams/{id}', 'put'>,
  contactCreate: { first_name: 'Pat', last_name: 'Doe', primary_email: 'pat@acme.example' } satisfies JsonBody<'/api/contacts', 'post'>,
  contactUpdate: { title: 'CTO' } satisfies JsonBody<'/api/contacts/{id}', 'put'>,
  accountCreate: { name: 'Acme' } satisfies JsonBody<'/api/accounts', 'post'>,
  accountUpdate: { industry: 'Retail' } satisfies JsonBody<'/api/accounts/{id}', 'put'>,
  leadCreate: { first_name: 'Robert', last_name: 'Johnson' } satisfies JsonBody<'/api/leads', 'post'>,
  leadUpdate: { title: 'VP' } satisfies JsonBody<'/api/leads/{id}', 'put'>,
  siteLead: { first_name: 'Web', last_name: 'Visitor' } satisfies JsonBody<'/api/leads/create-from-site', 'post'>,
  companyCreate: { name: 'Acme Holdings' } satisfies JsonBody<'/api/leads/companies', 'post'>,
  companyUpdate: { industry: 'Software' } satisfies JsonBody<'/api/leads/company/{id}', 'put'>,
  apiSettingCreate: { title: 'Website form' } satisfies JsonBody<'/api/api-settings', 'post'>,
  apiSettingUpdate: { website: 'https://acme.example' } satisfies JsonBody<'/api/api-settings/{id}', 'put'>,
  caseCreate: { name: 'Login broken' } satisfies JsonBody<'/api/cases', 'post'>,
  caseUpdate: { name: 'Login broken on Safari' } satisfies JsonBody<'/api/cases/{id}', 'put'>,
  opportunityCreate: { name: 'Acme renewal', stage: 'QUALIFICATION' } satisfies JsonBody<'/api/opportunities', 'post'>,
  opportunityUpdate: { amount: '25000.00' } satisfies JsonBody<'/api/opportunities/{id}', 'put'>,
  taskCreate: { title: 'Send the quote' } satisfies JsonBody<'/api/tasks', 'post'>,
  taskUpdate: { status: 'Completed' } satisfies JsonBody<'/api/tasks/{id}', 'put'>,
  eventCreate: { name: 'Kickoff', start_date: '2027-01-15', start_time: '09:00', end_time: '10:00' } satisfies JsonBody<'/api/events', 'post'>,
  eventUpdate: { status: 'Held' } satisfies JsonBody<'/api/events/{id}', 'put'>,
  documentUpdate: { status: 'inactive' } satisfies JsonBody<'/api/documents/{id}', 'put'>,
  invoiceCreate: {
    invoice_title: 'March',
    account: '00000000-0000-4000-8000-000000000000',
    lines: [{ description: 'Work', quantity: '1', unit_price: '10.00' }],
  } satisfies JsonBody<'/api/invoices', 'post'>,
  invoiceUpdate: { notes: 'Thanks' } satisfies JsonBody<'/api/invoices/{id}', 'put'>,
  invoicePayment: { amount: '10.00', paid_on: '2027-01-01' } satisfies JsonBody<'/api/invoices/{id}/payments', 'post'>,
  organizationSettings: { default_currency: 'EUR' } satisfies JsonBody<'/api/org/settings', 'put'>,
  comment: { comment: 'Called back' } satisfies JsonBody<'/api/accounts/{id}', 'post'>,
  commentUpdate: { comment: 'Called back twice' } satisfies JsonBody<'/api/accounts/comment/{id}', 'put'>,
  accountMail: { recipients: ['client@acme.example'], subject: 'Hello', html: '<p>Hi</p>' } satisfies JsonBody<
    '/api/accounts/{id}/create_mail',
    'post'
  >,
};
