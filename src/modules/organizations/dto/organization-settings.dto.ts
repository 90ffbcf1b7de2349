import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsCurrency } from '../../../common/validation/currency.js';

export class OrganizationSettingsDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Acme Corp' })
  name: string;

  @ApiProperty({ example: 'USD', minLength: 3, maxLength: 3, description: 'ISO 4217; new opportunities use it unless they say otherwise' })
  default_currency: string;
}

export class UpdateOrganizationSettingsDto {
  @ApiPropertyOptional({ example: 'EUR', minLength: 3, maxLength: 3, description: 'ISO 4217 code' })
  @IsOptional()
  @IsCurrency()
  default_currency?: string;
}
