import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../../common/validation/trim.decorator.js';

export class CreateOrganizationDto {
  /** Unique among the caller's organizations (case-insensitive). */
  @ApiProperty({ example: 'Acme Corp', maxLength: 255 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name: string;
}
