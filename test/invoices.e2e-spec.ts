import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FileStorage } from '../src/modules/files/file-storage.js';
import { InvoiceActions } from '../src/modules/invoices/invoice-actions.service.js';
import { as, type Cast, createCast } from './support/cast.js';
import { describeCommentCapability } from './support/comment-capability.js';
import { makeAccount, makeContact, makeInvoice } from './support/factories.js';
import { pdfText } from './support/pdf-text.js';
import { eventually, mailAttachment, SmtpSink } from './support/smtp-sink.js';
import { describePermissionMatrix } from './support/permission-matrix.js';
import { createTestApp, type TestApp } from './support/test-app.js';

type Who = Parameters<typeof as>[1];
type Item = { id: string; [field: string]: any };
const utcDate = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('invoices', () => {
  let t: TestApp;
  let cast: Cast;
  let sink: SmtpSink;
  let accountId: string;
  let billing: Item;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    t = await createTestApp({ SMTP_URL: sink.url });
    t.api.inbox = sink;
    cast = await createCast(t.api);
    accountId = (await makeAccount(t, as(cast, 'admin'), { name: 'Zoë & Co', assigned_to: [cast.creator.userId, cast.assignee.userId] })).id;
    billing = await makeContact(t, as(cast, 'admin'), { assigned_to: [cast.creator.userId, cast.assignee.userId] });
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  const seed = (extra: Record<string, unknown> = {}, who: Who = 'creator'): Promise<Item> =>
    makeInvoice(t, as(cast, who), { account: accountId, contacts: [billing.id], assigned_to: [cast.assignee.userId], ...extra });
  const act = (id: string, action: string, body: unknown = {}, who: Who = 'creator') => t.api.post(`/api/invoices/${id}/${action}/`, body, as(cast, who));
  const sendAsCreator = async (item: Item) => {
    expect((await act(item.id, 'send')).status).toBe(200);
  };
  const history = async (id: string) => (await t.api.get(`/api/invoices/${id}/history/`, as(cast, 'creator'))).body.results as Item[];

  describe('POST /api/invoices/', () => {
    it('answers the Draft with its number, lines and totals computed exactly by the server', async () => {
      const res = await t.api.post(
        '/api/invoices/',
        {
          invoice_title: 'March consulting',
          account: accountId,
          issue_date: '2027-03-01',
          due_date: '2027-03-31',
          billing_city: 'Springfield',
          lines: [
            { description: 'Pens', quantity: 3, unit_price: '0.10' },
            { description: 'Design', quantity: '0.333', unit_price: '10.00', tax_rate: '8.875' },
            { description: 'Licence', quantity: '1', unit_price: '9.99', tax_rate: '20', discount: '12.5' },
          ],
        },
        as(cast, 'creator'),
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        invoice_number: expect.stringMatching(/^INV-\d{6}$/),
        status: 'Draft',
        currency: 'USD',
        billing_city: 'Springfield',
        // Lines: 0.30; 3.33 + 0.30 tax; 9.99 - 1.25 + 1.75 (see money.spec.ts for the working).
        subtotal: '13.62',
        discount_total: '1.25',
        tax_total: '2.05',
        total: '14.42',
        amount_paid: '0.00',
        amount_due: '14.42',
        is_overdue: false,
        payments: [],
      });
      expect(res.body.lines).toEqual([
        { description: 'Pens', quantity: '3', unit_price: '0.10', tax_rate: '0', discount: '0', amount: '0.30' },
        { description: 'Design', quantity: '0.333', unit_price: '10.00', tax_rate: '8.875', discount: '0', amount: '3.63' },
        { description: 'Licence', quantity: '1', unit_price: '9.99', tax_rate: '20', discount: '12.5', amount: '10.49' },
      ]);
    });

    it('rounds to each currency’s minor unit: whole yen, thousandths of a dinar', async () => {
      const yen = await seed({ currency: 'JPY', lines: [{ description: 'Tea', quantity: '3', unit_price: '333.33', tax_rate: '10' }] });
      expect(yen).toMatchObject({ subtotal: '1000', tax_total: '100', total: '1100', amount_due: '1100' });
      const dinar = await seed({ currency: 'BHD', lines: [{ description: 'Dates', quantity: '1.5', unit_price: '0.75', tax_rate: '5' }] });
      expect(dinar).toMatchObject({ subtotal: '1.125', tax_total: '0.056', total: '1.181' });
    });

    it('gives concurrent creates distinct, consecutive numbers', async () => {
      const own = await createCast(t.api);
      const account = (await makeAccount(t, as(own, 'admin'))).id;
      const made = await Promise.all(
        Array.from({ length: 8 }, (_, i) => makeInvoice(t, as(own, 'admin'), { account, invoice_title: `Parallel ${i}` })),
      );
      const numbers = made.map((invoice) => invoice.invoice_number as string).sort();
      expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => `INV-${String(i + 1).padStart(6, '0')}`));
      await t.api.put('/api/org/settings/', { invoice_prefix: 'ACME-' }, as(own, 'admin'));
      expect((await makeInvoice(t, as(own, 'admin'), { account })).invoice_number).toBe('ACME-000009');
    });

    it.each([
      ['no lines', { lines: [] }, 'lines'],
      ['a zero quantity', { lines: [{ description: 'x', quantity: '0', unit_price: '1' }] }, 'lines.0.quantity'],
      ['a price with three decimals', { lines: [{ description: 'x', quantity: '1', unit_price: '1.005' }] }, 'lines.0.unit_price'],
      ['a tax rate over 100', { lines: [{ description: 'x', quantity: '1', unit_price: '1', tax_rate: '100.5' }] }, 'lines.0.tax_rate'],
      ['a negative discount', { lines: [{ description: 'x', quantity: '1', unit_price: '1', discount: '-1' }] }, 'lines.0.discount'],
      ['a due date before the issue date', { issue_date: '2027-03-02', due_date: '2027-03-01' }, 'due_date'],
      ['a bad currency', { currency: 'XXX1' }, 'currency'],
      ['no account', { account: undefined }, 'account'],
      ['a total the client made up', { total: '1.00' }, 'total'],
    ])('rejects %s with 400 naming the field', async (_case, extra, field) => {
      const body = { invoice_title: `Bad ${randomUUID()}`, account: accountId, lines: [{ description: 'x', quantity: '1', unit_price: '1' }], ...extra };
      const res = await t.api.post('/api/invoices/', body, as(cast, 'creator'));
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.errors)).toEqual([field]);
    });

    it('refuses an account of another organization', async () => {
      const theirs = await makeAccount(t, as(cast, 'outsider'));
      const res = await t.api.post('/api/invoices/', { invoice_title: 'X', account: theirs.id, lines: [{ description: 'x', quantity: '1', unit_price: '1' }] }, as(cast, 'creator'));
      expect(res.status).toBe(400);
      expect(res.body.errors.account[0]).toContain(theirs.id);
    });
  });

  describe('status moves', () => {
    it('sends, takes partial then full payment, and records each move in the history', async () => {
      const invoice = await seed({ lines: [{ description: 'Work', quantity: '1', unit_price: '100.00' }] });
      expect((await act(invoice.id, 'payments', { amount: '10', paid_on: '2027-03-10' })).body.code).toBe('INVOICE_NOT_PAYABLE');
      expect((await act(invoice.id, 'send')).body.status).toBe('Sent');
      const partial = await act(invoice.id, 'payments', { amount: '40.5', paid_on: '2027-03-10', method: 'card' });
      expect(partial.status).toBe(201);
      expect(partial.body).toMatchObject({ status: 'Pending', amount_paid: '40.50', amount_due: '59.50', paid_at: null });
      const over = await act(invoice.id, 'payments', { amount: '59.51', paid_on: '2027-03-11' });
      expect(over.status).toBe(400);
      expect(over.body.errors.amount[0]).toContain('59.50');
      const full = await act(invoice.id, 'payments', { amount: '59.50', paid_on: '2027-03-12', reference: 'TRX-1' });
      expect(full.body).toMatchObject({ status: 'Paid', amount_due: '0.00', paid_at: expect.any(String) });
      expect(full.body.payments.map((p: Item) => [p.amount, p.paid_on, p.method, p.reference])).toEqual([
        ['40.50', '2027-03-10', 'card', ''],
        ['59.50', '2027-03-12', '', 'TRX-1'],
      ]);
      expect((await history(invoice.id)).map((entry) => [entry.from, entry.to, entry.note, entry.by])).toEqual([
        [null, 'Draft', 'created', cast.creator.userId],
        ['Draft', 'Sent', 'sent', cast.creator.userId],
        ['Sent', 'Pending', 'payment of 40.50 USD (card)', cast.creator.userId],
        ['Pending', 'Paid', 'payment of 59.50 USD', cast.creator.userId],
      ]);
      expect((await act(invoice.id, 'cancel')).body.code).toBe('INVOICE_LOCKED');
      expect((await t.api.put(`/api/invoices/${invoice.id}/`, { notes: 'late' }, as(cast, 'creator'))).body.code).toBe('INVOICE_LOCKED');
      expect((await t.api.delete(`/api/invoices/${invoice.id}/`, as(cast, 'creator'))).body.code).toBe('INVOICE_LOCKED');
    });

    it('refuses a payment finer than the currency’s minor unit', async () => {
      const invoice = await seed({ currency: 'JPY', lines: [{ description: 'Tea', quantity: '1', unit_price: '500' }] });
      await act(invoice.id, 'send');
      const res = await act(invoice.id, 'payments', { amount: '100.5', paid_on: '2027-03-10' });
      expect(res.status).toBe(400);
      expect(res.body.errors.amount[0]).toContain('0 decimals in JPY');
    });

    it('lets a Draft change freely, a sent invoice only its notes, assignees and teams', async () => {
      const invoice = await seed();
      const repriced = await t.api.put(`/api/invoices/${invoice.id}/`, { lines: [{ description: 'More', quantity: '2', unit_price: '7.50' }], currency: 'EUR' }, as(cast, 'creator'));
      expect(repriced.body).toMatchObject({ total: '15.00', currency: 'EUR', lines: [expect.objectContaining({ amount: '15.00' })] });
      await act(invoice.id, 'send');
      const locked = await t.api.put(`/api/invoices/${invoice.id}/`, { notes: 'ok', lines: [{ description: 'x', quantity: '1', unit_price: '1' }] }, as(cast, 'creator'));
      expect(locked.status).toBe(409);
      expect(Object.keys(locked.body.errors)).toEqual(['lines']);
      expect((await t.api.put(`/api/invoices/${invoice.id}/`, { notes: 'Thanks!' }, as(cast, 'creator'))).body.notes).toBe('Thanks!');
      expect((await act(invoice.id, 'send')).status).toBe(200);
      expect((await act(invoice.id, 'cancel', { note: 'wrong client' })).body.status).toBe('Cancelled');
      expect((await history(invoice.id)).at(-1)).toMatchObject({ from: 'Sent', to: 'Cancelled', note: 'wrong client' });
      expect((await act(invoice.id, 'send')).body.code).toBe('INVOICE_LOCKED');
      expect((await t.api.delete(`/api/invoices/${invoice.id}/`, as(cast, 'creator'))).status).toBe(204);
    });

    it('duplicates into a new Draft with the next number and the same lines', async () => {
      const invoice = await seed({ issue_date: '2027-01-01', due_date: '2027-01-31', lines: [{ description: 'Retainer', quantity: '1', unit_price: '250.00', tax_rate: '10' }] });
      await act(invoice.id, 'send');
      const copy = await act(invoice.id, 'duplicate');
      expect(copy.status).toBe(201);
      expect(copy.body).toMatchObject({ status: 'Draft', total: '275.00', issue_date: utcDate(0), due_date: utcDate(30), lines: invoice.lines });
      expect(copy.body.invoice_number).not.toBe(invoice.invoice_number);
      expect((await history(copy.body.id))[0].note).toBe(`duplicated from ${invoice.invoice_number}`);
    });

    it("issues the duplicate on the organization's today, not the server's", async () => {
      // At any instant one of these zones is on another date than UTC.
      const dateIn = (zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
      const zone = ['Pacific/Kiritimati', 'Pacific/Pago_Pago'].find((candidate) => dateIn(candidate) !== utcDate(0))!;
      const far = await createCast(t.api);
      expect((await t.api.put('/api/org/settings/', { timezone: zone }, as(far, 'admin'))).status).toBe(200);
      const account = await makeAccount(t, as(far, 'admin'));
      const invoice = await makeInvoice(t, as(far, 'admin'), { account: account.id, issue_date: '2027-01-01', due_date: '2027-01-15' });
      const copy = await t.api.post(`/api/invoices/${invoice.id}/duplicate/`, {}, as(far, 'admin'));
      expect(copy.status).toBe(201);
      const today = dateIn(zone);
      expect(copy.body).toMatchObject({ issue_date: today, due_date: new Date(Date.parse(today) + 14 * 86_400_000).toISOString().slice(0, 10) });
    });
  });

  it('keeps the bill-to of issued invoices: their account cannot be deleted (409), a draft’s can', async () => {
    const own = await createCast(t.api);
    const account = (await makeAccount(t, as(own, 'creator'))).id;
    const draft = await makeInvoice(t, as(own, 'admin'), { account });
    const paid = await makeInvoice(t, as(own, 'admin'), { account, lines: [{ description: 'a', quantity: '1', unit_price: '10.00' }] });
    await t.api.post(`/api/invoices/${paid.id}/send/`, { recipients: ['ap@client.example'] }, as(own, 'admin'));
    await t.api.post(`/api/invoices/${paid.id}/payments/`, { amount: '10.00', paid_on: '2027-01-01' }, as(own, 'admin'));
    expect((await t.api.get(`/api/invoices/${paid.id}/`, as(own, 'admin'))).body.status).toBe('Paid');

    // The USER who made the account sees neither invoice, and learns only that issued ones exist.
    const refused = await t.api.delete(`/api/accounts/${account}/`, as(own, 'creator'));
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'ACCOUNT_HAS_INVOICES', message: expect.stringContaining('1 issued invoice') });
    expect(refused.body.message).not.toContain(paid.invoice_number);
    expect((await t.api.get(`/api/invoices/${paid.id}/`, as(own, 'admin'))).body.account).toBe(account);
    expect((await t.api.get(`/api/invoices/${draft.id}/`, as(own, 'admin'))).body.account).toBe(account);

    const other = (await makeAccount(t, as(own, 'creator'))).id;
    const onlyDraft = await makeInvoice(t, as(own, 'admin'), { account: other });
    expect((await t.api.delete(`/api/accounts/${other}/`, as(own, 'creator'))).status).toBe(204);
    expect((await t.api.get(`/api/invoices/${onlyDraft.id}/`, as(own, 'admin'))).body.account).toBeNull();
  });

  describe('overdue', () => {
    it('marks Sent and Pending invoices due before today overdue, filters them, and records the first time once', async () => {
      const title = `Late ${randomUUID().slice(0, 8)}`;
      const late = await seed({ invoice_title: title, issue_date: utcDate(-30), due_date: utcDate(-2) });
      const draft = await seed({ invoice_title: title, issue_date: utcDate(-30), due_date: utcDate(-2) });
      const onTime = await seed({ invoice_title: title, due_date: utcDate(5) });
      await act(late.id, 'send');
      await act(onTime.id, 'send');
      const overdue = await t.api.get(`/api/invoices/?overdue=true&account=${accountId}`, as(cast, 'creator'));
      const ids = overdue.body.results.map((invoice: Item) => invoice.id);
      expect(ids).toContain(late.id);
      expect(ids).not.toContain(draft.id);
      expect(ids).not.toContain(onTime.id);
      expect(overdue.body.results.find((invoice: Item) => invoice.id === late.id).is_overdue).toBe(true);

      const sweep = t.app.get(InvoiceActions);
      expect(await sweep.sweepOverdue()).toBeGreaterThanOrEqual(1);
      await sweep.sweepOverdue();
      const notes = (await history(late.id)).filter((entry) => entry.note === 'overdue');
      expect(notes).toEqual([expect.objectContaining({ from: 'Sent', to: 'Sent', by: null })]);
      expect((await history(onTime.id)).some((entry) => entry.note === 'overdue')).toBe(false);
    });
  });

  describe('lists, the account and the dashboard', () => {
    it('filters by status (repeatable), number, dates and total', async () => {
      const title = `Filter ${randomUUID().slice(0, 8)}`;
      const small = await seed({ invoice_title: title, issue_date: '2027-02-01', lines: [{ description: 'a', quantity: '1', unit_price: '5.00' }] });
      const big = await seed({ invoice_title: title, issue_date: '2027-04-01', lines: [{ description: 'b', quantity: '1', unit_price: '500.00' }] });
      await act(big.id, 'send');
      const found = async (query: string) =>
        (await t.api.get(`/api/invoices/?account=${accountId}&${query}`, as(cast, 'admin'))).body.results.map((i: Item) => i.id).filter((id: string) => [small.id, big.id].includes(id)).sort();
      expect(await found('status=Sent')).toEqual([big.id]);
      expect(await found('status=Draft&status=Sent')).toEqual([small.id, big.id].sort());
      expect(await found(`invoice_number=${small.invoice_number.slice(-6)}`)).toEqual([small.id]);
      expect(await found('issue_date_from=2027-03-01')).toEqual([big.id]);
      expect(await found('total_min=10&total_max=1000')).toEqual([big.id]);
      expect((await t.api.get('/api/invoices/?status=Unpaid', as(cast, 'admin'))).status).toBe(400);
    });

    it('lists the account’s invoices in its detail and the outstanding amounts on the dashboard', async () => {
      const own = await createCast(t.api);
      const account = (await makeAccount(t, as(own, 'admin'))).id;
      const usd = await makeInvoice(t, as(own, 'admin'), { account, lines: [{ description: 'a', quantity: '1', unit_price: '100.00' }] });
      const eur = await makeInvoice(t, as(own, 'admin'), { account, currency: 'EUR', lines: [{ description: 'b', quantity: '2', unit_price: '30.00' }] });
      await makeInvoice(t, as(own, 'admin'), { account });
      for (const invoice of [usd, eur]) await t.api.post(`/api/invoices/${invoice.id}/send/`, { recipients: ['ap@client.example'] }, as(own, 'admin'));
      await t.api.post(`/api/invoices/${usd.id}/payments/`, { amount: '25.00', paid_on: '2027-01-01' }, as(own, 'admin'));
      const detail = await t.api.get(`/api/accounts/${account}/`, as(own, 'admin'));
      expect(detail.body.invoices_count).toBe(3);
      expect(detail.body.invoices[1]).toEqual({
        id: eur.id,
        invoice_number: eur.invoice_number,
        invoice_title: eur.invoice_title,
        status: 'Sent',
        currency: 'EUR',
        total: '60.00',
        due_date: null,
        created_on: eur.created_on,
      });
      const dashboard = await t.api.get('/api/dashboard/', as(own, 'admin'));
      expect(dashboard.body.invoices_outstanding).toEqual([
        { currency: 'EUR', count: 1, amount_due: '60.00' },
        { currency: 'USD', count: 1, amount_due: '75.00' },
      ]);
    });
  });

  describe('PDF and mail', () => {
    const pdfOf = async (id: string) => {
      const res = await t.api.get(`/api/invoices/${id}/pdf/`, as(cast, 'creator'));
      expect(res.status).toBe(200);
      return res;
    };

    it('draws the number, bill-to, lines and totals in the currency’s format', async () => {
      const invoice = await seed({
        currency: 'EUR',
        issue_date: '2027-05-01',
        due_date: '2027-05-31',
        billing_street: 'Hauptstraße 5',
        billing_city: 'Köln',
        lines: [
          { description: 'Консультация (consulting)', quantity: '2.5', unit_price: '400.00', tax_rate: '19' },
          { description: 'Travel', quantity: '1', unit_price: '34.50' },
        ],
      });
      const res = await pdfOf(invoice.id);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${invoice.invoice_number}.pdf"`);
      const text = await pdfText(res.body);
      // 2.5 × 400.00 = 1000.00 + 19% tax = 1190.00; + 34.50 → subtotal 1034.50, total 1224.50.
      for (const shown of [invoice.invoice_number, 'Zoë & Co', 'Hauptstraße 5', 'Köln', 'Консультация (consulting)', '€1,190.00', '€1,034.50', '€190.00', '€1,224.50', '2027-05-31']) {
        expect(text).toContain(shown);
      }
      expect(invoice.total).toBe('1224.50');
    });

    it('names what the PDF prints in its ETag: 304 for it until the invoice changes, then the new PDF', async () => {
      const invoice = await seed({ lines: [{ description: 'Audit', quantity: '1', unit_price: '10.00' }] });
      const first = await pdfOf(invoice.id);
      const etag = String(first.headers.etag);
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect((await pdfOf(invoice.id)).headers.etag).toBe(etag);
      const unchanged = await t.api.request('GET', `/api/invoices/${invoice.id}/pdf/`, { ...as(cast, 'creator'), headers: { 'if-none-match': etag } });
      expect(unchanged.status).toBe(304);
      expect(unchanged.body).toBeFalsy();
      expect((await t.api.put(`/api/invoices/${invoice.id}/`, { lines: [{ description: 'Audit, revised', quantity: '2', unit_price: '10.00' }] }, as(cast, 'creator'))).status).toBe(200);
      const changed = await t.api.request('GET', `/api/invoices/${invoice.id}/pdf/`, { ...as(cast, 'creator'), headers: { 'if-none-match': etag } });
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect(await pdfText(changed.body)).toContain('Audit, revised');
    });

    it('prints whole yen and thousandths of a dinar, and continues a long table on new pages', async () => {
      const yen = await seed({ currency: 'JPY', lines: [{ description: 'Tea', quantity: '3', unit_price: '411.50' }] });
      expect(await pdfText((await pdfOf(yen.id)).body)).toContain('¥1,235');
      const lines = Array.from({ length: 120 }, (_, i) => ({ description: `Item ${i + 1}`, quantity: '1', unit_price: '0.10' }));
      const dinar = await seed({ currency: 'BHD', lines });
      const text = await pdfText((await pdfOf(dinar.id)).body);
      expect(text).toMatch(/BHD\s?12\.000/);
      expect(text).toContain('Item 120');
      expect(text).toContain('-- 3 of');
    });

    it('mails the PDF to the invoice’s contacts and shows each recipient’s delivery on the invoice', async () => {
      const invoice = await seed({ lines: [{ description: 'Audit', quantity: '1', unit_price: '250.00' }] });
      expect((await act(invoice.id, 'send')).body.status).toBe('Sent');
      const [mail] = await eventually(async () => {
        const got = sink.to(billing.primary_email as string).filter((m) => m.raw.includes(invoice.invoice_number as string));
        if (got.length === 0) throw new Error('not yet delivered');
        return got;
      });
      expect(mail.raw).toContain(`Subject: Invoice ${invoice.invoice_number} from`);
      const attached = await pdfText(mailAttachment(mail.raw, 'application/pdf'));
      expect(attached).toContain(invoice.invoice_number);
      expect(attached).toContain('$250.00');
      const detail = await eventually(async () => {
        const res = await t.api.get(`/api/invoices/${invoice.id}/`, as(cast, 'creator'));
        if (res.body.emails[0]?.status !== 'sent') throw new Error('delivery not settled yet');
        return res.body;
      });
      expect(detail.emails).toEqual([
        expect.objectContaining({
          status: 'sent',
          attachments: [{ file_name: `${invoice.invoice_number}.pdf`, content_type: 'application/pdf', size: expect.any(Number) }],
          recipients: [expect.objectContaining({ address: billing.primary_email, contact_id: billing.id, status: 'sent', attempts: 1 })],
        }),
      ]);
      const accountMail = await t.api.get(`/api/accounts/${accountId}/emails/`, as(cast, 'admin'));
      expect(accountMail.body.results.map((email: Item) => email.id)).toContain(detail.emails[0].id);
      expect((await act(invoice.id, 'send')).status).toBe(200);
      const resent = (await t.api.get(`/api/invoices/${invoice.id}/`, as(cast, 'creator'))).body;
      expect(resent.emails).toHaveLength(2);
      expect((await history(invoice.id)).map((entry) => entry.note)).toEqual(['created', 'sent', 'sent again']);
    });

    it('sends to the addresses given instead, and needs one or the other', async () => {
      const invoice = await seed({ contacts: [] });
      const none = await act(invoice.id, 'send');
      expect(none.status).toBe(400);
      expect(none.body.errors.recipients[0]).toContain('required');
      const bad = await act(invoice.id, 'send', { recipients: ['Billing <ap@client.example>'] });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.recipients[0]).toContain('plain e-mail addresses');
      expect((await t.api.get(`/api/invoices/${invoice.id}/`, as(cast, 'creator'))).body).toMatchObject({ status: 'Draft', emails: [] });
      expect((await act(invoice.id, 'send', { recipients: ['AP@Client.example'] })).status).toBe(200);
      await eventually(async () => {
        if (sink.to('ap@client.example').length === 0) throw new Error('not yet delivered');
      });
      expect(sink.to(billing.primary_email as string).filter((m) => m.raw.includes(invoice.invoice_number as string))).toEqual([]);
    });

    it('refuses to send a cancelled invoice and queues no mail for it', async () => {
      const invoice = await seed();
      await act(invoice.id, 'cancel');
      expect((await act(invoice.id, 'send')).body.code).toBe('INVOICE_LOCKED');
      expect((await t.api.get(`/api/invoices/${invoice.id}/`, as(cast, 'creator'))).body.emails).toEqual([]);
    });
  });

  describePermissionMatrix(() => ({ t, cast }), {
    path: 'invoices',
    seed: () => seed(),
    only: (item) => `invoice_number=${encodeURIComponent(item.invoice_number as string)}`,
    change: { notes: 'Due on receipt' },
    state: ({ emails, ...invoice }) => ({ ...invoice, emails: (emails as Item[]).map((email) => email.id) }),
    actions: [
      { name: 'send', method: 'POST', allowed: 200 },
      { name: 'payments', method: 'POST', body: { amount: '1', paid_on: '2027-01-01' }, allowed: 201, prepare: (item) => sendAsCreator(item) },
      { name: 'cancel', method: 'POST', allowed: 200, prepare: (item) => sendAsCreator(item) },
      { name: 'duplicate', method: 'POST', allowed: 201 },
      { name: 'pdf', method: 'GET', allowed: 200 },
      { name: 'history', method: 'GET', allowed: 200 },
    ],
  });
});

