import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../../common/auth/role.js';
import { PageOf } from '../../../common/pagination/page.js';

/** A person as seen inside one organization; `id` is the user id, as everywhere in the API. */
export class UserResponseDto {
  @ApiProperty({ format: 'uuid', description: 'The user id' })
  id: string;

  @ApiProperty({ format: 'email' })
  email: string;

  @ApiProperty({ example: 'Ada' })
  first_name: string;

  @ApiProperty({ example: 'Lovelace' })
  last_name: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  role: Role;

  @ApiProperty({ description: 'An inactive member cannot use the organization or be assigned records' })
  is_active: boolean;

  @ApiProperty({ type: String, format: 'date-time', description: 'When the person joined the organization' })
  created_on: string;

  @ApiProperty({ example: '+1555123456' })
  phone: string;

  @ApiProperty()
  alternate_phone: string;

  @ApiProperty({ example: '1 Main St' })
  address_line: string;

  @ApiProperty()
  street: string;

  @ApiProperty({ example: 'Springfield' })
  city: string;

  @ApiProperty()
  state: string;

  @ApiProperty()
  postcode: string;

  @ApiProperty()
  country: string;

  @ApiProperty({ description: 'Kept for Django-CRM’s clients; grants nothing beyond the role' })
  has_sales_access: boolean;

  @ApiProperty({ description: 'Kept for Django-CRM’s clients; grants nothing beyond the role' })
  has_marketing_access: boolean;
}

export class UserPageDto extends PageOf(UserResponseDto) {}

/** The compact form used in side lists, `users_mention` and team members. */
export class UserRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'email' })
  email: string;

  @ApiProperty({ description: 'First and last name, or the e-mail when both are empty', example: 'Ada Lovelace' })
  name: string;
}
