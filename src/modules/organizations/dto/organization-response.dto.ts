import { ApiProperty } from '@nestjs/swagger';
import { Role } from '../../../common/auth/role.js';

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

export class OrganizationListResponseDto {
  @ApiProperty({ type: [OrganizationResponseDto] })
  organizations: OrganizationResponseDto[];
}
