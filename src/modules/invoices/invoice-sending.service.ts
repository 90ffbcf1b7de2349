import { Injectable } from '@nestjs/common';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import type { SendInvoiceDto } from './dto/invoice-requests.dto.js';
import type { InvoiceResponseDto } from './dto/invoice-responses.dto.js';
import { InvoiceActions } from './invoice-actions.service.js';
import { InvoicesService } from './invoices.service.js';

/** Sending: the status move and, in the same transaction, the mail that carries the invoice. */
@Injectable()
export class InvoiceSending {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly invoices: InvoicesService,
    private readonly actions: InvoiceActions,
  ) {}

  async send(principal: OrgPrincipal, id: string, _dto: SendInvoiceDto): Promise<InvoiceResponseDto> {
    await this.db.withTransaction(() => this.actions.markSent(principal, id));
    return this.invoices.response(principal, id);
  }
}
