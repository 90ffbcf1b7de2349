import { HistoryModule } from '../history/history.module.js';
import { ExportRoutes } from '../../common/records/export-routes.js';
import { ListInvoicesQueryDto } from './dto/invoice-requests.dto.js';
import { InvoiceItemDto } from './dto/invoice-responses.dto.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { MailModule } from '../mail/mail.module.js';
import { CommentRoutes } from '../comments/comment-routes.controller.js';
import { CommentsModule } from '../comments/comments.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { Invoice } from './invoice.entity.js';
import { OutstandingTotal } from './outstanding-total.entity.js';
import { INVOICE_KIND } from './invoice.kind.js';
import { InvoiceEmail, InvoiceLine, InvoicePayment, InvoiceSequence } from './invoice-parts.entity.js';
import { InvoiceActions } from './invoice-actions.service.js';
import { InvoiceSending } from './invoice-sending.service.js';
import { InvoicesController } from './invoices.controller.js';
import { InvoicesService } from './invoices.service.js';
import { OverdueSweep } from './overdue-sweep.js';
import { PdfRenderer } from './pdf-renderer.js';
import { PdfCache } from './pdf-cache.js';

/** Invoices: exact totals from their lines, numbering, status moves, payments, overdue tracking, PDF and mail. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Invoice, InvoiceLine, InvoicePayment, InvoiceSequence, InvoiceEmail, OutstandingTotal]),
    OrganizationsModule,
    CommentsModule,
    HistoryModule,
    AccountsModule,
    ContactsModule,
    MailModule,
  ],
  controllers: [ExportRoutes(INVOICE_KIND, { service: InvoicesService, query: ListInvoicesQueryDto, item: InvoiceItemDto }), InvoicesController, CommentRoutes(INVOICE_KIND)],
  providers: [InvoicesService, InvoiceActions, InvoiceSending, OverdueSweep, PdfRenderer, PdfCache],
  exports: [InvoicesService],
})
export class InvoicesModule {}
