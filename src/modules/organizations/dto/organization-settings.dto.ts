import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, Matches } from 'class-validator';
import { IsCurrency } from '../../../common/validation/currency.js';
import { IsTimeZone } from '../../../common/validation/time-zone.js';

export class OrganizationSettingsDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Acme Corp' })
  name: string;

  @ApiProperty({ example: 'USD', minLength: 3, maxLength: 3, description: 'ISO 4217; new opportunities use it unless they say otherwise' })
  default_currency: string;

  @ApiProperty({ example: 'Europe/Berlin', maxLength: 64, description: 'IANA time zone; events use it unless they say otherwise' })
  timezone: string;

  @ApiProperty({ example: 'INV-', maxLength: 20, description: 'Put before each new invoice number' })
  invoice_prefix: string;

  @ApiProperty({ description: 'When true, every PUT, DELETE and record action must send If-Match (else 428 PRECONDITION_REQUIRED): no change can overwrite one it has not seen' })
  require_if_match: boolean;
}

export class UpdateOrganizationSettingsDto {
  @ApiPropertyOptional({ example: 'EUR', minLength: 3, maxLength: 3, description: 'ISO 4217 code' })
  @IsOptional()
  @IsCurrency()
  default_currency?: string;

  @ApiPropertyOptional({ example: 'Europe/Berlin', maxLength: 64, description: 'IANA time zone name' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ example: 'ACME-', maxLength: 20, pattern: '^[A-Za-z0-9._/-]{0,20}$', description: 'Letters, digits and . _ / -; numbers already given keep theirs' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._/-]{0,20}$/, { message: 'invoice_prefix must be at most 20 letters, digits or . _ / -' })
  invoice_prefix?: string;

  @ApiPropertyOptional({ description: 'Require If-Match on every change to a record (takes effect within 5 s on every instance)' })
  @IsOptional()
  @IsBoolean()
  require_if_match?: boolean;
}
