import { randomUUID } from 'node:crypto';
import { as, type Cast, createCast } from './support/cast.js';
import { makeContact, makeLead, makeOpportunity, makeTeam } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** Lead conversion makes the contact and the opportunity with the account, all or nothing. */
describe('lead conversion', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
    await t.api.put('/api/org/settings/', { default_currency: 'EUR' }, as(cast, 'admin'));
  });
  afterAll(() => t.close());

  const unique = () => randomUUID().slice(0, 8);
  const convert = (id: string, who: Parameters<typeof as>[1] = 'creator') => t.api.post(`/api/leads/${id}/convert/`, {}, as(cast, who));
  const contactsWithEmail = async (email: string) =>
    (await t.api.get(`/api/contacts/?email=${encodeURIComponent(email)}`, as(cast, 'admin'))).body.results as { id: string }[];

  it('makes a contact from the person and an opportunity from the amount, linked to the account and the lead', async () => {
    const team = await makeTeam(t, as(cast, 'admin'));
    const known = await makeContact(t, as(cast, 'admin'), { assigned_to: [cast.creator.userId] });
    const email = `ruth-${unique()}@bigcorp.example`;
    const lead = await makeLead(t, as(cast, 'creator'), {
      title: `Enterprise rollout ${unique()}`,
      first_name: 'Ruth',
      last_name: 'Baker',
      email,
      phone: '+15550100',
      source: 'Trade Show',
      account_name: `Big Corp ${unique()}`,
      opportunity_amount: '75000.00',
      city: 'Dallas',
      contacts: [known.id],
      assigned_to: [cast.assignee.userId],
      teams: [team.id],
      tags: ['enterprise'],
    });

    const res = await convert(lead.id);
    expect(res.status).toBe(200);
    const { converted_account_id: accountId, converted_contact_id: contactId, converted_opportunity_id: opportunityId } = res.body;
    expect([accountId, contactId, opportunityId]).toEqual([expect.any(String), expect.any(String), expect.any(String)]);

    const contact = (await t.api.get(`/api/contacts/${contactId}/`, as(cast, 'assignee'))).body;
    expect(contact).toMatchObject({ first_name: 'Ruth', last_name: 'Baker', primary_email: email, mobile_number: '+15550100', city: 'Dallas' });
    expect(contact.assigned_to).toEqual([cast.assignee.userId]);

    const opportunity = (await t.api.get(`/api/opportunities/${opportunityId}/`, as(cast, 'assignee'))).body;
    expect(opportunity).toMatchObject({
      name: lead.title,
      stage: 'QUALIFICATION',
      account: accountId,
      amount: '75000.00',
      currency: 'EUR',
      probability: 10,
      lead_source: 'Trade Show',
      assigned_to: [cast.assignee.userId],
      teams: [team.id],
      tags: ['enterprise'],
      lead: lead.id,
      created_by: cast.creator.userId,
    });
    expect([...opportunity.contacts].sort()).toEqual([known.id, contactId].sort());

    const account = (await t.api.get(`/api/accounts/${accountId}/`, as(cast, 'admin'))).body;
    expect(account.contacts.map((c: { id: string }) => c.id).sort()).toEqual([known.id, contactId].sort());
    // The assignee may see the new contact (assigned to them), not the one only the creator was given.
    const seen = (await t.api.get(`/api/accounts/${accountId}/`, as(cast, 'assignee'))).body;
    expect(seen.contacts.map((c: { id: string }) => c.id)).toEqual([contactId]);
    expect(account.opportunities.map((o: { id: string }) => o.id)).toEqual([opportunityId]);
    expect((await t.api.get(`/api/leads/${lead.id}/`, as(cast, 'creator'))).body.lead_obj).toMatchObject({
      converted_account_id: accountId,
      converted_contact_id: contactId,
      converted_opportunity_id: opportunityId,
    });
  });

  it('links the existing contact with that e-mail (any case) instead of making a second one', async () => {
    const existing = await makeContact(t, as(cast, 'admin'), { assigned_to: [cast.creator.userId] });
    const lead = await makeLead(t, as(cast, 'creator'), { email: (existing.primary_email as string).toUpperCase() });
    const res = await convert(lead.id);
    expect(res.body.converted_contact_id).toBe(existing.id);
    expect(await contactsWithEmail(existing.primary_email as string)).toHaveLength(1);
  });

  it('makes neither a contact without an e-mail nor an opportunity without an amount', async () => {
    const lead = await makeLead(t, as(cast, 'creator'), { account_name: `Quiet ${unique()}` });
    const res = await convert(lead.id);
    expect(res.body).toMatchObject({ converted_account_id: expect.any(String), converted_contact_id: null, converted_opportunity_id: null });
    expect(res.body.converted_account.contacts).toEqual([]);
  });

  it('names the opportunity after the account when the lead has no title', async () => {
    const accountName = `Untitled Co ${unique()}`;
    const lead = await makeLead(t, as(cast, 'creator'), { account_name: accountName, opportunity_amount: 10 });
    const res = await convert(lead.id);
    expect((await t.api.get(`/api/opportunities/${res.body.converted_opportunity_id}/`, as(cast, 'creator'))).body.name).toBe(accountName);
  });

  it('leaves nothing behind when a step fails mid-way, and converts once the cause is fixed', async () => {
    const title = `Taken deal ${unique()}`;
    await makeOpportunity(t, as(cast, 'admin'), { name: title });
    const email = `mid-${unique()}@way.example`;
    const accountName = `Halfway ${unique()}`;
    const lead = await makeLead(t, as(cast, 'creator'), { title, email, account_name: accountName, opportunity_amount: '5.00' });

    const failed = await convert(lead.id);
    expect(failed.status).toBe(409);
    expect(failed.body.code).toBe('OPPORTUNITY_NAME_TAKEN');
    expect(await contactsWithEmail(email)).toEqual([]);
    expect((await t.api.get(`/api/accounts/?name=${encodeURIComponent(accountName)}`, as(cast, 'admin'))).body.accounts_count).toBe(0);
    expect((await t.api.get(`/api/leads/${lead.id}/`, as(cast, 'creator'))).body.lead_obj).toMatchObject({
      status: 'assigned',
      converted_account_id: null,
      converted_contact_id: null,
      converted_opportunity_id: null,
    });

    await t.api.put(`/api/leads/${lead.id}/`, { title: `${title} (renewal)` }, as(cast, 'creator'));
    const retried = await convert(lead.id);
    expect(retried.status).toBe(200);
    expect(await contactsWithEmail(email)).toHaveLength(1);
    expect((await convert(lead.id)).status).toBe(409);
  });

  it('converts the same way through PUT status converted and create with auto_convert', async () => {
    const viaPut = await makeLead(t, as(cast, 'creator'), { email: `put-${unique()}@x.example`, opportunity_amount: '1.00', title: `Put ${unique()}` });
    const put = await t.api.put(`/api/leads/${viaPut.id}/`, { status: 'converted' }, as(cast, 'creator'));
    expect(put.body).toMatchObject({ converted_contact_id: expect.any(String), converted_opportunity_id: expect.any(String) });
    const auto = await t.api.post(
      '/api/leads/',
      { first_name: 'Auto', last_name: 'Made', email: `auto-${unique()}@x.example`, opportunity_amount: '2.00', title: `Auto ${unique()}`, auto_convert: true },
      as(cast, 'creator'),
    );
    expect(auto.status).toBe(201);
    expect(auto.body).toMatchObject({ status: 'converted', converted_contact_id: expect.any(String), converted_opportunity_id: expect.any(String) });
  });

  it("lists the lead's comments and files on the account, and keeps them readable from the lead", async () => {
    const lead = await makeLead(t, as(cast, 'creator'), { assigned_to: [cast.assignee.userId] });
    const said = await t.api.post(`/api/leads/${lead.id}/`, { comment: 'Met at the trade show' }, as(cast, 'assignee'));
    const accountId = (await convert(lead.id)).body.converted_account_id;
    await t.api.post(`/api/accounts/${accountId}/`, { comment: 'Signed' }, as(cast, 'creator'));
    const account = (await t.api.get(`/api/accounts/${accountId}/`, as(cast, 'creator'))).body;
    expect(account.comments.map((c: { comment: string }) => c.comment)).toEqual(['Met at the trade show', 'Signed']);
    const fromLead = (await t.api.get(`/api/leads/${lead.id}/`, as(cast, 'assignee'))).body;
    expect(fromLead.comments.map((c: { id: string }) => c.id)).toEqual([said.body.comment.id]);
  });
});
