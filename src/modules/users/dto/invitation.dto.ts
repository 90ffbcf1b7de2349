import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Role } from '../../../common/auth/role.js';
import { PageOf } from '../../../common/pagination/page.js';
import { AcceptablePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../common/validation/password.js';

/** A pending offer of membership. The answer is the same whether or not the address has an account. */
export class InvitationResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'email' })
  email: string;

  @ApiProperty({ enum: Role, enumName: 'Role', description: 'The role the person gets on accepting' })
  role: Role;

  @ApiProperty({ enum: ['pending'], description: 'Accepted and revoked invitations are not listed' })
  status: 'pending';

  @ApiProperty({ type: String, format: 'date-time' })
  expires_at: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The ADMIN who invited' })
  invited_by: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;
}

export class InvitationPageDto extends PageOf(InvitationResponseDto) {}

export class CreatedInvitationResponseDto extends InvitationResponseDto {
  @ApiPropertyOptional({
    description:
      'Only when no SMTP server is configured and NODE_ENV is not production: the token the person ' +
      'redeems at POST /api/auth/accept-invite/, for the inviting ADMIN to hand over. Otherwise it is only mailed.',
  })
  invite_token?: string;

  @ApiPropertyOptional({ format: 'uri', description: 'The same, as the link the mail would carry (APP_URL)' })
  invite_url?: string;
}

export class AcceptInviteDto {
  @ApiProperty({ description: 'The token from the invitation mail', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token: string;

  @ApiPropertyOptional({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description:
      'Sets the password of a new account for the invited address. Not used when accepting while signed in ' +
      'as the invited account, which an address that already has a verified account must do.',
  })
  @IsOptional()
  @AcceptablePassword()
  password?: string;
}

export class AcceptInviteResponseDto {
  @ApiProperty({ format: 'uuid' })
  user_id: string;

  @ApiProperty({ format: 'email' })
  email: string;

  @ApiProperty({ format: 'uuid', description: 'The organization joined' })
  org_id: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  role: Role;
}
