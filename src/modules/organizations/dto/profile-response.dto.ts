import { ApiProperty } from '@nestjs/swagger';
import { UserResponseDto } from '../../users/dto/user-response.dto.js';

export class OrganizationRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;
}

/** The caller as the directory shows them, plus the organization they are acting in. */
export class ProfileResponseDto extends UserResponseDto {
  @ApiProperty({ type: OrganizationRefDto })
  organization: OrganizationRefDto;
}
