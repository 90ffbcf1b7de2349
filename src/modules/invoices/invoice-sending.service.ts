import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { isDeepStrictEqual } from 'node:util';
import { Injectable, Logger } from '@nestjs/common';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { ConflictError, ValidationFailedError } from '../../common/errors/app-error.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { ContactsService } from '../contacts/contacts.service.js';
import { FileStorage } from '../files/file-storage.js';
import { StorageQuota } from '../files/storage-quota.js';
import { MailService } from '../mail/mail.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import type { SendInvoiceDto } from './dto/invoice-requests.dto.js';
import type { InvoiceResponseDto } from './dto/invoice-responses.dto.js';
import { InvoiceEmail } from './invoice-parts.entity.js';
import { InvoiceActions } from './invoice-actions.service.js';
import { invoiceMail } from './invoice-mail.js';
import { type InvoicePdfInput, toPdfInput } from './invoice-pdf-input.js';
import { InvoicesService } from './invoices.service.js';
import { PdfRenderer } from './pdf-renderer.js';
import { PdfCache, pdfKeyOf } from './pdf-cache.js';
import { RateLimits } from '../throttling/rate-limits.js';
import { noneMatchHolds, type TagCondition } from '../../common/records/entity-tags.js';

export interface InvoicePdf {
  fileName: string;
  /** Names what the PDF prints. */
  etag: string;
  /** Absent when the caller's If-None-Match already names it (304). */
  pdf?: Buffer;
}

/** Sending draws the PDF before it locks the invoice, then checks nothing it printed changed: this many tries. */
const SEND_ATTEMPTS = 3;

class ChangedWhileDrawing extends Error {}

/** What leaves the system: the invoice as a PDF, and the mail that carries it. */
@Injectable()
export class InvoiceSending {
  private readonly logger = new Logger(InvoiceSending.name);

  constructor(
    @InjectDb() private readonly db: Db,
    private readonly invoices: InvoicesService,
    private readonly actions: InvoiceActions,
    private readonly organizations: OrganizationsService,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly mail: MailService,
    private readonly storage: FileStorage,
    private readonly renderer: PdfRenderer,
    private readonly limits: RateLimits,
    private readonly quota: StorageQuota,
    private readonly cache: PdfCache,
  ) {}

  /**
   * The invoice as it stands: from the cache when what it prints was drawn lately, else drawn in a
   * worker thread, PDF_RENDERS_PER_ORG_PER_MINUTE per organization (a cached one costs no render).
   * `etag` names what it prints, so a client holding it gets 304 until the invoice changes.
   */
  async pdf(principal: OrgPrincipal, id: string, ifNoneMatch?: TagCondition): Promise<InvoicePdf> {
    const invoice = await this.invoices.response(principal, id);
    const input = await this.pdfInputOf(principal.orgId, invoice);
    const key = pdfKeyOf(input);
    const found = { fileName: `${invoice.invoice_number}.pdf`, etag: `"${key}"` };
    if (ifNoneMatch && !noneMatchHolds(ifNoneMatch, found.etag)) return found;
    const kept = this.cache.get(key) ?? (await this.mailed(principal.orgId, id, key));
    if (kept) {
      this.cache.put(key, kept);
      return { ...found, pdf: kept };
    }
    await this.limits.consume(this.limits.rules.pdfPerOrgMinute, principal.orgId);
    const pdf = await this.renderer.render(input);
    this.cache.put(key, pdf);
    return { ...found, pdf };
  }

  /**
   * The PDF a sending of the invoice stored, when it prints what the invoice prints now: a sent
   * invoice is downloaded as the very file its recipients got, in every process and after a
   * restart. A file that can no longer be read (its mail deleted with the account) is drawn anew.
   */
  private async mailed(orgId: string, invoiceId: string, key: string): Promise<Buffer | undefined> {
    const [sent] = (await this.db.tx.query(
      `SELECT pdf_storage_key FROM invoice_emails WHERE org_id = $1 AND invoice_id = $2 AND pdf_key = $3 ORDER BY created_on DESC LIMIT 1`,
      [orgId, invoiceId, key],
    )) as { pdf_storage_key: string }[];
    if (!sent) return undefined;
    try {
      return await buffer(await this.storage.open(sent.pdf_storage_key));
    } catch (error) {
      this.logger.warn({ invoiceId, error: String(error) }, 'The PDF stored when the invoice was sent could not be read; drawing it');
      return undefined;
    }
  }

