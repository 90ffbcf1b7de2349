import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { ProfileResponseDto } from './dto/profile-response.dto.js';
import { ProfilesService } from './profiles.service.js';

@ApiTags('Profile')
@OrgScoped()
@Controller('profile')
export class ProfileController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get()
  @ApiOperation({
    summary: 'Get my profile',
    description: "The caller's profile (user id, names, role) in the organization named by the header.",
  })
  @ApiOkResponse({ type: ProfileResponseDto, description: "The caller's profile" })
  getProfile(@Principal() principal: OrgPrincipal): Promise<ProfileResponseDto> {
    return this.profiles.getOwn(principal);
  }
}
