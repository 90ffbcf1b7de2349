import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsEnum, IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength, ValidateIf } from 'class-validator';
import { Transform } from 'class-transformer';
import { CalendarDate } from '../../../common/validation/calendar.decorators.js';
import { IdList } from '../../../common/validation/id-list.decorator.js';
import { Percent } from '../../../common/validation/optional-fields.decorators.js';
import { Money } from '../../../common/validation/money.decorator.js';
import { OptionalText } from '../../../common/validation/optional-text.decorator.js';
import { PhoneProperty } from '../../../common/validation/phone.decorator.js';
import { TagList } from '../../../common/validation/tag-list.decorator.js';
import { ToBoolean } from '../../../common/validation/to-boolean.decorator.js';
import { Trim } from '../../../common/validation/trim.decorator.js';
import { LEAD_SOURCE_ALIASES, LeadSource } from '../../../common/records/lead-source.js';
import { Alias } from '../../../common/validation/alias.decorator.js';
import { LeadStatus } from '../lead.entity.js';
import { TextFilter, IdFilter, TagsFilter } from '../../../common/validation/filters.decorator.js';
import { RecordListQueryDto } from '../../../common/records/record-list-query.dto.js';

export const oneOf = (field: string, values: object) => ({
  message: `${field} must be one of: ${Object.values(values).join(', ')}`,
});
const notEmpty = (_: object, value: unknown) => value !== '' && value !== null;

/** The lead's own fields: what the web form, the import and the API all accept. */
export class LeadFieldsInputDto {
  @OptionalText(255, 'Enterprise Software Inquiry')
  title?: string;

  @ApiProperty({ maxLength: 255, example: 'Robert' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  first_name: string;

  @ApiProperty({ maxLength: 255, example: 'Johnson' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  last_name: string;

  @ApiPropertyOptional({ format: 'email', example: 'robert@bigcorp.com' })
  @IsOptional()
  @Trim()
  @ValidateIf(notEmpty)
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @Trim()
  @ValidateIf(notEmpty)
  @PhoneProperty('+1555987654')
  phone?: string;

  @ApiPropertyOptional({ enum: LeadSource, enumName: 'LeadSource', nullable: true })
  @IsOptional()
  @Alias(LEAD_SOURCE_ALIASES)
  @IsEnum(LeadSource, oneOf('source', LeadSource))
  source?: LeadSource | null;

  @OptionalText(255, 'Big Corp Industries')
  account_name?: string;

  @ApiPropertyOptional({ format: 'uri', example: 'https://bigcorp.com' })
  @IsOptional()
  @Trim()
  @ValidateIf(notEmpty)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'website must be an http(s) URL' })
  @MaxLength(2048)
  website?: string;

  @OptionalText(10000, 'Interested in enterprise solution for 500+ users')
  description?: string;

  @Money('75000.00')
  opportunity_amount?: string | null;

  @OptionalText(255, '789 Corporate Blvd')
  address_line?: string;

  @OptionalText(255)
  street?: string;

  @OptionalText(255, 'Dallas')
  city?: string;

  @OptionalText(255, 'TX')
  state?: string;

  @OptionalText(64, '75201')
  postcode?: string;

  @OptionalText(255, 'USA')
  country?: string;

  @Percent('How likely the lead is to buy, in percent (Django-CRM’s field)')
  probability?: number | null;

  @OptionalText(255, 'Software')
  industry?: string;

  // Django-CRM's spelling, kept so its clients' bodies are accepted as they are.
  @OptionalText(100, 'robert.johnson')
  skype_ID?: string;

  @OptionalText(255, 'Big Corp Industries')
  organization?: string;

  @CalendarDate({ description: 'When the lead is expected to close' })
  close_date?: string | null;

  @OptionalText(255, 'Pricing')
  enquiry_type?: string;

  @TagList()
  tags?: string[];
}

export class CreateLeadDto extends LeadFieldsInputDto {
  @ApiPropertyOptional({ enum: LeadStatus, enumName: 'LeadStatus', default: LeadStatus.ASSIGNED })
  @IsOptional()
  @IsEnum(LeadStatus, oneOf('status', LeadStatus))
  status?: LeadStatus;

  @IdList('Contact ids of the organization')
  contacts?: string[];

  @IdList('User ids of active members of the organization')
  assigned_to?: string[];

  @IdList('Team ids of the organization')
  teams?: string[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 255,
    example: 'Big Corp Industries',
    description: 'The lead’s company (GET /api/leads/companies/): its id, or its name (ignoring case; a new name creates the company); null or "" unlinks',
  })
  @IsOptional()
  @Trim()
  @Transform(({ value }: { value: unknown }) => (value === '' ? null : value))
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  company?: string | null;

  @ApiPropertyOptional({ default: false, description: 'Convert to an account right away (answered as converted_account)' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  auto_convert?: boolean;
}

export class UpdateLeadDto extends PartialType(CreateLeadDto) {}

export class ListLeadsQueryDto extends RecordListQueryDto {
  @TextFilter('Part of the first or last name, any case')
  name?: string;

  @TextFilter('Part of the title, any case')
  title?: string;

  @TextFilter('Part of the source, any case (for example "website")', 64)
  source?: string;

  @IdFilter('Leads assigned to this user')
  assigned_to?: string;

  @ApiPropertyOptional({ enum: LeadStatus, enumName: 'LeadStatus' })
  @IsOptional()
  @IsEnum(LeadStatus, oneOf('status', LeadStatus))
  status?: LeadStatus;

  @TagsFilter()
  tags?: string[];

  @TextFilter('Part of the city, any case')
  city?: string;

  @TextFilter('Part of the e-mail, any case', 254)
  email?: string;
}

/** What a website's form may send: the lead's own fields; assignees and tags come from the key. */
export class SiteLeadDto extends OmitType(LeadFieldsInputDto, ['tags'] as const) {}
