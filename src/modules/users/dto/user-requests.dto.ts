import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsEnum, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { OptionalFlag, OptionalPhone } from '../../../common/validation/optional-fields.decorators.js';
import { OptionalText } from '../../../common/validation/optional-text.decorator.js';
import { Role } from '../../../common/auth/role.js';
import { PaginationQueryDto } from '../../../common/pagination/pagination-query.dto.js';
import { ToBoolean } from '../../../common/validation/to-boolean.decorator.js';
import { Trim } from '../../../common/validation/trim.decorator.js';
import { TextFilter } from '../../../common/validation/filters.decorator.js';

export class ListUsersQueryDto extends PaginationQueryDto {
  @TextFilter('Part of the e-mail, any case', 254)
  email?: string;

  @ApiPropertyOptional({ enum: Role, enumName: 'Role' })
  @IsOptional()
  @IsEnum(Role, { message: `role must be one of: ${Object.values(Role).join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  is_active?: boolean;
}

export class CreateUserDto {
  /** The mailbox to invite; membership begins when the person redeems the mailed invitation. */
  @ApiProperty({ format: 'email', maxLength: 254 })
  @Trim()
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  @IsEnum(Role, { message: `role must be one of: ${Object.values(Role).join(', ')}` })
  role: Role;

  @ApiPropertyOptional({ maxLength: 150, description: 'Used only if the invitation creates the account' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(150)
  first_name?: string;

  @ApiPropertyOptional({ maxLength: 150, description: 'Used only if the invitation creates the account' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(150)
  last_name?: string;
}

/** What a member may change about themselves in the organization, and an ADMIN about anyone. */
export class ProfileContactDto {
  @OptionalPhone('+1555123456')
  phone?: string;

  @OptionalPhone()
  alternate_phone?: string;

  @OptionalText(255, '1 Main St')
  address_line?: string;

  @OptionalText(255)
  street?: string;

  @OptionalText(255, 'Springfield')
  city?: string;

  @OptionalText(255)
  state?: string;

  @OptionalText(64)
  postcode?: string;

  @OptionalText(255)
  country?: string;
}

export class UpdateUserDto extends ProfileContactDto {
  @ApiPropertyOptional({ enum: Role, enumName: 'Role' })
  @IsOptional()
  @IsEnum(Role, { message: `role must be one of: ${Object.values(Role).join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ description: 'false deactivates the member, true reactivates' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  is_active?: boolean;

  @OptionalFlag('Kept for Django-CRM’s clients; grants nothing beyond the role')
  has_sales_access?: boolean;

  @OptionalFlag('Kept for Django-CRM’s clients; grants nothing beyond the role')
  has_marketing_access?: boolean;
}

/** Django-CRM's `POST /api/user/{id}/status/`. */
export class UserStatusDto {
  @ApiProperty({ enum: ['active', 'inactive'], description: '`inactive` deactivates the member, `active` reactivates' })
  @IsIn(['active', 'inactive'], { message: 'status must be one of: active, inactive' })
  status: 'active' | 'inactive';
}

export class UpdateProfileDto extends ProfileContactDto {
  @ApiPropertyOptional({ maxLength: 150 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(150)
  first_name?: string;

  @ApiPropertyOptional({ maxLength: 150 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(150)
  last_name?: string;
}
