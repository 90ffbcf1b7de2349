import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { RelatedId } from '../../../common/validation/related-id.decorator.js';
import { IsBoolean, IsEnum, IsISO8601, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { IdList } from '../../../common/validation/id-list.decorator.js';
import { OptionalText } from '../../../common/validation/optional-text.decorator.js';
import { ToBoolean } from '../../../common/validation/to-boolean.decorator.js';
import { Trim } from '../../../common/validation/trim.decorator.js';
import { CasePriority, CaseStatus, CaseType } from '../case.entity.js';
import { TextFilter, IdFilter } from '../../../common/validation/filters.decorator.js';
import { NamedRecordListQueryDto } from '../../../common/records/record-list-query.dto.js';

const oneOf = (field: string, values: object) => ({
  message: `${field} must be one of: ${Object.values(values).join(', ')}`,
});

export class CreateCaseDto {
  @ApiProperty({ maxLength: 255, example: 'Email Configuration Problem' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name: string;

  @ApiPropertyOptional({ enum: CaseStatus, enumName: 'CaseStatus', default: CaseStatus.NEW })
  @IsOptional()
  @IsEnum(CaseStatus, oneOf('status', CaseStatus))
  status?: CaseStatus;

  @ApiPropertyOptional({ enum: CasePriority, enumName: 'CasePriority', default: CasePriority.NORMAL })
  @IsOptional()
  @IsEnum(CasePriority, oneOf('priority', CasePriority))
  priority?: CasePriority;

  @ApiPropertyOptional({ enum: CaseType, enumName: 'CaseType', nullable: true })
  @IsOptional()
  @IsEnum(CaseType, oneOf('case_type', CaseType))
  case_type?: CaseType | null;

  @OptionalText(10000, 'Users cannot receive mail since Monday')
  description?: string;

  @RelatedId('An account of the organization')
  account?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'Only with status Closed; defaults to now when a case is closed',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'closed_on must be an ISO-8601 date-time' })
  closed_on?: string | null;

  @IdList('Contact ids of the organization')
  contacts?: string[];

  @IdList('User ids of active members of the organization')
  assigned_to?: string[];

  @IdList('Team ids of the organization')
  teams?: string[];
}

export class UpdateCaseDto extends PartialType(CreateCaseDto) {}

export class ListCasesQueryDto extends NamedRecordListQueryDto {
  @TextFilter('Part of the name, any case')
  name?: string;

  @ApiPropertyOptional({ enum: CaseStatus, enumName: 'CaseStatus' })
  @IsOptional()
  @IsEnum(CaseStatus, oneOf('status', CaseStatus))
  status?: CaseStatus;

  @ApiPropertyOptional({ enum: CasePriority, enumName: 'CasePriority' })
  @IsOptional()
  @IsEnum(CasePriority, oneOf('priority', CasePriority))
  priority?: CasePriority;

  @ApiPropertyOptional({ enum: CaseType, enumName: 'CaseType' })
  @IsOptional()
  @IsEnum(CaseType, oneOf('case_type', CaseType))
  case_type?: CaseType;

  @IdFilter('Cases assigned to this user')
  assigned_to?: string;

  @IdFilter('Cases of this account')
  account?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: only Closed cases; false: only open ones' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  closed?: boolean;
}
