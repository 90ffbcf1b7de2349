import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../../common/auth/access.decorators.js';
import type { UserPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { CreateOrganizationDto } from './dto/create-organization.dto.js';
import { OrganizationListResponseDto, OrganizationResponseDto } from './dto/organization-response.dto.js';
import { OrganizationsService } from './organizations.service.js';

@ApiTags('Organizations')
@Authenticated()
@Controller('org')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  @ApiOperation({
    summary: "List the caller's organizations",
    description:
      "Every organization where the caller has an active profile, with the caller's role, by name; also as " +
      '`profile_org_list` (`[{role, org: {id, name}}]`), the shape Django-CRM answers.',
  })
  @ApiOkResponse({ type: OrganizationListResponseDto, description: "The caller's organizations" })
  listOrganizations(@Principal() principal: UserPrincipal): Promise<OrganizationListResponseDto> {
    return this.organizations.listingFor(principal.userId);
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Create an organization',
    description: 'The caller becomes its ADMIN. Names are unique among the caller\'s organizations, ignoring case.',
  })
  @ApiCreatedResponse({ type: OrganizationResponseDto, description: 'The organization was created' })
  @ApiErrors(400, 'ORGANIZATION_NAME_TAKEN')
  createOrganization(
    @Principal() principal: UserPrincipal,
    @Body() body: CreateOrganizationDto,
  ): Promise<OrganizationResponseDto> {
    return this.organizations.create(principal.userId, body.name);
  }
}
