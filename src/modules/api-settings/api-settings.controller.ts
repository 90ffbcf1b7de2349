import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { Role } from '../../common/auth/role.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { PaginationQueryDto } from '../../common/pagination/pagination-query.dto.js';
import { IdParam } from '../../common/validation/id-param.js';
import { ApiSettingsService } from './api-settings.service.js';
import {
  ApiSettingPageDto,
  ApiSettingResponseDto,
  CreateApiSettingDto,
  CreatedApiSettingResponseDto,
  UpdateApiSettingDto,
} from './dto/api-setting.dto.js';

@ApiTags('API settings')
@OrgScoped(Role.ADMIN)
@Controller('api-settings')
export class ApiSettingsController {
  constructor(private readonly settings: ApiSettingsService) {}

  @Get()
  @ApiOperation({ summary: 'List web-form API keys', description: 'ADMIN only. Keys show only their prefix.' })
  @ApiOkResponse({ type: ApiSettingPageDto, description: 'One page of keys' })
  listApiSettings(@Principal() principal: OrgPrincipal, @Query() query: PaginationQueryDto): Promise<ApiSettingPageDto> {
    return this.settings.list(principal.orgId, query);
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Create a web-form API key',
    description: 'ADMIN only. The key is in this answer only (`apikey`); it is stored as a digest.',
  })
  @ApiCreatedResponse({ type: CreatedApiSettingResponseDto, description: 'The key, shown once' })
  createApiSetting(
    @Principal() principal: OrgPrincipal,
    @Body() body: CreateApiSettingDto,
  ): Promise<CreatedApiSettingResponseDto> {
    return this.settings.create(principal, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a web-form API key', description: 'ADMIN only.' })
  @ApiOkResponse({ type: ApiSettingResponseDto, description: 'The key’s settings' })
  @ApiErrors(404)
  getApiSetting(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<ApiSettingResponseDto> {
    return this.settings.get(principal.orgId, id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Update a web-form API key', description: 'ADMIN only. The key itself does not change.' })
  @ApiOkResponse({ type: ApiSettingResponseDto, description: 'The updated settings' })
  @ApiErrors(404)
  updateApiSetting(
    @Principal() principal: OrgPrincipal,
    @IdParam() id: string,
    @Body() body: UpdateApiSettingDto,
  ): Promise<ApiSettingResponseDto> {
    return this.settings.update(principal.orgId, id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke a web-form API key', description: 'ADMIN only. The key stops working at once.' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors(404)
  async revokeApiSetting(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<void> {
    await this.settings.revoke(principal.orgId, id);
  }
}
