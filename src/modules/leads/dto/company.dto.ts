import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUrl, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import { PaginationQueryDto } from '../../../common/pagination/pagination-query.dto.js';
import { OptionalText } from '../../../common/validation/optional-text.decorator.js';
import { Trim } from '../../../common/validation/trim.decorator.js';
import { TextFilter } from '../../../common/validation/filters.decorator.js';

export class CreateCompanyDto {
  /** Unique in the organization, ignoring case. */
  @ApiProperty({ maxLength: 255, example: 'New Tech Startup' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name: string;

  @OptionalText(255, 'Software')
  industry?: string;

  @ApiPropertyOptional({ format: 'uri', example: 'https://newtechstartup.com' })
  @IsOptional()
  @Trim()
  @ValidateIf((_, value) => value !== '' && value !== null)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'website must be an http(s) URL' })
  @MaxLength(2048)
  website?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'A lead of the organization' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all')
  created_from_lead?: string | null;
}

export class UpdateCompanyDto extends PartialType(CreateCompanyDto) {}

export class ListCompaniesQueryDto extends PaginationQueryDto {
  @TextFilter('Part of the name, any case')
  name?: string;
}

export class CompanyResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Tech Corp' })
  name: string;

  @ApiProperty({ example: 'Technology' })
  industry: string;

  @ApiProperty({ example: 'https://techcorp.com' })
  website: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  created_from_lead: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  created_by: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;
}

export class CompanyListResponseDto {
  @ApiProperty({ type: [CompanyResponseDto], description: 'One page, by name' })
  companies: CompanyResponseDto[];

  @ApiProperty({ description: 'Companies matching the filter, over all pages' })
  count: number;
}
