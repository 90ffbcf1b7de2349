import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { UpdateProfileDto } from '../users/dto/user-requests.dto.js';
import { ProfileResponseDto } from './dto/profile-response.dto.js';
import { OrganizationsService } from './organizations.service.js';

@ApiTags('Profile')
@OrgScoped()
@Controller('profile')
export class ProfileController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOperation({
    summary: 'Get my profile',
    description: "The caller's profile (user id, names, role) in the organization named by the header.",
  })
  @ApiOkResponse({ type: ProfileResponseDto, description: "The caller's profile" })
  getProfile(@Principal() principal: OrgPrincipal): Promise<ProfileResponseDto> {
    return this.organizations.profile(principal);
  }

  @Put()
  @ApiOperation({
    summary: 'Update my names, phones and address',
    description: 'Names belong to the person, in every organization; phones and address to this organization’s profile.',
  })
  @ApiOkResponse({ type: ProfileResponseDto, description: "The caller's updated profile" })
  updateProfile(@Principal() principal: OrgPrincipal, @Body() body: UpdateProfileDto): Promise<ProfileResponseDto> {
    return this.organizations.updateProfile(principal, body);
  }
}
