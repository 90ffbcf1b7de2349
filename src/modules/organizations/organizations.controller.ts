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
  @ApiOperation({ summary: "List the caller's organizations with the caller's role in each" })
  @ApiOkResponse({ type: OrganizationListResponseDto })
  async listOrganizations(@Principal() principal: UserPrincipal): Promise<OrganizationListResponseDto> {
    return { organizations: await this.organizations.listForUser(principal.userId) };
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create an organization; the caller becomes its ADMIN' })
  @ApiCreatedResponse({ type: OrganizationResponseDto })
  @ApiErrors(400, 409)
  createOrganization(
    @Principal() principal: UserPrincipal,
    @Body() body: CreateOrganizationDto,
  ): Promise<OrganizationResponseDto> {
    return this.organizations.create(principal.userId, body.name);
  }
}
