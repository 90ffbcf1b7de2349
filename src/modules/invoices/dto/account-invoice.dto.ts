import { ApiProperty } from '@nestjs/swagger';
import { accountDetailList } from '../../accounts/account-related.js';

/** An invoice of the account, as listed in the account's detail. */
export class AccountInvoiceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'INV-000042' })
  invoice_number: string;

  @ApiProperty()
  invoice_title: string;

  @ApiProperty({ type: String, description: 'Draft, Sent, Paid, Pending or Cancelled' })
  status: string;

  @ApiProperty({ example: 'EUR' })
  currency: string;

  @ApiProperty({ example: '1234.50' })
  total: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  due_date: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;
}

declare module '../../accounts/account-related.js' {
  interface AccountRelatedItems {
    invoices: AccountInvoiceDto;
  }
}

accountDetailList('invoices', AccountInvoiceDto, 'The account’s invoices the caller may see, newest first (at most 100)', 'How many invoices of the account the caller may see');
