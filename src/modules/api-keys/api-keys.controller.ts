import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { Role } from '../../common/auth/role.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { PaginationQueryDto } from '../../common/pagination/pagination-query.dto.js';
import { IdParam } from '../../common/validation/id-param.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKeyPageDto, ApiKeyResponseDto, CreateApiKeyDto, CreatedApiKeyResponseDto, RotateApiKeyDto } from './dto/api-key.dto.js';

const WHO = 'ADMIN only, signed in as a member: an API key cannot manage keys.';

@ApiTags('API keys')
@OrgScoped(Role.ADMIN)
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: 'List server API keys', description: `Newest first, revoked ones included; never their secrets. ${WHO}` })
  @ApiOkResponse({ type: ApiKeyPageDto, description: 'One page of keys' })
  listApiKeys(@Principal() principal: OrgPrincipal, @Query() query: PaginationQueryDto): Promise<ApiKeyPageDto> {
    return this.keys.list(principal.orgId, query);
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create a server API key', description: `The secret is in this answer only; it is stored as a digest. ${WHO}` })
  @ApiCreatedResponse({ type: CreatedApiKeyResponseDto, description: 'The key and its secret, shown once' })
  createApiKey(@Principal() principal: OrgPrincipal, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyResponseDto> {
    return this.keys.create(principal, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a server API key', description: WHO })
  @ApiOkResponse({ type: ApiKeyResponseDto, description: 'The key' })
  @ApiErrors(404)
  getApiKey(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<ApiKeyResponseDto> {
    return this.keys.get(principal.orgId, id);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke a server API key', description: `It answers 401 API_KEY_REVOKED from the next request on; the key stays listed, with revoked_at. ${WHO}` })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors(404)
  async revokeApiKey(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<void> {
    await this.keys.revoke(principal.orgId, id);
  }

  @Post(':id/rotate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Rotate a server API key',
    description: `A new secret, shown once; the replaced one keeps working for overlap_seconds (default a day), then answers 401. A revoked key is 404. ${WHO}`,
  })
  @ApiOkResponse({ type: CreatedApiKeyResponseDto, description: 'The key and its new secret, shown once' })
  @ApiErrors(404)
  rotateApiKey(@Principal() principal: OrgPrincipal, @IdParam() id: string, @Body() body: RotateApiKeyDto): Promise<CreatedApiKeyResponseDto> {
    return this.keys.rotate(principal.orgId, id, body);
  }
}
