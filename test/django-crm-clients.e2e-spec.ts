import { randomUUID } from 'node:crypto';
import { as, type Cast, createCast } from './support/cast.js';
import { multipart } from './support/multipart.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * What a team moving from Django-CRM sends: the bodies of its web client's forms (react-crm) and
 * of its API tests, with the reference's extra fields, its empty strings, its `<kind>_attachment`
 * multipart forms and its routes, and the `error` key its client checks after every save.
 */
describe('Django-CRM clients', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp();
    cast = await createCast(t.api);
  });
  afterAll(() => t.close());

  const admin = () => as(cast, 'admin');
  const unique = () => randomUUID().slice(0, 8);

  /** react-crm's lead form as it posts it: every field present, empty ones as '' or null. */
  const leadForm = (extra: Record<string, unknown> = {}) => ({
    title: `Reference lead ${unique()}`,
    first_name: 'Robert',
    last_name: 'Johnson',
    account_name: 'Big Corp',
    phone: '+1555987654',
    email: 'robert@bigcorp.example',
    lead_attachment: null,
    opportunity_amount: '1200',
    website: '',
    description: '',
    teams: '',
    assigned_to: [],
    contacts: [],
    status: 'assigned',
    source: 'call',
    address_line: '',
    street: '',
    city: 'Dallas',
    state: '',
    postcode: '',
    country: '',
    tags: [],
    company: '',
    probability: 50,
    industry: 'Software',
    skype_ID: 'robert.johnson',
    organization: 'Big Corp Industries',
    close_date: '2027-01-31',
    enquiry_type: 'Pricing',
    ...extra,
  });

  describe('leads', () => {
    it('takes the reference form, maps its source, and round-trips every reference field', async () => {
      const created = await t.api.post('/api/leads/', leadForm(), admin());
      expect(created.status).toBe(201);
      const reference = { probability: 50, industry: 'Software', skype_ID: 'robert.johnson', organization: 'Big Corp Industries', close_date: '2027-01-31', enquiry_type: 'Pricing', company: null };
      expect(created.body).toMatchObject({ ...reference, source: 'Cold Call', teams: [], website: '' });
      const detail = await t.api.get(`/api/leads/${created.body.id}/`, admin());
      expect(detail.body.lead_obj).toMatchObject(reference);
      const list = await t.api.get(`/api/leads/?title=${encodeURIComponent(created.body.title)}`, admin());
      expect(list.body.open_leads).toEqual([expect.objectContaining(reference)]);
      const updated = await t.api.put(`/api/leads/${created.body.id}/`, { probability: '80', close_date: null, skype_ID: '' }, admin());
      expect(updated.body).toMatchObject({ probability: 80, close_date: null, skype_ID: '', industry: 'Software' });
    });

    it('links a company by name (one company per name, any case) or by id, and unlinks it with ""', async () => {
      const name = `Initech ${unique()}`;
      const first = await t.api.post('/api/leads/', leadForm({ company: name }), admin());
      expect(first.status).toBe(201);
      const second = await t.api.post('/api/leads/', leadForm({ company: name.toUpperCase() }), admin());
      expect(second.body.company).toBe(first.body.company);
      const companies = await t.api.get(`/api/leads/companies/?name=${encodeURIComponent(name)}`, admin());
      expect(companies.body.companies).toEqual([expect.objectContaining({ id: first.body.company, name })]);
      const byId = await t.api.post('/api/leads/', leadForm({ company: first.body.company }), admin());
      expect(byId.body.company).toBe(first.body.company);
      expect((await t.api.put(`/api/leads/${byId.body.id}/`, { company: '' }, admin())).body.company).toBeNull();
    });

    it("refuses another organization's company id as unknown, naming company", async () => {
      const theirs = await t.api.post('/api/leads/companies/', { name: `Theirs ${unique()}` }, as(cast, 'outsider'));
      const res = await t.api.post('/api/leads/', leadForm({ company: theirs.body.id }), admin());
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: true, code: 'VALIDATION_FAILED', errors: { company: [expect.stringContaining('unknown')] } });
    });

    it.each([
      ['probability', 101],
      ['probability', 'half'],
      ['close_date', '2027-02-30'],
      ['skype_ID', 'x'.repeat(101)],
      ['industry', 'x'.repeat(256)],
    ])('refuses %s = %j with 400 naming it', async (field, value) => {
      const res = await t.api.post('/api/leads/', leadForm({ [field]: value }), admin());
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors)).toEqual([field]);
    });

    it("imports the reference's lead columns (skype_ID in any case) and reports a bad one by row and field", async () => {
      const tag = unique();
      const csv = [
        'First Name,Last Name,Email,Probability,Industry,Skype_ID,Organization,Close Date,Enquiry Type',
        `Ada,Lovelace,ada-${tag}@x.co,75,Engines,ada.l,Analytical Society,2027-03-01,Demo`,
        `Bad,Row,bad-${tag}@x.co,175,,,,,`,
      ].join('\n');
      const res = await t.api.upload('/api/leads/upload/', multipart({}, [{ field: 'leads_file', fileName: 'leads.csv', content: csv }]), admin());
      expect(res.body).toMatchObject({ imported_count: 1, failed_count: 1, errors: [expect.objectContaining({ row: 3, field: 'probability' })] });
      const [lead] = (await t.api.get(`/api/leads/?email=ada-${tag}`, admin())).body.open_leads;
      expect(lead).toMatchObject({ probability: 75, industry: 'Engines', skype_ID: 'ada.l', organization: 'Analytical Society', close_date: '2027-03-01', enquiry_type: 'Demo' });
    });

    it('takes the reference sources by their stored words and answers the seed value', async () => {
      const cases: [string, string][] = [['email', 'Email Campaign'], ['existing customer', 'Existing Customer'], ['partner', 'Partner'], ['public relations', 'Public Relations'], ['compaign', 'Campaign'], ['other', 'Other'], ['website', 'Website Form']];
      for (const [sent, answered] of cases) {
        expect([sent, (await t.api.post('/api/leads/', leadForm({ source: sent }), admin())).body.source]).toEqual([sent, answered]);
      }
    });
  });

  it('answers every refused save with error: true beside the code (react-crm tests res.error)', async () => {
    const res = await t.api.post('/api/leads/', leadForm({ first_name: '' }), admin());
    expect(res.body).toMatchObject({ error: true, statusCode: 400, code: 'VALIDATION_FAILED', errors: { first_name: expect.any(Array) } });
    const missing = await t.api.get(`/api/leads/${randomUUID()}/`, admin());
    expect(missing.body).toMatchObject({ error: true, statusCode: 404 });
  });

  describe('accounts, contacts and opportunities', () => {
    it("keeps an account's contact_name and lead, takes status close as closed and lead '' as none", async () => {
      const lead = await t.api.post('/api/leads/', leadForm(), admin());
      const body = { name: `Account ${unique()}`, email: '', phone: '', status: 'close', contact_name: 'Jane Buyer', lead: lead.body.id, teams: '', contacts: [], account_attachment: null };
      const created = await t.api.post('/api/accounts/', body, admin());
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ status: 'closed', contact_name: 'Jane Buyer', lead: lead.body.id });
      expect((await t.api.get(`/api/accounts/${created.body.id}/`, admin())).body.account_obj).toMatchObject({ contact_name: 'Jane Buyer', lead: lead.body.id });
      expect((await t.api.put(`/api/accounts/${created.body.id}/`, { lead: '' }, admin())).body.lead).toBeNull();
    });

    it("refuses an account's lead the caller cannot see, naming lead", async () => {
      const hidden = await t.api.post('/api/leads/', leadForm(), admin());
      const res = await t.api.post('/api/accounts/', { name: `Account ${unique()}`, lead: hidden.body.id }, as(cast, 'other'));
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors)).toEqual(['lead']);
    });

    it("round-trips a contact's reference fields and validates its links and date", async () => {
      const fields = { organization: 'Navy', language: 'English', linked_in_url: 'https://www.linkedin.com/in/grace', facebook_url: '', twitter_username: 'grace', date_of_birth: '1906-12-09', do_not_call: 'true', salutation: 'Dr' };
      const created = await t.api.post('/api/contacts/', { first_name: 'Grace', last_name: 'Hopper', primary_email: `grace-${unique()}@navy.example`, ...fields }, admin());
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ ...fields, do_not_call: true });
      expect((await t.api.get(`/api/contacts/${created.body.id}/`, admin())).body).toMatchObject({ language: 'English', date_of_birth: '1906-12-09' });
      const bad = await t.api.put(`/api/contacts/${created.body.id}/`, { linked_in_url: 'ftp://grace', date_of_birth: '12/09/1906' }, admin());
      expect(Object.keys(bad.body.errors).sort()).toEqual(['date_of_birth', 'linked_in_url']);
    });

    it("takes an opportunity's due_date and contact_name (contact ids), and account ''", async () => {
      const contact = await t.api.post('/api/contacts/', { first_name: 'Wile', last_name: 'Coyote', primary_email: `wile-${unique()}@acme.example` }, admin());
      const body = { name: `Deal ${unique()}`, stage: 'QUALIFICATION', account: '', amount: '100', probability: '20', due_date: '2027-06-30', contact_name: [contact.body.id], opportunity_attachment: null };
      const created = await t.api.post('/api/opportunities/', body, admin());
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ account: null, probability: 20, closed_on: '2027-06-30', due_date: '2027-06-30', contacts: [contact.body.id] });
    });
  });

  describe('multipart create and update with <kind>_attachment', () => {
    const kinds = [
      { path: 'leads', field: 'lead_attachment', fields: () => ({ first_name: 'Form', last_name: `Lead ${unique()}`, teams: '', probability: '40' }) },
      { path: 'accounts', field: 'account_attachment', fields: () => ({ name: `Form account ${unique()}`, teams: '', contacts: '[]' }) },
      { path: 'contacts', field: 'contact_attachment', fields: () => ({ first_name: 'Form', last_name: 'Contact', primary_email: `form-${unique()}@example.com`, do_not_call: 'false' }) },
      { path: 'cases', field: 'case_attachment', fields: () => ({ name: `Form case ${unique()}`, priority: 'High' }) },
      { path: 'opportunities', field: 'opportunity_attachment', fields: () => ({ name: `Form deal ${unique()}`, stage: 'QUALIFICATION', probability: '10' }) },
      { path: 'tasks', field: 'task_attachment', fields: () => ({ title: `Form task ${unique()}` }) },
    ];

    it.each(kinds)('creates /api/$path/ with its file, and updates it with another', async ({ path, field, fields }) => {
      const created = await t.api.upload(`/api/${path}/`, multipart(fields(), [{ field, fileName: 'brief.txt', content: 'first' }]), admin());
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      const files = async () => {
        const detail = (await t.api.get(`/api/${path}/${id}/`, admin())).body;
        return (detail.attachments as { file_name: string }[]).map((file) => file.file_name);
      };
      expect(await files()).toEqual(['brief.txt']);
      const form = multipart({ description: 'Updated by form' }, [{ field, fileName: 'second.txt', content: 'second' }]);
      const updated = await t.api.request('PUT', `/api/${path}/${id}/`, { ...admin(), body: form.body, headers: form.headers });
      expect(updated.status).toBe(200);
      expect((await files()).sort()).toEqual(['brief.txt', 'second.txt']);
    });

    it('keeps neither the record nor its file when the fields are refused', async () => {
      const name = `Refused ${unique()}`;
      const res = await t.api.upload('/api/accounts/', multipart({ name, email: 'not-an-address' }, [{ field: 'account_attachment', fileName: 'a.txt', content: 'x' }]), admin());
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors)).toEqual(['email']);
      expect((await t.api.get(`/api/accounts/?name=${encodeURIComponent(name)}`, admin())).body.open_accounts).toEqual([]);
    });

    it("refuses a file under another kind's field name, naming it", async () => {
      const res = await t.api.upload('/api/cases/', multipart({ name: `Case ${unique()}` }, [{ field: 'lead_attachment', fileName: 'a.txt', content: 'x' }]), admin());
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors)).toEqual(['lead_attachment']);
    });

    it('takes a form without a file (an empty file input) as a plain create', async () => {
      const res = await t.api.upload('/api/leads/', multipart({ first_name: 'No', last_name: 'File' }, [{ field: 'lead_attachment', fileName: '', content: '' }]), admin());
      expect(res.status).toBe(201);
      expect((await t.api.get(`/api/leads/${res.body.id}/`, admin())).body.attachments).toEqual([]);
    });
  });

  describe('users, organizations and sign-in', () => {
    it('reads, updates and deletes a member at /api/user/{id}/ with its profile fields', async () => {
      const profile = { phone: '+1555000111', alternate_phone: '', city: 'Springfield', has_sales_access: true, has_marketing_access: 'true' };
      const updated = await t.api.put(`/api/user/${cast.other.userId}/`, { role: 'USER', ...profile }, admin());
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ ...profile, has_marketing_access: true, is_active: true });
      const read = await t.api.get(`/api/user/${cast.other.userId}/`, admin());
      expect(read.body).toEqual(updated.body);
      expect((await t.api.get(`/api/users/${cast.other.userId}/`, admin())).body).toEqual(updated.body);
    });

    it('answers a USER asking for someone else, and an unknown id, with 404', async () => {
      expect((await t.api.get(`/api/user/${cast.assignee.userId}/`, as(cast, 'creator'))).status).toBe(404);
      expect((await t.api.get(`/api/user/${cast.creator.userId}/`, as(cast, 'creator'))).status).toBe(200);
      expect((await t.api.get(`/api/user/${randomUUID()}/`, admin())).status).toBe(404);
      expect((await t.api.put(`/api/user/${cast.admin.userId}/`, { phone: '+1555' }, as(cast, 'creator'))).status).toBe(403);
      // Another organization's ADMIN learns nothing of this one's members, by any of the routes.
      const outsider = as(cast, 'outsider');
      expect((await t.api.get(`/api/user/${cast.creator.userId}/`, outsider)).status).toBe(404);
      expect((await t.api.put(`/api/user/${cast.creator.userId}/`, { city: 'Elsewhere' }, outsider)).status).toBe(404);
      expect((await t.api.post(`/api/user/${cast.creator.userId}/status/`, { status: 'inactive' }, outsider)).status).toBe(404);
      expect((await t.api.delete(`/api/user/${cast.creator.userId}/`, outsider)).status).toBe(404);
      expect((await t.api.get(`/api/user/${cast.creator.userId}/`, admin())).body).toMatchObject({ is_active: true, city: '' });
    });

    it('refuses a bad profile field with 400 naming it, and changes nothing', async () => {
      const before = (await t.api.get(`/api/user/${cast.assignee.userId}/`, admin())).body;
      const res = await t.api.put(`/api/user/${cast.assignee.userId}/`, { phone: 'call me', city: 'Changed', has_sales_access: 'sometimes' }, admin());
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors).sort()).toEqual(['has_sales_access', 'phone']);
      expect((await t.api.get(`/api/user/${cast.assignee.userId}/`, admin())).body).toEqual(before);
    });

    it('switches a member off and on with POST /api/user/{id}/status/, and refuses another status', async () => {
      const member = await t.api.signUp('status');
      const token = await t.api.invite(cast.admin, cast.orgId, member.email);
      expect((await t.api.post('/api/auth/accept-invite/', { token }, { token: member.token })).status).toBe(200);
      const off = await t.api.post(`/api/user/${member.userId}/status/`, { status: 'inactive' }, admin());
      expect(off.body).toMatchObject({ id: member.userId, is_active: false });
      expect((await t.api.post(`/api/user/${member.userId}/status/`, { status: 'active' }, admin())).body.is_active).toBe(true);
      const bad = await t.api.post(`/api/user/${member.userId}/status/`, { status: 'paused' }, admin());
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.errors)).toEqual(['status']);
    });

    it('lists teams and active users for the pickers at /api/users/get-teams-and-users/', async () => {
      const team = await t.api.post('/api/teams/', { name: `Pickers ${unique()}`, users: [cast.assignee.userId] }, admin());
      const res = await t.api.get('/api/users/get-teams-and-users/', as(cast, 'creator'));
      expect(res.status).toBe(200);
      expect(res.body.teams).toContainEqual(expect.objectContaining({ id: team.body.id, users: [expect.objectContaining({ id: cast.assignee.userId })] }));
      expect(res.body.profiles.map((profile: { id: string }) => profile.id)).toEqual(expect.arrayContaining([cast.admin.userId, cast.creator.userId]));
      expect(res.body.profiles.map((profile: { id: string }) => profile.id)).not.toContain(cast.outsider.userId);
    });

    it('answers /api/auth/me/ with the person and their organizations, and /api/org/ with profile_org_list', async () => {
      const me = await t.api.get('/api/auth/me/', { token: cast.admin.token });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: cast.admin.userId, email: cast.admin.email, email_verified: false });
      expect(me.body.profile_org_list).toEqual([{ role: 'ADMIN', org: { id: cast.orgId, name: expect.any(String) } }]);
      expect((await t.api.get('/api/auth/me/')).status).toBe(401);
      const orgs = await t.api.get('/api/org/', { token: cast.admin.token });
      expect(orgs.body.profile_org_list).toEqual(me.body.profile_org_list);
    });

    it('answers a refresh with access and refresh beside access_token and refresh_token', async () => {
      const member = await t.api.signUp('refresh');
      const res = await t.api.post('/api/auth/refresh-token/', { refresh: member.refreshToken });
      expect(res.body.access).toBe(res.body.access_token);
      expect(res.body.refresh).toBe(res.body.refresh_token);
      expect((await t.api.get('/api/auth/me/', { token: res.body.access })).status).toBe(200);
    });
  });
});
