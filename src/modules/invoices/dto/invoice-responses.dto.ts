import { HistoryEntryDto } from '../../history/dto/history-entry.dto.js';
import { WithOwnership } from '../../../common/records/ownership-fields.dto.js';
import { ApiProperty } from '@nestjs/swagger';
import { CursorPageOf, PageOf } from '../../../common/pagination/page.js';
import { WithComments } from '../../comments/dto/with-comments.dto.js';
import { AccountEmailResponseDto } from '../../mail/dto/mail.dto.js';
import { InvoiceStatus } from '../invoice.entity.js';

const money = (description?: string) => ({ example: '1234.50', description: `${description ? `${description}; ` : ''}a decimal string with the currency’s places (0 for JPY, 3 for BHD)` });

class InvoiceFieldsDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  invoice_title: string;

  @ApiProperty({ example: 'INV-000042', description: 'From the organization’s sequence: unique, never reused' })
  invoice_number: string;

  @ApiProperty({ enum: InvoiceStatus, enumName: 'InvoiceStatus', description: 'Moved only by the actions' })
  status: InvoiceStatus;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  account: string | null;

  @ApiProperty({ type: [String], format: 'uuid' })
  contacts: string[];

  @ApiProperty({ example: 'EUR' })
  currency: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  issue_date: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  due_date: string | null;

  @ApiProperty()
  billing_address_line: string;

  @ApiProperty()
  billing_street: string;

  @ApiProperty()
  billing_city: string;

  @ApiProperty()
  billing_state: string;

  @ApiProperty()
  billing_postcode: string;

  @ApiProperty()
  billing_country: string;

  @ApiProperty()
  notes: string;

  @ApiProperty()
  terms: string;

  @ApiProperty(money('Sum of the lines before discount and tax'))
  subtotal: string;

  @ApiProperty(money())
  discount_total: string;

  @ApiProperty(money())
  tax_total: string;

  @ApiProperty(money('subtotal - discount_total + tax_total'))
  total: string;

  @ApiProperty(money())
  amount_paid: string;

  @ApiProperty(money('total - amount_paid'))
  amount_due: string;

  @ApiProperty({ description: 'Sent or Pending, and due before today in the organization’s time zone' })
  is_overdue: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  paid_at: string | null;
}

export class InvoiceItemDto extends WithOwnership(InvoiceFieldsDto) {}

export class InvoiceLineResponseDto {
  @ApiProperty()
  description: string;

  @ApiProperty({ example: '1.5' })
  quantity: string;

  @ApiProperty({ example: '120.00' })
  unit_price: string;

  @ApiProperty({ example: '20' })
  tax_rate: string;

  @ApiProperty({ example: '0' })
  discount: string;

  @ApiProperty(money('The line after discount and tax, rounded half-up to the minor unit'))
  amount: string;
}

export class InvoicePaymentResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty(money())
  amount: string;

  @ApiProperty({ type: String, format: 'date' })
  paid_on: string;

  @ApiProperty()
  method: string;

  @ApiProperty()
  reference: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  created_by: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;
}

export class InvoiceResponseDto extends InvoiceItemDto {
  @ApiProperty({ type: [InvoiceLineResponseDto] })
  lines: InvoiceLineResponseDto[];

  @ApiProperty({ type: [InvoicePaymentResponseDto], description: 'Oldest first' })
  payments: InvoicePaymentResponseDto[];
}

export class InvoicePageDto extends CursorPageOf(InvoiceItemDto) {}

export const INVOICE_EMAILS_SHOWN = 20;

export class InvoiceDetailResponseDto extends WithComments(InvoiceResponseDto) {
  @ApiProperty({
    type: [AccountEmailResponseDto],
    description: `The ${INVOICE_EMAILS_SHOWN} most recent mails that carried the invoice, newest first, with each recipient’s delivery status (also listed in the account’s e-mail)`,
  })
  emails: AccountEmailResponseDto[];
}

/** A record history entry, with the status the invoice moved from and to and why. */
export class InvoiceHistoryEntryDto extends HistoryEntryDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who (as actor.id); null for the daily overdue sweep' })
  by: string | null;

  @ApiProperty({ enum: InvoiceStatus, enumName: 'InvoiceStatus', nullable: true, description: 'The status before the write (null at creation); the same as `to` when it did not move' })
  from: InvoiceStatus | null;

  @ApiProperty({ enum: InvoiceStatus, enumName: 'InvoiceStatus', description: 'The status after the write' })
  to: InvoiceStatus;

  @ApiProperty({ example: 'Payment of 250.00 (bank transfer)', description: 'Why the status is what it is (sent, a payment, overdue, cancelled); empty for other changes' })
  note: string;
}

export class InvoiceHistoryPageDto extends PageOf(InvoiceHistoryEntryDto) {}

/** What is still owed in one currency, over the Sent and Pending invoices the caller may see. */
export class OutstandingDto {
  @ApiProperty({ example: 'EUR' })
  currency: string;

  @ApiProperty({ description: 'Sent or Pending invoices' })
  count: number;

  @ApiProperty(money('Their totals less what was paid'))
  amount_due: string;
}
