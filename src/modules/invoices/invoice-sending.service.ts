import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { Injectable } from '@nestjs/common';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { ValidationFailedError } from '../../common/errors/app-error.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { ContactsService } from '../contacts/contacts.service.js';
import { FileStorage } from '../files/file-storage.js';
import { MailService } from '../mail/mail.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import type { SendInvoiceDto } from './dto/invoice-requests.dto.js';
import type { InvoiceResponseDto } from './dto/invoice-responses.dto.js';
import { InvoiceEmail } from './invoice-parts.entity.js';
import { InvoiceActions } from './invoice-actions.service.js';
import { invoiceMail } from './invoice-mail.js';
import { renderInvoicePdf } from './invoice-pdf.js';
import { InvoicesService } from './invoices.service.js';

export interface InvoicePdf {
  fileName: string;
  stream: Readable;
}

/** What leaves the system: the invoice as a PDF, and the mail that carries it. */
@Injectable()
export class InvoiceSending {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly invoices: InvoicesService,
    private readonly actions: InvoiceActions,
    private readonly organizations: OrganizationsService,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly mail: MailService,
    private readonly storage: FileStorage,
  ) {}

  /** The invoice as it stands, streamed while it is drawn. */
  async pdf(principal: OrgPrincipal, id: string): Promise<InvoicePdf> {
    const invoice = await this.invoices.response(principal, id);
    return { fileName: `${invoice.invoice_number}.pdf`, stream: await this.render(principal.orgId, invoice) };
  }

  /**
   * Draft → Sent (or a resend), and in the same transaction, with the invoice row locked so the PDF
   * shows exactly what was sent: the PDF is stored and a mail carrying it queued to each recipient
   * (account mail's deliveries: retried, never twice). A failure leaves neither the move nor the file.
   */
  async send(principal: OrgPrincipal, id: string, dto: SendInvoiceDto): Promise<InvoiceResponseDto> {
    const storageKey = `invoices/${principal.orgId}/${id}/${randomUUID()}.pdf`;
    let stored = false;
    try {
      await this.db.withTransaction(async () => {
        await this.actions.markSent(principal, id);
        const invoice = await this.invoices.response(principal, id);
        // Invoice mail is account mail; an account deleted after the invoice was made leaves none to send from.
        if (!invoice.account) throw ValidationFailedError.field('account', 'was deleted; an invoice is mailed from its account');
        const recipients = await this.recipientsOf(principal, invoice, dto);
        const organization = (await this.organizations.settings(principal.orgId)).name;
        const file = await this.storage.save(storageKey, Readable.from(await buffer(await this.render(principal.orgId, invoice))));
        stored = true;
        const emailId = await this.mail.queue(principal, {
          accountId: invoice.account,
          ...invoiceMail(organization, invoice),
          recipients,
          attachments: [{ storageKey, fileName: `${invoice.invoice_number}.pdf`, contentType: 'application/pdf', size: file.size }],
        });
        await this.db.tx.getRepository(InvoiceEmail).insert({ orgId: principal.orgId, invoiceId: id, emailId });
      });
    } catch (error) {
      if (stored) await this.storage.delete(storageKey);
      throw error;
    }
    return this.invoices.response(principal, id);
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

  private async render(orgId: string, invoice: InvoiceResponseDto): Promise<Readable> {
    const [settings, billTo] = await Promise.all([
      this.organizations.settings(orgId),
      invoice.account ? this.accounts.nameOf(orgId, invoice.account) : null,
    ]);
    return renderInvoicePdf({ organization: settings.name, billTo: billTo ?? '', invoice });
  }
}
