import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RecordKinds } from '../src/common/records/record-kinds.js';
import { as } from './support/cast.js';
import { everyKind, KINDS } from './support/every-kind.js';
import { multipart } from './support/multipart.js';

interface Entry {
  at: string;
  actor: { type: string; id: string | null };
  request_id: string | null;
  action: string;
  changes: { field: string; from: unknown; to: unknown }[];
}

describe('the history and visibility of every record kind', () => {
  const app = everyKind();

  describe.each(Object.keys(KINDS))('%s', (kind) => {
    const path = () => `/api/${app.t.app.get(RecordKinds).get(kind).path}`;
    const seed = async () => {
      const created = await KINDS[kind].create(app.t, app.cast);
      expect(created.status).toBe(201);
      return created.body.id;
    };
    const put = (id: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      app.t.api.request('PUT', `${path()}/${id}/`, { ...as(app.cast, 'creator'), body, headers });
    const history = async (id: string, who: 'creator' | 'admin' = 'creator', query = ''): Promise<{ count: number; results: Entry[] }> => {
      const res = await app.t.api.get(`${path()}/${id}/history/${query}`, as(app.cast, who));
      expect(res.status).toBe(200);
      return res.body;
    };

    it('records its creation and each write: who, through which request, every field it changed; a write that changes nothing records none', async () => {
      const id = await seed();
      const change = KINDS[kind].change();
      const requestId = `history-${randomUUID()}`;
      expect((await put(id, change, { 'x-request-id': requestId })).status).toBe(200);
      expect((await put(id, change)).status).toBe(200);
      const { count, results } = await history(id);
      expect(count).toBe(2);
      const [created, updated] = results;
      expect(created).toMatchObject({ action: 'created', actor: { type: 'user', id: app.cast.creator.userId } });
      expect(created.changes.length).toBeGreaterThan(0);
      const [field, value] = Object.entries(change)[0];
      expect(updated).toMatchObject({ action: 'updated', actor: { type: 'user', id: app.cast.creator.userId }, request_id: requestId });
      expect(updated.changes).toContainEqual({ field, from: created.changes.find((c) => c.field === field)?.to, to: value });
      expect(Date.parse(updated.at)).toBeGreaterThanOrEqual(Date.parse(created.at));
    });

    it('records link changes as the ids before and after, in the entry of the write', async () => {
      const id = await seed();
      const people = KINDS[kind].people ?? 'assigned_to';
      const change = KINDS[kind].change();
      expect((await put(id, { ...change, [people]: [app.cast.assignee.userId] })).status).toBe(200);
      expect((await put(id, { [people]: [app.cast.other.userId] })).status).toBe(200);
      const { results } = await history(id);
      expect(results).toHaveLength(3);
      expect(results[1].changes).toContainEqual({ field: people, from: [], to: [app.cast.assignee.userId] });
      expect(results[1].changes.map((c) => c.field)).toContain(Object.keys(change)[0]);
      expect(results[2].changes).toEqual([{ field: people, from: [app.cast.assignee.userId], to: [app.cast.other.userId] }]);
    });

    it('holds the visibility rule: the ADMIN, creator and linked members see it, others get 404, only the creator or an ADMIN deletes', async () => {
      const id = await seed();
      const people = KINDS[kind].people ?? 'assigned_to';
      expect((await put(id, { [people]: [app.cast.assignee.userId] })).status).toBe(200);
      const url = `${path()}/${id}/`;
      const statuses = async (method: 'GET' | 'PUT', who: 'admin' | 'creator' | 'assignee' | 'other' | 'outsider') =>
        (await app.t.api.request(method, url, { ...as(app.cast, who), ...(method === 'PUT' ? { body: KINDS[kind].change() } : {}) })).status;
      const changer = KINDS[kind].ownerChangesOnly ? 403 : 200;
      for (const [who, read, change] of [['admin', 200, 200], ['creator', 200, 200], ['assignee', 200, changer], ['other', 404, 404], ['outsider', 404, 404]] as const) {
        expect([who, await statuses('GET', who), await statuses('PUT', who)]).toEqual([who, read, change]);
      }
      expect((await app.t.api.delete(url, as(app.cast, 'assignee'))).status).toBe(403);
      expect((await app.t.api.delete(url, as(app.cast, 'other'))).status).toBe(404);
      expect((await app.t.api.delete(url, as(app.cast, 'creator'))).status).toBe(204);
    });

    it('records nothing of a write refused for a stale If-Match', async () => {
      const id = await seed();
      expect((await put(id, KINDS[kind].change(), { 'if-match': '"9"' })).status).toBe(412);
      expect((await history(id)).count).toBe(1);
    });

    it('pages oldest first, an empty page past the end, and 404 to who may not see the record', async () => {
      const id = await seed();
      for (let i = 0; i < 3; i += 1) expect((await put(id, KINDS[kind].change())).status).toBe(200);
      const first = await history(id, 'creator', '?limit=2');
      expect([first.count, first.results.map((entry) => entry.action)]).toEqual([4, ['created', 'updated']]);
      const past = await history(id, 'creator', '?offset=10');
      expect([past.count, past.results]).toEqual([4, []]);
      expect((await history(id, 'admin')).count).toBe(4);
      for (const who of ['other', 'outsider'] as const) expect((await app.t.api.get(`${path()}/${id}/history/`, as(app.cast, who))).status).toBe(404);
    });

    if (kind !== 'document') {
      it('records comments and files added and removed as entries of their own, one per write', async () => {
        const id = await seed();
        const added = await app.t.api.post(`${path()}/${id}/`, { comment: 'Called them back' }, as(app.cast, 'creator'));
        expect(added.status).toBe(201);
        const commentId = added.body.comment.id;
        expect((await app.t.api.delete(`${path()}/comment/${commentId}/`, as(app.cast, 'creator'))).status).toBe(204);
        const files = multipart({}, [{ field: 'attachment', fileName: 'a.txt', content: 'a' }, { field: 'attachment', fileName: 'b.txt', content: 'b' }]);
        const attached = await app.t.api.upload(`${path()}/${id}/attachments/`, files, as(app.cast, 'creator'));
        expect(attached.status).toBe(201);
        const creator = { type: 'user', id: app.cast.creator.userId };
        const { results: after } = await history(id);
        expect(after.slice(1)).toMatchObject([
          { action: 'linked', actor: creator, changes: [{ field: 'comments', from: null, to: commentId }] },
          { action: 'unlinked', actor: creator, changes: [{ field: 'comments', from: commentId, to: null }] },
          {
            action: 'linked',
            actor: creator,
            changes: attached.body.attachments.map((file: { id: string }) => ({ field: 'attachments', from: null, to: file.id })),
          },
        ]);
      });
    }
  });

  it('shows a contact the caller may not see as "hidden", and its id to an ADMIN', async () => {
    const contact = await app.t.api.post('/api/contacts/', { first_name: 'Hidden', last_name: 'Person', primary_email: `hidden-${randomUUID()}@acme.example` }, as(app.cast, 'admin'));
    const kase = await app.t.api.post('/api/cases/', { name: 'Billing question' }, as(app.cast, 'creator'));
    expect((await app.t.api.put(`/api/cases/${kase.body.id}/`, { contacts: [contact.body.id] }, as(app.cast, 'admin'))).status).toBe(200);
    const seenBy = async (who: 'creator' | 'admin') => (await app.t.api.get(`/api/cases/${kase.body.id}/history/`, as(app.cast, who))).body.results[1];
    expect(await seenBy('creator')).toMatchObject({ actor: { type: 'user', id: app.cast.admin.userId }, changes: [{ field: 'contacts', from: [], to: ['hidden'] }] });
    expect((await seenBy('admin')).changes).toEqual([{ field: 'contacts', from: [], to: [contact.body.id] }]);
  });

  it('names what an action did to its record, and what it created on the way', async () => {
    const lead = await app.t.api.post('/api/leads/', { first_name: 'Ada', last_name: 'Convertible', account_name: `Convert ${randomUUID()}` }, as(app.cast, 'creator'));
    const converted = await app.t.api.post(`/api/leads/${lead.body.id}/convert/`, {}, as(app.cast, 'creator'));
    expect(converted.status).toBe(200);
    const leadHistory = await app.t.api.get(`/api/leads/${lead.body.id}/history/`, as(app.cast, 'creator'));
    expect(leadHistory.body.results[1]).toMatchObject({ action: 'converted', changes: expect.arrayContaining([{ field: 'status', from: expect.any(String), to: 'converted' }]) });
    const accountHistory = await app.t.api.get(`/api/accounts/${converted.body.converted_account_id}/history/`, as(app.cast, 'creator'));
    expect(accountHistory.body.results.map((entry: Entry) => entry.action)).toEqual(['created']);
  });

  it('keeps an invoice’s status moves with their notes in the same list as its field changes', async () => {
    const { body: invoice } = await KINDS.invoice.create(app.t, app.cast);
    expect((await app.t.api.put(`/api/invoices/${invoice.id}/`, { notes: 'Net 30' }, as(app.cast, 'creator'))).status).toBe(200);
    expect((await app.t.api.post(`/api/invoices/${invoice.id}/send/`, { recipients: ['ap@client.example'] }, as(app.cast, 'creator'))).status).toBe(200);
    expect((await app.t.api.post(`/api/invoices/${invoice.id}/payments/`, { amount: '0.40', paid_on: '2027-01-01' }, as(app.cast, 'creator'))).status).toBe(201);
    expect((await app.t.api.post(`/api/invoices/${invoice.id}/cancel/`, {}, as(app.cast, 'creator'))).status).toBe(200);
    const { body } = await app.t.api.get(`/api/invoices/${invoice.id}/history/`, as(app.cast, 'creator'));
    expect(body.results).toMatchObject([
      { action: 'created', from: null, to: 'Draft', by: app.cast.creator.userId },
      { action: 'updated', from: 'Draft', to: 'Draft', note: '', changes: [{ field: 'notes', from: '', to: 'Net 30' }] },
      { action: 'sent', from: 'Draft', to: 'Sent', note: 'sent', changes: expect.arrayContaining([{ field: 'status', from: 'Draft', to: 'Sent' }]) },
      { action: 'payment_added', from: 'Sent', to: 'Pending', note: expect.stringContaining('payment of 0.40'), changes: expect.arrayContaining([{ field: 'amount_paid', from: 0, to: 0.4 }]) },
      { action: 'cancelled', from: 'Pending', to: 'Cancelled', note: 'cancelled' },
    ]);
  });

  it('says when leads came from a web form or an import, and through which key or member', async () => {
    const key = await app.t.api.post('/api/api-settings/', { title: 'acme.com form', website: 'https://acme.com' }, as(app.cast, 'admin'));
    const email = `web-${randomUUID()}@prospect.example`;
    const fromSite = await app.t.api.post(`/api/leads/create-from-site/?apikey=${key.body.apikey}`, { first_name: 'Web', last_name: 'Form', email });
    expect(fromSite.status).toBe(201);
    const siteHistory = await app.t.api.get(`/api/leads/${fromSite.body.id}/history/`, as(app.cast, 'admin'));
    expect(siteHistory.body.results).toMatchObject([{ action: 'created', actor: { type: 'web_form', id: key.body.id } }]);

    const imported = `import-${randomUUID()}@prospect.example`;
    const upload = multipart({}, [{ field: 'leads_file', fileName: 'leads.csv', content: `first_name,last_name,email\nIm,Ported,${imported}\n` }]);
    const uploaded = await app.t.api.upload('/api/leads/upload/', { body: upload.body, headers: { ...upload.headers, 'x-request-id': 'import-request-1' } }, as(app.cast, 'creator'));
    expect(uploaded.status).toBe(200);
    const leads = await app.t.api.get(`/api/leads/?email=${imported}`, as(app.cast, 'creator'));
    const [lead] = leads.body.open_leads;
    const importHistory = await app.t.api.get(`/api/leads/${lead.id}/history/`, as(app.cast, 'creator'));
    expect(importHistory.body.results).toMatchObject([{ action: 'created', actor: { type: 'import', id: app.cast.creator.userId }, request_id: 'import-request-1' }]);
  });

  it('gives each record a statement creates its own entry of its fields, as one created alone gets', async () => {
    const db = app.t.app.get(DataSource);
    const orgId = app.cast.outsiderOrgId;
    const made = (await db.query(
      `INSERT INTO leads (org_id, first_name, last_name, email, status) VALUES ($1, 'Ann', 'One', $2, 'assigned'), ($1, 'Bob', 'Two', '', 'in process') RETURNING id`,
      [orgId, `bulk-${randomUUID()}@prospect.example`],
    )) as { id: string }[];
    const entries = (await db.query(`SELECT record_id, action, changes, state FROM record_history WHERE org_id = $1 AND record_id = ANY($2::uuid[])`, [orgId, made.map((row) => row.id)])) as {
      record_id: string;
      action: string;
      changes: { field: string; from: unknown; to: unknown }[];
      state: string;
    }[];
    expect(entries).toHaveLength(2);
    const [ann, bob] = made.map(({ id }) => entries.find((entry) => entry.record_id === id)!);
    expect(ann).toMatchObject({ action: 'created', state: null });
    expect(ann.changes.map((change) => change.field)).toEqual(expect.arrayContaining(['email', 'first_name', 'last_name', 'status']));
    expect(ann.changes.every((change) => change.from === null)).toBe(true);
    // Empty fields are not changes; fields come in name order.
    expect(bob.changes.map((change) => change.field)).not.toContain('email');
    expect(bob.changes.map((change) => change.field)).toEqual([...bob.changes.map((change) => change.field)].sort());
    expect(bob.changes).toContainEqual({ field: 'status', from: null, to: 'in process' });
  });

  // Last: every write above was a member's, a key's or an import's; one recorded as `system` was made outside a transaction.
  it('attributes every write a request made to its actor, none to the system', async () => {
    const rows = (await app.t.app.get(DataSource).query(`SELECT kind, action, changes FROM record_history WHERE org_id = $1 AND actor_type = 'system'`, [app.cast.orgId])) as unknown[];
    expect(rows).toEqual([]);
  });
});
