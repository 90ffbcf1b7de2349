import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { PageOf } from '../../../common/pagination/page.js';
import { ToBoolean } from '../../../common/validation/to-boolean.decorator.js';
import { IsPlainAddress } from '../../../common/validation/email-address.js';
import { Trim } from '../../../common/validation/trim.decorator.js';
import { DeliveryStatus } from '../email-delivery.entity.js';

export const MAX_RECIPIENTS = 100;
/** A date-time that says its zone: never read as the server's local time. */
const WITH_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/** 1 to MAX_RECIPIENTS distinct strings of at most 254 characters: a mail's recipients as a body names them. */
const RecipientList = () =>
  applyDecorators(IsArray(), ArrayMinSize(1), ArrayMaxSize(MAX_RECIPIENTS), ArrayUnique(), IsString({ each: true }), MaxLength(254, { each: true }));

export class CreateAccountEmailDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'string', maxLength: 254 },
    maxItems: MAX_RECIPIENTS,
    example: ['contact@client.com', 'manager@client.com'],
    description:
      'Plain e-mail addresses (name@example.com: no display names, lists or address literals), or ids of ' +
      'contacts the caller may see (their primary e-mail is used)',
  })
  @RecipientList()
  recipients: string[];

  @ApiProperty({ maxLength: 998, example: 'Quarterly Business Review' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(998)
  subject: string;

  @ApiProperty({ maxLength: 500000, example: '<p>Dear valued client...</p>', description: 'Scripts and event handlers are removed' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500_000)
  html: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  scheduled_later?: boolean;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Required and in the future when scheduled_later; with its time zone (Z or an offset)',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'scheduled_date_time must be an ISO-8601 date-time' })
  @Matches(WITH_OFFSET, { message: 'scheduled_date_time must say its time zone (Z or an offset such as +02:00)' })
  scheduled_date_time?: string | null;

  @ApiPropertyOptional({ format: 'email', example: 'sender@yourcompany.com', description: 'Replies go here' })
  @IsOptional()
  @Trim()
  @ValidateIf((_, value) => value !== '' && value !== null)
  @IsPlainAddress()
  from_account?: string;
}

export class EmailQueuedResponseDto {
  @ApiProperty({ example: 'success' })
  status: 'success';

  @ApiProperty({ example: 'Email queued for sending' })
  message: string;

  @ApiProperty({ format: 'uuid' })
  email_id: string;
}

export class ResendAccountEmailDto {
  @ApiPropertyOptional({
    type: [String],
    maxItems: MAX_RECIPIENTS,
    example: ['contact@client.com'],
    description: 'Addresses of recipients whose delivery is `unknown` or `failed`; all such recipients when left out',
  })
  @IsOptional()
  @RecipientList()
  recipients?: string[];
}

export class DeliveryResponseDto {
  @ApiProperty({ format: 'email' })
  address: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  contact_id: string | null;

  @ApiProperty({
    enum: [DeliveryStatus.QUEUED, DeliveryStatus.SENT, DeliveryStatus.FAILED, DeliveryStatus.UNKNOWN],
    enumName: 'DeliveryStatus',
    description: '`unknown`: the send was cut off (a crash mid-send), so it may or may not have arrived; it is never retried by itself: resend it deliberately',
  })
  status: 'queued' | 'sent' | 'failed' | 'unknown';

  @ApiProperty({ description: 'Send attempts so far' })
  attempts: number;

  @ApiProperty({ type: String, nullable: true })
  last_error: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sent_at: string | null;
}

export class MailAttachmentResponseDto {
  @ApiProperty({ example: 'INV-000042.pdf' })
  file_name: string;

  @ApiProperty({ example: 'application/pdf' })
  content_type: string;

  @ApiProperty({ description: 'Bytes' })
  size: number;
}

export class AccountEmailResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  subject: string;

  @ApiProperty({ description: 'As stored: sanitised' })
  html: string;

  @ApiProperty()
  from_account: string;

  @ApiProperty()
  scheduled_later: boolean;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  scheduled_date_time: string | null;

  @ApiProperty({ enum: ['queued', 'sent', 'partially_sent', 'failed'], description: 'Summary of the recipients' })
  status: 'queued' | 'sent' | 'partially_sent' | 'failed';

  @ApiProperty({ type: [DeliveryResponseDto] })
  recipients: DeliveryResponseDto[];

  @ApiProperty({ type: [MailAttachmentResponseDto], description: 'Files sent with the mail (an invoice’s PDF); none for mail written through this API' })
  attachments: MailAttachmentResponseDto[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  created_by: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;
}

export class AccountEmailPageDto extends PageOf(AccountEmailResponseDto) {}
