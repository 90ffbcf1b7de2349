import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Put, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { IdParam } from '../../common/validation/id-param.js';
import { CasesService } from './cases.service.js';
import { CreateCaseDto, ListCasesQueryDto, UpdateCaseDto } from './dto/case-requests.dto.js';
import { CaseDetailResponseDto, CaseItemDto, CasePageDto } from './dto/case-responses.dto.js';
import { RecordForm } from '../comments/record-form.js';
import { CASE_KIND } from './case.kind.js';

const VISIBILITY = 'An ADMIN sees every case; a USER those they created or are assigned to.';

@ApiTags('Cases')
@OrgScoped()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  @ApiOperation({
    summary: 'List cases',
    description: `Newest first, paged, with next/previous links that keep the filters. ${VISIBILITY}`,
  })
  @ApiOkResponse({ type: CasePageDto, description: 'One page of cases' })
  listCases(@Principal() principal: OrgPrincipal, @Query() query: ListCasesQueryDto): Promise<CasePageDto> {
    return this.cases.list(principal, query);
  }

  @Post()
  @RecordForm(CASE_KIND)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create a case', description: 'A case created Closed gets closed_on (now by default).' })
  @ApiCreatedResponse({ type: CaseItemDto, description: 'The case was created' })
  createCase(@Principal() principal: OrgPrincipal, @Body() body: CreateCaseDto): Promise<CaseItemDto> {
    return this.cases.create(principal, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a case', description: `The case with its people, teams, comments and files. ${VISIBILITY}` })
  @ApiOkResponse({ type: CaseDetailResponseDto, description: 'The case and its related records' })
  @ApiErrors(404)
  getCase(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<CaseDetailResponseDto> {
    return this.cases.get(principal, id);
  }

  @Put(':id')
  @RecordForm(CASE_KIND)
  @ApiOperation({
    summary: 'Update a case',
    description:
      'Fields left out are kept; lists, when sent, replace. Closing sets closed_on (now unless given); leaving Closed clears it.',
  })
  @ApiOkResponse({ type: CaseItemDto, description: 'The updated case' })
  @ApiErrors(404)
  updateCase(@Principal() principal: OrgPrincipal, @IdParam() id: string, @Body() body: UpdateCaseDto): Promise<CaseItemDto> {
    return this.cases.update(principal, id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a case', description: 'Its creator or an ADMIN only; comments and files go with it.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors('NOT_CREATOR', 404)
  async deleteCase(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<void> {
    await this.cases.remove(principal, id);
  }
}
