import { Body, Controller, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../common/auth/access.decorators.js';
import { API_KEY_HEADER_SCHEME, API_KEY_SCHEME } from '../../common/openapi/security-schemes.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { Throttle } from '../throttling/throttle.guard.js';
import { ApiKeyGuard } from './api-key.guard.js';
import { SiteLeadDto } from './dto/lead-requests.dto.js';
import { LeadItemDto } from './dto/lead-responses.dto.js';
import { LeadsService } from './leads.service.js';

@ApiTags('Leads')
@Controller('leads')
export class SiteLeadsController {
  constructor(private readonly leads: LeadsService) {}

  @Post('create-from-site')
  @Public()
  @Throttle('ip')
  @UseGuards(ApiKeyGuard)
  @HttpCode(HttpStatus.CREATED)
  @ApiSecurity(API_KEY_HEADER_SCHEME)
  @ApiSecurity(API_KEY_SCHEME)
  @ApiOperation({
    summary: 'Create a lead from a website form',
    description:
      'No bearer token: the key from /api/api-settings/ in the `X-API-Key` header (or `?apikey=`, as the reference sends it). The lead goes to the key’s organization with its assignees and tags; source defaults to Website Form. Rate limited per key.',
  })
  @ApiCreatedResponse({ type: LeadItemDto, description: 'The lead was created' })
  @ApiErrors(400, 'INVALID_API_KEY')
  createLeadFromSite(@Req() request: FastifyRequest, @Body() body: SiteLeadDto): Promise<LeadItemDto> {
    return this.leads.createFromSite(request.keyGrant!, body);
  }
}