describeCommentCapability('invoices', {
  path: 'invoices',
  seed: async (t, cast) => {
    const account = await makeAccount(t, as(cast, 'admin'), { assigned_to: [cast.creator.userId] });
    return (await makeInvoice(t, as(cast, 'creator'), { account: account.id, assigned_to: [cast.assignee.userId] })).id;
  },
  related: (detail) => ({ comments: detail.comments, attachments: detail.attachments }),
});

describe('invoice PDFs drawn once', () => {
  let t: TestApp;
  let cast: Cast;

  beforeAll(async () => {
    t = await createTestApp({ PDF_RENDERS_PER_ORG_PER_MINUTE: '1' });
    cast = await createCast(t.api);
  });
  afterAll(() => t.close());

  it('serves an unchanged invoice again without drawing it (no render counted), and draws it anew once it changes', async () => {
    const account = await makeAccount(t, as(cast, 'admin'));
    const invoice = await makeInvoice(t, as(cast, 'admin'), { account: account.id });
    const download = () => t.api.get(`/api/invoices/${invoice.id}/pdf/`, as(cast, 'admin'));
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await download()).status);
    expect(statuses).toEqual([200, 200, 200]);
    expect((await t.api.put(`/api/invoices/${invoice.id}/`, { notes: 'Changed' }, as(cast, 'admin'))).status).toBe(200);
    // A new PDF is a new render, past the one-per-minute budget.
    expect((await download()).status).toBe(429);
  });
});

