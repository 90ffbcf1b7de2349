import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { AcceptablePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../common/validation/password.js';
import { Trim } from '../../../common/validation/trim.decorator.js';

export class RegisterDto {
  @ApiProperty({ format: 'email', example: 'ada@example.com', maxLength: 254 })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    example: 'violet kettle marching north',
    description: 'Not only spaces, not the e-mail address, not a common password',
  })
  @AcceptablePassword('email')
  password: string;

  @ApiPropertyOptional({ maxLength: 150, example: 'Ada' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(150)
  first_name?: string;

  @ApiPropertyOptional({ maxLength: 150, example: 'Lovelace' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(150)
  last_name?: string;
}

export class RegisterResponseDto {
  @ApiProperty({ format: 'uuid' })
  user_id: string;

  @ApiProperty({ format: 'email' })
  email: string;
}

export class VerifyEmailDto {
  @ApiProperty({ description: 'The token from the verification mail', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;
}

export class VerificationResendResponseDto {
  @ApiProperty({ description: 'False when the address is already verified or no SMTP server is configured' })
  sent: boolean;
}
