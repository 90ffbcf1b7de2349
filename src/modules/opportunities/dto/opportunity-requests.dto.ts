import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { LEAD_SOURCE_ALIASES, LeadSource } from '../../../common/records/lead-source.js';
import { Alias } from '../../../common/validation/alias.decorator.js';
import { IsCurrency } from '../../../common/validation/currency.js';
import { IdFilter, TagsFilter, TextFilter } from '../../../common/validation/filters.decorator.js';
import { CalendarDate } from '../../../common/validation/calendar.decorators.js';
import { IdList } from '../../../common/validation/id-list.decorator.js';
import { RelatedId } from '../../../common/validation/related-id.decorator.js';
import { Money } from '../../../common/validation/money.decorator.js';
import { OptionalText } from '../../../common/validation/optional-text.decorator.js';
import { TagList } from '../../../common/validation/tag-list.decorator.js';
import { Trim } from '../../../common/validation/trim.decorator.js';
import { OpportunityStage } from '../opportunity-stage.js';
import { NamedRecordListQueryDto } from '../../../common/records/record-list-query.dto.js';

const oneOf = (field: string, values: object) => ({ message: `${field} must be one of: ${Object.values(values).join(', ')}` });
const DATE_ONLY = { strict: true, strictSeparator: true } as const;
const MONEY = /^\d{1,12}(\.\d{1,2})?$/;

export class CreateOpportunityDto {
  @ApiProperty({ maxLength: 255, example: 'Acme renewal 2027', description: 'Unique in the organization, ignoring case' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name: string;

  @ApiProperty({ enum: OpportunityStage, enumName: 'OpportunityStage' })
  @IsEnum(OpportunityStage, oneOf('stage', OpportunityStage))
  stage: OpportunityStage;

  @RelatedId('An account the caller may see')
  account?: string | null;

  @Money('25000.00')
  amount?: string | null;

  @ApiPropertyOptional({ example: 'EUR', minLength: 3, maxLength: 3, description: 'ISO 4217; the organization’s default currency when left out' })
  @IsOptional()
  @IsCurrency()
  currency?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 100, description: 'Percent; the stage’s default when left out' })
  @IsOptional()
  // A form field carries the number as text.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\s*\d{1,3}\s*$/.test(value) ? Number(value) : value))
  @IsInt()
  @Min(0)
  @Max(100)
  probability?: number;

  @ApiPropertyOptional({ enum: LeadSource, enumName: 'LeadSource', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Alias(LEAD_SOURCE_ALIASES)
  @IsEnum(LeadSource, oneOf('lead_source', LeadSource))
  lead_source?: LeadSource | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Expected close date' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601(DATE_ONLY, { message: 'closed_on must be a date (YYYY-MM-DD)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'closed_on must be a date (YYYY-MM-DD)' })
  closed_on?: string | null;

  @CalendarDate({ description: 'Django-CRM’s name for `closed_on`, taken when `closed_on` is not sent' })
  due_date?: string | null;

  @OptionalText(10000, 'Three-year renewal with an upsell to the premium plan')
  description?: string;

  @IdList('Contact ids the caller may see')
  contacts?: string[];

  @IdList('Django-CRM’s name for `contacts` (contact ids), taken when `contacts` is not sent')
  contact_name?: string[];

  @IdList('User ids of active members of the organization')
  assigned_to?: string[];

  @IdList('Team ids of the organization')
  teams?: string[];

  @TagList()
  tags?: string[];
}

export class UpdateOpportunityDto extends PartialType(CreateOpportunityDto) {}

/** The filters of the list and the pipeline. */
export class OpportunityFiltersDto {
  @TextFilter('Part of the name, any case')
  name?: string;

  @IdFilter('Opportunities of this account')
  account?: string;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string', enum: Object.values(OpportunityStage) },
    maxItems: 9,
    description: 'Repeat or comma-separate for several stages',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((stage) => stage.trim()) : value))
  @IsArray()
  @ArrayMaxSize(9)
  @IsEnum(OpportunityStage, { each: true, ...oneOf('stage', OpportunityStage) })
  stage?: OpportunityStage[];

  @ApiPropertyOptional({ enum: LeadSource, enumName: 'LeadSource' })
  @IsOptional()
  @IsEnum(LeadSource, oneOf('lead_source', LeadSource))
  lead_source?: LeadSource;

  @IdFilter('Opportunities assigned to this user')
  assigned_to?: string;

  @TagsFilter()
  tags?: string[];

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Expected close on or after this date' })
  @IsOptional()
  @IsISO8601(DATE_ONLY, { message: 'closed_on_from must be a date (YYYY-MM-DD)' })
  closed_on_from?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Expected close on or before this date' })
  @IsOptional()
  @IsISO8601(DATE_ONLY, { message: 'closed_on_to must be a date (YYYY-MM-DD)' })
  closed_on_to?: string;

  @ApiPropertyOptional({ type: String, pattern: MONEY.source, maxLength: 15, description: 'Amount at least this' })
  @IsOptional()
  @Type(() => String)
  @Matches(MONEY, { message: 'amount_min must be an amount like "1000.00"' })
  amount_min?: string;

  @ApiPropertyOptional({ type: String, pattern: MONEY.source, maxLength: 15, description: 'Amount at most this' })
  @IsOptional()
  @Type(() => String)
  @Matches(MONEY, { message: 'amount_max must be an amount like "1000.00"' })
  amount_max?: string;
}

export class ListOpportunitiesQueryDto extends IntersectionType(NamedRecordListQueryDto, OpportunityFiltersDto) {}