describe('sent invoice PDFs', () => {
  let t: TestApp;
  let cast: Cast;
  let sink: SmtpSink;

  // Nothing kept in memory, two renders a minute (the two sendings'): a download served at all
  // afterwards is the stored file, and one that must be drawn is refused with 429.
  beforeAll(async () => {
    sink = await new SmtpSink().start();
    t = await createTestApp({ SMTP_URL: sink.url, PDF_CACHE_BYTES: '0', PDF_RENDERS_PER_ORG_PER_MINUTE: '2' });
    cast = await createCast(t.api);
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  const sent = async () => {
    const account = await makeAccount(t, as(cast, 'admin'));
    const invoice = await makeInvoice(t, as(cast, 'admin'), { account: account.id, lines: [{ description: 'Audit', quantity: '1', unit_price: '80.00' }] });
    const address = `ap-${randomUUID().slice(0, 8)}@client.example`;
    expect((await t.api.post(`/api/invoices/${invoice.id}/send/`, { recipients: [address] }, as(cast, 'admin'))).status).toBe(200);
    return { invoice, address, download: () => t.api.get(`/api/invoices/${invoice.id}/pdf/`, as(cast, 'admin')) };
  };

  it('downloads a sent invoice as the very PDF its recipient got, until what it prints changes, and draws it when the file is gone', async () => {
    const first = await sent();
    const second = await sent();
    const [mail] = await eventually(async () => {
      const got = sink.to(first.address);
      if (got.length === 0) throw new Error('not yet delivered');
      return got;
    });
    const mailed = mailAttachment(mail.raw, 'application/pdf');
    for (let i = 0; i < 2; i++) {
      const res = await first.download();
      expect(res.status).toBe(200);
      expect(Buffer.compare(res.body as Buffer, mailed)).toBe(0);
    }
    // The second invoice's stored file lost (a disk restored without it): drawn again, so past the budget, not a 500.
    const [{ key }] = await t.app.get(DataSource).query(`SELECT pdf_storage_key AS key FROM invoice_emails WHERE invoice_id = $1`, [second.invoice.id]);
    await t.app.get(FileStorage).delete(key);
    expect((await second.download()).status).toBe(429);
    // A payment changes the amount due it prints: that PDF must be drawn too.
    expect((await t.api.post(`/api/invoices/${first.invoice.id}/payments/`, { amount: '30', paid_on: utcDate(0) }, as(cast, 'admin'))).status).toBe(201);
    expect((await first.download()).status).toBe(429);
  });
});
