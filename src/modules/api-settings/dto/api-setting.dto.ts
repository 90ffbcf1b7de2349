import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength, ValidateIf } from 'class-validator';
import { PageOf } from '../../../common/pagination/page.js';
import { IdList } from '../../../common/validation/id-list.decorator.js';
import { TagList } from '../../../common/validation/tag-list.decorator.js';
import { Trim } from '../../../common/validation/trim.decorator.js';

export class CreateApiSettingDto {
  @ApiProperty({ maxLength: 255, example: 'Contact form on acme.com' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  title: string;

  @ApiPropertyOptional({ format: 'uri', example: 'https://acme.com' })
  @IsOptional()
  @Trim()
  @ValidateIf((_, value) => value !== '' && value !== null)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'website must be an http(s) URL' })
  @MaxLength(2048)
  website?: string;

  @IdList('Members every lead from this key is assigned to')
  lead_assigned_to?: string[];

  @TagList()
  tags?: string[];
}

export class UpdateApiSettingDto extends PartialType(CreateApiSettingDto) {}

export class ApiSettingResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty()
  website: string;

  @ApiProperty({ example: 'crm_Yk3J9x', description: 'The start of the key, to recognise it; the key itself is never shown again' })
  key_prefix: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  lead_assigned_to: string[];

  @ApiProperty({ type: [String] })
  tags: string[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Set once the key is revoked' })
  revoked_at: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  created_by: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;
}

export class CreatedApiSettingResponseDto extends ApiSettingResponseDto {
  @ApiProperty({ description: 'The key, shown this once: use it as ?apikey= on POST /api/leads/create-from-site/' })
  apikey: string;
}

export class ApiSettingPageDto extends PageOf(ApiSettingResponseDto) {}
