import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../../common/validation/trim.decorator.js';

export class LoginDto {
  @ApiProperty({ format: 'email', example: 'ada@example.com' })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'violet kettle marching north', maxLength: 128 })
  @IsString()
  @MaxLength(128)
  password: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <access_token>`' })
  access_token: string;

  @ApiProperty({ description: 'Single use: exchange it at /api/auth/refresh-token/ for a new pair' })
  refresh_token: string;
}

export class LoginResponseDto extends TokenPairDto {
  @ApiProperty({ format: 'uuid' })
  user_id: string;
}

/** The new pair under both names: Django-CRM's clients (Simple JWT) read `access` and `refresh`. */
export class RefreshedTokensDto extends TokenPairDto {
  @ApiProperty({ description: 'The same token as `access_token`, under the name Django-CRM answers' })
  access: string;

  @ApiProperty({ description: 'The same token as `refresh_token`, under the name Django-CRM answers' })
  refresh: string;
}
