import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { Role } from '../../common/auth/role.js';
import { OrganizationSettingsDto, UpdateOrganizationSettingsDto } from './dto/organization-settings.dto.js';
import { OrganizationsService } from './organizations.service.js';

@ApiTags('Organizations')
@Controller('org/settings')
export class OrganizationSettingsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @OrgScoped()
  @ApiOperation({ summary: 'Get the organization’s settings', description: 'Every member may read them.' })
  @ApiOkResponse({ type: OrganizationSettingsDto, description: 'The settings' })
  getOrganizationSettings(@Principal() principal: OrgPrincipal): Promise<OrganizationSettingsDto> {
    return this.organizations.settings(principal.orgId);
  }

  @Put()
  @OrgScoped(Role.ADMIN)
  @ApiOperation({ summary: 'Change the organization’s settings', description: 'ADMIN only. Fields left out are kept.' })
  @ApiOkResponse({ type: OrganizationSettingsDto, description: 'The updated settings' })
  updateOrganizationSettings(
    @Principal() principal: OrgPrincipal,
    @Body() body: UpdateOrganizationSettingsDto,
  ): Promise<OrganizationSettingsDto> {
    return this.organizations.updateSettings(principal.orgId, body);
  }
}
