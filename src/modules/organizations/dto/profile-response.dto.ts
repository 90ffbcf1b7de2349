import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../../common/auth/role.js';

export class OrganizationRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

/** A person as seen inside one organization; `id` is the user id. */
export class ProfileResponseDto {
  @ApiProperty({ format: 'uuid', description: 'The user id' })
  id: string;

  @ApiProperty({ format: 'email' })
  email: string;

  @ApiProperty()
  first_name: string;

  @ApiProperty()
  last_name: string;

  @ApiProperty({ enum: Role, enumName: 'Role' })
  role: Role;

  @ApiProperty()
  is_active: boolean;

  @ApiProperty({ type: OrganizationRefDto })
  organization: OrganizationRefDto;

  @ApiProperty({ type: String, format: 'date-time', description: 'When the person joined the organization' })
  created_on: string;
}
