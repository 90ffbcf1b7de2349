import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { IdParam } from '../../common/validation/id-param.js';
import {
  CreateOpportunityDto,
  ListOpportunitiesQueryDto,
  OpportunityFiltersDto,
  UpdateOpportunityDto,
} from './dto/opportunity-requests.dto.js';
import {
  OpportunityDetailResponseDto,
  OpportunityItemDto,
  OpportunityPageDto,
  PipelineResponseDto,
} from './dto/opportunity-responses.dto.js';
import { OpportunitiesService } from './opportunities.service.js';
import { RecordForm } from '../comments/record-form.js';
import { OPPORTUNITY_KIND } from './opportunity.kind.js';

const VISIBILITY = 'An ADMIN sees every opportunity; a USER those they created or are assigned to.';

@ApiTags('Opportunities')
@OrgScoped()
@Controller('opportunities')
export class OpportunitiesController {
  constructor(private readonly opportunities: OpportunitiesService) {}

  @Get()
  @ApiOperation({ summary: 'List opportunities', description: `Newest first, paged, with links that keep the filters. ${VISIBILITY}` })
  @ApiOkResponse({ type: OpportunityPageDto, description: 'One page of opportunities' })
  listOpportunities(@Principal() principal: OrgPrincipal, @Query() query: ListOpportunitiesQueryDto): Promise<OpportunityPageDto> {
    return this.opportunities.list(principal, query);
  }

  @Post()
  @RecordForm(OPPORTUNITY_KIND)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Create an opportunity',
    description: 'Currency defaults to the organization’s, probability to the stage’s (docs/contract-additions.md).',
  })
  @ApiCreatedResponse({ type: OpportunityItemDto, description: 'The opportunity' })
  @ApiErrors('OPPORTUNITY_NAME_TAKEN')
  createOpportunity(@Principal() principal: OrgPrincipal, @Body() body: CreateOpportunityDto): Promise<OpportunityItemDto> {
    return this.opportunities.create(principal, body);
  }

  @Get('pipeline')
  @ApiOperation({
    summary: 'Get the pipeline summary',
    description: `Per stage and currency: count, amount total and weighted total (amount x probability), with the list's filters. ${VISIBILITY}`,
  })
  @ApiOkResponse({ type: PipelineResponseDto, description: 'The pipeline' })
  getOpportunityPipeline(@Principal() principal: OrgPrincipal, @Query() query: OpportunityFiltersDto): Promise<PipelineResponseDto> {
    return this.opportunities.pipeline(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an opportunity', description: `With its comments and attachments. ${VISIBILITY}` })
  @ApiOkResponse({ type: OpportunityDetailResponseDto, description: 'The opportunity' })
  @ApiErrors(404)
  getOpportunity(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<OpportunityDetailResponseDto> {
    return this.opportunities.get(principal, id);
  }

  @Put(':id')
  @RecordForm(OPPORTUNITY_KIND)
  @ApiOperation({
    summary: 'Update an opportunity',
    description: 'Fields left out are kept; lists, when sent, replace. Moving to CLOSED WON or CLOSED LOST records closed_by and closed_at; reopening clears them.',
  })
  @ApiOkResponse({ type: OpportunityItemDto, description: 'The updated opportunity' })
  @ApiErrors(404, 'OPPORTUNITY_NAME_TAKEN')
  updateOpportunity(
    @Principal() principal: OrgPrincipal,
    @IdParam() id: string,
    @Body() body: UpdateOpportunityDto,
  ): Promise<OpportunityItemDto> {
    return this.opportunities.update(principal, id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete an opportunity', description: 'Its creator or an ADMIN only; comments and files go with it.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors('NOT_CREATOR', 404)
  async deleteOpportunity(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<void> {
    await this.opportunities.remove(principal, id);
  }
}
