import { ApiProperty, PickType } from '@nestjs/swagger';
import { UserResponseDto } from '../../users/dto/user-response.dto.js';
import { Role } from '../../../common/auth/role.js';
import { OrganizationRefDto } from './profile-response.dto.js';

export class OrganizationResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Acme Corp' })
  name: string;

  @ApiProperty({ enum: Role, enumName: 'Role', description: "The caller's role in this organization" })
  role: Role;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;
}

/** Django-CRM's shape of a membership, as its clients read `profile_org_list`. */
export class ProfileOrganizationDto {
  @ApiProperty({ enum: Role, enumName: 'Role', description: "The caller's role in this organization" })
  role: Role;

  @ApiProperty({ type: OrganizationRefDto })
  org: OrganizationRefDto;
}

export class OrganizationListResponseDto {
  @ApiProperty({ type: [OrganizationResponseDto] })
  organizations: OrganizationResponseDto[];

  @ApiProperty({ type: [ProfileOrganizationDto], description: 'The same organizations in the shape Django-CRM answers' })
  profile_org_list: ProfileOrganizationDto[];
}

/** The signed-in person, wherever they act. */
export class MeResponseDto extends PickType(UserResponseDto, ['id', 'email', 'first_name', 'last_name'] as const) {
  @ApiProperty({ description: 'Whether the person proved they read this mailbox' })
  email_verified: boolean;

  @ApiProperty({ type: [OrganizationResponseDto], description: 'Every organization where the person has an active profile, by name' })
  organizations: OrganizationResponseDto[];

  @ApiProperty({ type: [ProfileOrganizationDto], description: 'The same organizations in the shape Django-CRM answers' })
  profile_org_list: ProfileOrganizationDto[];
}
