import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { parseTagCondition } from '../../common/records/entity-tags.js';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { PaginationQueryDto } from '../../common/pagination/pagination-query.dto.js';
import { IdParam } from '../../common/validation/id-param.js';
import {
  CancelInvoiceDto,
  CreateInvoiceDto,
  InvoicePaymentDto,
  ListInvoicesQueryDto,
  SendInvoiceDto,
  UpdateInvoiceDto,
} from './dto/invoice-requests.dto.js';
import { InvoiceDetailResponseDto, InvoiceHistoryPageDto, InvoicePageDto, InvoiceResponseDto } from './dto/invoice-responses.dto.js';
import { InvoiceActions } from './invoice-actions.service.js';
import { InvoiceSending } from './invoice-sending.service.js';
import { InvoicesService } from './invoices.service.js';
import { ChangesRecord } from '../../common/records/changes-record.decorator.js';

const WHO = 'An ADMIN, the invoice’s creator or its assignees; anyone else gets 404.';

@ApiTags('Invoices')
@OrgScoped()
@Controller('invoices')
export class InvoicesController {
  constructor(
    private readonly invoices: InvoicesService,
    private readonly actions: InvoiceActions,
    private readonly sending: InvoiceSending,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List invoices', description: `Newest first, paged, with links that keep the filters. Seen by: ${WHO}` })
  @ApiOkResponse({ type: InvoicePageDto, description: 'One page of invoices' })
  listInvoices(@Principal() principal: OrgPrincipal, @Query() query: ListInvoicesQueryDto): Promise<InvoicePageDto> {
    return this.invoices.list(principal, query);
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Create an invoice',
    description: 'A Draft with the next number of the organization’s sequence; the server computes every amount from the lines.',
  })
  @ApiCreatedResponse({ type: InvoiceResponseDto, description: 'The invoice, with its lines' })
  createInvoice(@Principal() principal: OrgPrincipal, @Body() body: CreateInvoiceDto): Promise<InvoiceResponseDto> {
    return this.invoices.create(principal, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an invoice', description: `With lines, payments, comments and attachments. ${WHO}` })
  @ApiOkResponse({ type: InvoiceDetailResponseDto, description: 'The invoice' })
  @ApiErrors(404)
  getInvoice(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<InvoiceDetailResponseDto> {
    return this.invoices.get(principal, id);
  }

  @Put(':id')
  @ApiOperation({
    summary: 'Update an invoice',
    description: 'A Draft changes freely (lines, when sent, replace and are repriced); once sent only notes, assigned_to and teams; Paid and Cancelled are final.',
  })
  @ApiOkResponse({ type: InvoiceResponseDto, description: 'The updated invoice' })
  @ApiErrors(404, 'INVOICE_LOCKED')
  updateInvoice(@Principal() principal: OrgPrincipal, @IdParam() id: string, @Body() body: UpdateInvoiceDto): Promise<InvoiceResponseDto> {
    return this.invoices.update(principal, id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete an invoice', description: 'A Draft or Cancelled one, by its creator or an ADMIN.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors('NOT_CREATOR', 404, 'INVOICE_LOCKED')
  async deleteInvoice(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<void> {
    await this.invoices.remove(principal, id);
  }

  @Post(':id/send')
  @ChangesRecord('sent')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Send an invoice',
    description: `Draft → Sent (or a resend): the PDF is mailed to the invoice’s contacts, or to the recipients given, through the mail queue; each recipient’s delivery shows in the invoice’s emails (and the account’s). ${WHO}`,
  })
  @ApiOkResponse({ type: InvoiceResponseDto, description: 'The invoice' })
  @ApiErrors(404, 'INVOICE_LOCKED', 'CONFLICT', 'RATE_LIMITED', 'STORAGE_QUOTA_EXCEEDED', 'SERVICE_BUSY')
  sendInvoice(@Principal() principal: OrgPrincipal, @IdParam() id: string, @Body() body: SendInvoiceDto): Promise<InvoiceResponseDto> {
    return this.sending.send(principal, id, body);
  }

  @Post(':id/payments')
  @ChangesRecord('payment_added')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Record a payment', description: `At most the amount due: Pending while something is owed, Paid when nothing is. ${WHO}` })
  @ApiCreatedResponse({ type: InvoiceResponseDto, description: 'The invoice with the payment' })
  @ApiErrors(404, 'INVOICE_NOT_PAYABLE')
  addInvoicePayment(@Principal() principal: OrgPrincipal, @IdParam() id: string, @Body() body: InvoicePaymentDto): Promise<InvoiceResponseDto> {
    return this.actions.pay(principal, id, body);
  }

  @Post(':id/cancel')
  @ChangesRecord('cancelled')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cancel an invoice', description: `Any but a Paid or Cancelled one. ${WHO}` })
  @ApiOkResponse({ type: InvoiceResponseDto, description: 'The cancelled invoice' })
  @ApiErrors(404, 'INVOICE_LOCKED')
  cancelInvoice(@Principal() principal: OrgPrincipal, @IdParam() id: string, @Body() body: CancelInvoiceDto): Promise<InvoiceResponseDto> {
    return this.actions.cancel(principal, id, body);
  }

  @Post(':id/duplicate')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Duplicate an invoice', description: `A new Draft with the next number, the same lines and links, issued today with the same term. ${WHO}` })
  @ApiCreatedResponse({ type: InvoiceResponseDto, description: 'The new invoice' })
  @ApiErrors(404)
  duplicateInvoice(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<InvoiceResponseDto> {
    return this.actions.duplicate(principal, id);
  }

  @Get(':id/pdf')
  @ApiOperation({
    summary: 'Download an invoice as PDF',
    description:
      'The invoice as it stands now. Drawn off the request thread; at most PDF_RENDERS_PER_ORG_PER_MINUTE per organization (30), ' +
      'then 429. A PDF drawn lately with the same content, or the one mailed when the invoice was sent if it still prints the same, ' +
      'is served without drawing (and without counting). The ETag names what ' +
      `it prints: with If-None-Match, 304 until the invoice (or its bill-to or organization name) changes. ${WHO}`,
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The PDF, as an attachment named after the invoice number',
    headers: { ETag: { description: 'Names what the PDF prints', schema: { type: 'string' } } },
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({ status: HttpStatus.NOT_MODIFIED, description: 'The PDF the If-None-Match names is still what the invoice prints' })
  @ApiErrors(404, 429, 'SERVICE_BUSY')
  async getInvoicePdf(
    @Principal() principal: OrgPrincipal,
    @IdParam() id: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile | undefined> {
    const { pdf, fileName, etag } = await this.sending.pdf(principal, id, parseTagCondition('If-None-Match', ifNoneMatch));
    void reply.header('etag', etag);
    if (!pdf) {
      void reply.code(HttpStatus.NOT_MODIFIED);
      return undefined;
    }
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="${fileName}"` });
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'List an invoice’s history', description: `Every write, oldest first: its field changes, and each status move and payment with its note. ${WHO}` })
  @ApiOkResponse({ type: InvoiceHistoryPageDto, description: 'One page of history' })
  @ApiErrors(404)
  listInvoiceHistory(@Principal() principal: OrgPrincipal, @IdParam() id: string, @Query() query: PaginationQueryDto): Promise<InvoiceHistoryPageDto> {
    return this.actions.history(principal, id, query);
  }
}