  /**
   * Draft → Sent (or a resend): the PDF is stored and a mail carrying it queued to each recipient
   * (account mail's deliveries: retried, never twice), in one transaction with the move. The PDF is
   * drawn first, outside the transaction, so no lock or pooled connection is held while it is drawn;
   * in the transaction, with the invoice locked, what it printed is compared with the invoice as it
   * is now, and drawn again if a write came between. A failure leaves neither the move nor the file.
   */
  async send(principal: OrgPrincipal, id: string, dto: SendInvoiceDto): Promise<InvoiceResponseDto> {
    for (let attempt = 1; ; attempt++) {
      const drawn = await this.pdfInputOf(principal.orgId, await this.invoices.response(principal, id));
      await this.limits.consume(this.limits.rules.pdfPerOrgMinute, principal.orgId);
      const pdf = await this.renderer.render(drawn);
      try {
        await this.sendDrawn(principal, id, dto, drawn, pdf);
        // What was mailed is what a download of the sent invoice prints, until it changes again.
        this.cache.put(pdfKeyOf(drawn), pdf);
        return this.invoices.response(principal, id);
      } catch (error) {
        if (!(error instanceof ChangedWhileDrawing)) throw error;
        if (attempt === SEND_ATTEMPTS) throw new ConflictError('CONFLICT', 'The invoice kept changing while its PDF was drawn; send it again');
      }
    }
  }

  private async sendDrawn(principal: OrgPrincipal, id: string, dto: SendInvoiceDto, drawn: InvoicePdfInput, pdf: Buffer): Promise<void> {
    const storageKey = `invoices/${principal.orgId}/${id}/${randomUUID()}.pdf`;
    let stored = false;
    try {
      await this.db.withTransaction(async () => {
        await this.actions.markSent(principal, id);
        const invoice = await this.invoices.response(principal, id);
        // Invoice mail is account mail; an account deleted after the invoice was made leaves none to send from.
        if (!invoice.account) throw ValidationFailedError.field('account', 'was deleted; an invoice is mailed from its account');
        if (!isDeepStrictEqual(await this.pdfInputOf(principal.orgId, invoice), drawn)) throw new ChangedWhileDrawing();
        const recipients = await this.recipientsOf(principal, invoice, dto);
        await this.quota.assertRoom(principal.orgId, pdf.length, 'invoice');
        const file = await this.storage.save(storageKey, Readable.from(pdf));
        stored = true;
        const emailId = await this.mail.queue(principal, {
          accountId: invoice.account,
          ...invoiceMail(drawn.organization, invoice),
          recipients,
          attachments: [{ storageKey, fileName: `${invoice.invoice_number}.pdf`, contentType: 'application/pdf', size: file.size }],
        });
        await this.db.tx.getRepository(InvoiceEmail).insert({ orgId: principal.orgId, invoiceId: id, emailId, pdfKey: pdfKeyOf(drawn), pdfStorageKey: storageKey });
      });
    } catch (error) {
      if (stored) await this.storage.delete(storageKey);
      throw error;
    }
  }

  /** The addresses given, or the invoice's contacts (whoever may see them: they are its billing recipients). */
  private async recipientsOf(principal: OrgPrincipal, invoice: InvoiceResponseDto, dto: SendInvoiceDto) {
    if (dto.recipients?.length) {
      return [...new Set(dto.recipients.map((address) => address.trim().toLowerCase()))].map((address) => ({ address, contactId: null }));
    }
    const contacts = await this.contacts.refsInOrg(principal.orgId, invoice.contacts);
    if (contacts.length === 0) throw ValidationFailedError.field('recipients', 'are required when the invoice has no contacts');
    return contacts.map((contact) => ({ address: contact.primary_email, contactId: contact.id }));
  }

  private async pdfInputOf(orgId: string, invoice: InvoiceResponseDto): Promise<InvoicePdfInput> {
    const [settings, billTo] = await Promise.all([
      this.organizations.settings(orgId),
      invoice.account ? this.accounts.printedName(orgId, invoice.account) : null,
    ]);
    return toPdfInput(settings.name, billTo ?? '', invoice);
  }
}
