import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
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

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: Role, enumName: 'Role' })
  @IsOptional()
  @IsEnum(Role, { message: `role must be one of: ${Object.values(Role).join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ description: 'false deactivates the member, true reactivates' })
  @IsOptional()
  @IsBoolean()
  is_active?: boolean;
}

export class UpdateProfileDto {
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
