import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsPlainAddress } from '../../../common/validation/email-address.js';
import { CalendarDate } from '../../../common/validation/calendar.decorators.js';
import { IsCurrency } from '../../../common/validation/currency.js';
import { DecimalString } from '../../../common/validation/decimal.decorator.js';
import { IdFilter, TextFilter } from '../../../common/validation/filters.decorator.js';
import { IdList } from '../../../common/validation/id-list.decorator.js';
import { OptionalText } from '../../../common/validation/optional-text.decorator.js';
import { ToBoolean } from '../../../common/validation/to-boolean.decorator.js';
import { Trim } from '../../../common/validation/trim.decorator.js';
import { InvoiceStatus } from '../invoice.entity.js';
import { RecordListQueryDto } from '../../../common/records/record-list-query.dto.js';

export const MAX_LINES = 500;

export class InvoiceLineDto {
  @ApiProperty({ maxLength: 1000, example: 'Consulting, March' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  description: string;

  @DecimalString({ places: 3, positive: true, required: true, example: '1.5' })
  quantity: string;

  @DecimalString({ places: 2, required: true, example: '120.00', description: 'Price of one unit, in the invoice’s currency' })
  unit_price: string;

  @DecimalString({ places: 3, max: 100, example: '20', description: 'Percent; 0 when left out' })
  tax_rate?: string;

  @DecimalString({ places: 3, max: 100, example: '10', description: 'Percent off the line; 0 when left out' })
  discount?: string;
}

export class CreateInvoiceDto {
  @ApiProperty({ maxLength: 255, example: 'March consulting' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  invoice_title: string;

  @ApiProperty({ format: 'uuid', description: 'The account billed: one the caller may see' })
  @IsUUID('all')
  account: string;

  @IdList('Contacts the invoice is sent to (billing recipients)')
  contacts?: string[];

  @ApiPropertyOptional({ example: 'EUR', minLength: 3, maxLength: 3, description: 'ISO 4217; the organization’s default currency when left out' })
  @IsOptional()
  @IsCurrency()
  currency?: string;

  @CalendarDate({ example: '2027-03-01' })
  issue_date?: string | null;

  @CalendarDate({ example: '2027-03-31', description: 'Not before issue_date' })
  due_date?: string | null;

  @OptionalText(255, '1 Main St')
  billing_address_line?: string;

  @OptionalText(255)
  billing_street?: string;

  @OptionalText(255, 'Springfield')
  billing_city?: string;

  @OptionalText(255)
  billing_state?: string;

  @OptionalText(64)
  billing_postcode?: string;

  @OptionalText(255)
  billing_country?: string;

  @OptionalText(10000, 'Thank you for your business')
  notes?: string;

  @OptionalText(10000, 'Payable within 30 days')
  terms?: string;

  @IdList('User ids of active members of the organization')
  assigned_to?: string[];

  @IdList('Team ids of the organization')
  teams?: string[];

  @ApiProperty({ type: [InvoiceLineDto], minItems: 1, maxItems: MAX_LINES, description: 'The lines; the server computes every amount and total' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineDto)
  lines: InvoiceLineDto[];
}

export class UpdateInvoiceDto extends PartialType(CreateInvoiceDto) {}

export class InvoicePaymentDto {
  @DecimalString({ places: 3, positive: true, required: true, example: '250.00', description: 'At most the amount due, in the currency’s minor unit' })
  amount: string;

  @CalendarDate({ required: true, example: '2027-03-15' })
  paid_on: string;

  @OptionalText(50, 'bank transfer')
  method?: string;

  @OptionalText(255, 'TRX-20270315-001')
  reference?: string;
}

export class SendInvoiceDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'email',
    maxItems: 20,
    description: 'Plain e-mail addresses to send it to instead of the invoice’s contacts',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsPlainAddress({ each: true })
  recipients?: string[];
}

export class CancelInvoiceDto {
  @OptionalText(500, 'Issued twice by mistake')
  note?: string;
}

export class InvoiceFiltersDto {
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', enum: Object.values(InvoiceStatus) },
    maxItems: 5,
    description: 'Repeat or comma-separate for several statuses',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((status) => status.trim()) : value))
  @IsArray()
  @ArrayMaxSize(5)
  @IsEnum(InvoiceStatus, { each: true, message: `status must be one of: ${Object.values(InvoiceStatus).join(', ')}` })
  status?: InvoiceStatus[];

  @IdFilter('Invoices of this account')
  account?: string;

  @TextFilter('Part of the invoice number', 40)
  invoice_number?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: Sent or Pending and due before today (the organization’s time zone)' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  overdue?: boolean;

  @CalendarDate({ description: 'Issued on or after' })
  issue_date_from?: string;

  @CalendarDate({ description: 'Issued on or before' })
  issue_date_to?: string;

  @CalendarDate({ description: 'Due on or after' })
  due_date_from?: string;

  @CalendarDate({ description: 'Due on or before' })
  due_date_to?: string;

  @DecimalString({ places: 3, description: 'Total at least' })
  total_min?: string;

  @DecimalString({ places: 3, description: 'Total at most' })
  total_max?: string;
}

export class ListInvoicesQueryDto extends IntersectionType(RecordListQueryDto, InvoiceFiltersDto) {}
