import { randomUUID } from 'node:crypto';
import { as, type Cast, createCast } from './support/cast.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Ids in a body must pass the caller's visibility rule, not only the organization check: a USER
 * who links a record they may not see would read it through the record they link it to.
 */
describe('references in bodies follow the caller’s visibility', () => {
  let t: TestApp;
  let cast: Cast;
  let hiddenContact: string;
  let hiddenAccount: string;
  let hiddenLead: string;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
    const admin = as(cast, 'admin');
    hiddenContact = (
      await t.api.post('/api/contacts/', { first_name: 'Secret', last_name: 'Person', primary_email: `secret-${randomUUID()}@x.co` }, admin)
    ).body.id;
    hiddenAccount = (await t.api.post('/api/accounts/', { name: `Hidden ${randomUUID()}` }, admin)).body.id;
    hiddenLead = (await t.api.post('/api/leads/', { first_name: 'Hidden', last_name: 'Lead' }, admin)).body.id;
  });
  afterAll(() => t.close());

  const expectRefused = (res: { status: number; body: { errors: Record<string, string[]> } }, field: string, id: string) => {
    expect(res.status).toBe(400);
    expect(res.body.errors[field][0]).toContain(id);
  };

  it.each([
    ['an account', '/api/accounts/', { name: 'Peek' }],
    ['a lead', '/api/leads/', { first_name: 'Peek', last_name: 'Lead' }],
    ['a case', '/api/cases/', { name: 'Peek case' }],
  ])('refuses %s that links a contact the USER cannot see, and stores nothing', async (_kind, path, body) => {
    const res = await t.api.post(path, { ...body, contacts: [hiddenContact] }, as(cast, 'creator'));
    expectRefused(res, 'contacts', hiddenContact);
    const unique = 'name' in body ? { name: `${body.name} ${randomUUID()}` } : {};
    const asAdmin = await t.api.post(path, { ...body, ...unique, contacts: [hiddenContact] }, as(cast, 'admin'));
    expect(asAdmin.status).toBe(201);
  });

  it('refuses a case on an account the USER cannot see', async () => {
    expectRefused(await t.api.post('/api/cases/', { name: 'Peek', account: hiddenAccount }, as(cast, 'creator')), 'account', hiddenAccount);
  });

  it('refuses a company made from a lead the USER cannot see', async () => {
    const res = await t.api.post('/api/leads/companies/', { name: `Co ${randomUUID()}`, created_from_lead: hiddenLead }, as(cast, 'creator'));
    expectRefused(res, 'created_from_lead', hiddenLead);
  });

  it('refuses mail to a contact the USER cannot see', async () => {
    const account = await t.api.post('/api/accounts/', { name: `Mine ${randomUUID()}` }, as(cast, 'creator'));
    const res = await t.api.post(
      `/api/accounts/${account.body.id}/create_mail/`,
      { subject: 'Hi', html: '<p>x</p>', recipients: [hiddenContact] },
      as(cast, 'creator'),
    );
    expectRefused(res, 'recipients', hiddenContact);
  });

  it('lets a USER send back a list that already holds a contact they cannot see', async () => {
    const account = await t.api.post(
      '/api/accounts/',
      { name: `Shared ${randomUUID()}`, contacts: [hiddenContact], assigned_to: [cast.assignee.userId] },
      as(cast, 'admin'),
    );
    const res = await t.api.put(`/api/accounts/${account.body.id}/`, { contacts: [hiddenContact], description: 'kept' }, as(cast, 'assignee'));
    expect(res.status).toBe(200);
    expect(res.body.contacts).toEqual([hiddenContact]);
  });

  describe('details show a USER only what they may see of the records they link', () => {
    it.each(['accounts', 'leads'])('a %s detail names no contact hidden from the USER (the ADMIN sees it)', async (path) => {
      const body = path === 'accounts' ? { name: `Linked ${randomUUID()}` } : { first_name: 'Linked', last_name: 'Lead' };
      const mine = await t.api.post(`/api/${path}/`, { ...body, assigned_to: [cast.assignee.userId] }, as(cast, 'admin'));
      const visible = (await t.api.post('/api/contacts/', { first_name: 'Open', last_name: 'Person', primary_email: `open-${randomUUID()}@x.co`, assigned_to: [cast.assignee.userId] }, as(cast, 'admin'))).body.id;
      await t.api.put(`/api/${path}/${mine.body.id}/`, { contacts: [hiddenContact, visible] }, as(cast, 'admin'));
      const seen = await t.api.get(`/api/${path}/${mine.body.id}/`, as(cast, 'assignee'));
      expect(seen.status).toBe(200);
      expect(seen.body.contacts.map((contact: { id: string }) => contact.id)).toEqual([visible]);
      expect(JSON.stringify(seen.body)).not.toContain('Secret');
      const all = await t.api.get(`/api/${path}/${mine.body.id}/`, as(cast, 'admin'));
      expect(all.body.contacts.map((contact: { id: string }) => contact.id).sort()).toEqual([hiddenContact, visible].sort());
    });

    it('a lead conversion by a USER never links, names or duplicates a contact hidden from them', async () => {
      const email = `taken-${randomUUID()}@x.co`;
      const hidden = (await t.api.post('/api/contacts/', { first_name: 'Hidden', last_name: 'Owner', primary_email: email }, as(cast, 'admin'))).body.id;
      const lead = await t.api.post('/api/leads/', { first_name: 'Probe', last_name: 'Lead', email, account_name: `Probe ${randomUUID()}` }, as(cast, 'creator'));
      const converted = await t.api.post(`/api/leads/${lead.body.id}/convert/`, {}, as(cast, 'creator'));
      expect(converted.status).toBe(200);
      expect(converted.body.converted_contact_id).toBeNull();
      const account = await t.api.get(`/api/accounts/${converted.body.converted_account_id}/`, as(cast, 'creator'));
      expect(account.body.contacts).toEqual([]);
      expect(JSON.stringify(account.body)).not.toContain('Owner');
      const contacts = await t.api.get(`/api/contacts/?email=${encodeURIComponent(email)}`, as(cast, 'admin'));
      expect(contacts.body.results.map((contact: { id: string }) => contact.id)).toEqual([hidden]);
    });

    it('an account converted from a lead lists the lead’s comments only to those who may see the lead', async () => {
      const lead = await t.api.post('/api/leads/', { first_name: 'Noted', last_name: 'Lead', account_name: `Noted ${randomUUID()}` }, as(cast, 'admin'));
      expect((await t.api.post(`/api/leads/${lead.body.id}/`, { comment: 'Private note about the lead' }, as(cast, 'admin'))).status).toBe(201);
      const converted = await t.api.post(`/api/leads/${lead.body.id}/convert/`, {}, as(cast, 'admin'));
      const accountId = converted.body.converted_account_id;
      await t.api.put(`/api/accounts/${accountId}/`, { assigned_to: [cast.other.userId] }, as(cast, 'admin'));
      const asUser = await t.api.get(`/api/accounts/${accountId}/`, as(cast, 'other'));
      expect(asUser.status).toBe(200);
      expect(asUser.body.comments).toEqual([]);
      const asAdmin = await t.api.get(`/api/accounts/${accountId}/`, as(cast, 'admin'));
      expect(asAdmin.body.comments.map((comment: { comment: string }) => comment.comment)).toEqual(['Private note about the lead']);
    });
  });
});
