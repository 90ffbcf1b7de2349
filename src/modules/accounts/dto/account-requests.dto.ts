import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEmail, IsEnum, IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength, ValidateIf } from 'class-validator';
import { Alias } from '../../../common/validation/alias.decorator.js';
import { IdList } from '../../../common/validation/id-list.decorator.js';
import { RelatedId } from '../../../common/validation/related-id.decorator.js';
import { OptionalText } from '../../../common/validation/optional-text.decorator.js';
import { PhoneProperty } from '../../../common/validation/phone.decorator.js';
import { TagList } from '../../../common/validation/tag-list.decorator.js';
import { Trim } from '../../../common/validation/trim.decorator.js';
import { AccountStatus } from '../account.entity.js';
import { TextFilter, IdFilter, TagsFilter } from '../../../common/validation/filters.decorator.js';
import { NamedRecordListQueryDto } from '../../../common/records/record-list-query.dto.js';

const STATUS_MESSAGE = `status must be one of: ${Object.values(AccountStatus).join(', ')}`;
const notEmpty = (_: object, value: unknown) => value !== '' && value !== null;

export class CreateAccountDto {
  @ApiProperty({ maxLength: 255, example: 'New Company Inc' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name: string;

  @ApiPropertyOptional({ format: 'email', example: 'info@newcompany.com' })
  @IsOptional()
  @Trim()
  @ValidateIf(notEmpty)
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @Trim()
  @ValidateIf(notEmpty)
  @PhoneProperty('+1555123456')
  phone?: string;

  @OptionalText(255, 'Manufacturing')
  industry?: string;

  @OptionalText(10000, 'Leading manufacturer of widgets')
  description?: string;

  @ApiPropertyOptional({ format: 'uri', example: 'https://newcompany.com' })
  @IsOptional()
  @Trim()
  @ValidateIf(notEmpty)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'website must be an http(s) URL' })
  @MaxLength(2048)
  website?: string;

  @ApiPropertyOptional({
    enum: AccountStatus,
    enumName: 'AccountStatus',
    default: AccountStatus.OPEN,
    description: 'Django-CRM’s `close` is taken as `closed`',
  })
  @IsOptional()
  @Alias({ close: AccountStatus.CLOSED })
  @IsEnum(AccountStatus, { message: STATUS_MESSAGE })
  status?: AccountStatus;

  @OptionalText(255, 'Jane Buyer')
  contact_name?: string;

  @RelatedId('The lead the account came from: one the caller may see; null or "" unlinks')
  lead?: string | null;

  @OptionalText(255, '456 Industrial Blvd')
  billing_address_line?: string;

  @OptionalText(255, 'Suite 100')
  billing_street?: string;

  @OptionalText(255, 'Chicago')
  billing_city?: string;

  @OptionalText(255, 'IL')
  billing_state?: string;

  @OptionalText(64, '60601')
  billing_postcode?: string;

  @OptionalText(255, 'USA')
  billing_country?: string;

  @IdList('Contact ids of the organization')
  contacts?: string[];

  @IdList('User ids of active members of the organization')
  assigned_to?: string[];

  @IdList('Team ids of the organization')
  teams?: string[];

  @TagList()
  tags?: string[];
}

export class UpdateAccountDto extends PartialType(CreateAccountDto) {}

export class ListAccountsQueryDto extends NamedRecordListQueryDto {
  @TextFilter('Part of the name, any case')
  name?: string;

  @TextFilter('Part of the billing city, any case')
  city?: string;

  @TextFilter('Part of the industry, any case')
  industry?: string;

  @TagsFilter()
  tags?: string[];

  @IdFilter('Accounts assigned to this user')
  assigned_to?: string;

  @ApiPropertyOptional({ enum: AccountStatus, enumName: 'AccountStatus', description: 'Only this half' })
  @IsOptional()
  @IsEnum(AccountStatus, { message: STATUS_MESSAGE })
  status?: AccountStatus;
}
