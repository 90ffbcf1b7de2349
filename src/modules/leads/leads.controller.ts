import { TakesMultipart } from '../../common/http/multipart-routes.js';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { IdParam } from '../../common/validation/id-param.js';
import { CreateLeadDto, ListLeadsQueryDto, UpdateLeadDto } from './dto/lead-requests.dto.js';
import { LeadDetailResponseDto, LeadItemDto, LeadListResponseDto } from './dto/lead-responses.dto.js';
import { LeadImportService } from './import/lead-import.service.js';
import { LeadsService } from './leads.service.js';
import { LEAD_IMPORT_BODY, LeadImportJobDto, LeadImportResponseDto } from './dto/lead-import.dto.js';
import { ChangesRecord } from '../../common/records/changes-record.decorator.js';
import { RefusesIdempotencyKey } from '../../common/idempotency/refuses-idempotency-key.decorator.js';
import { RecordForm } from '../comments/record-form.js';
import { LEAD_KIND } from './lead.kind.js';

const VISIBILITY = 'An ADMIN sees every lead; a USER those they created or are assigned to.';

@ApiTags('Leads')
@OrgScoped()
@Controller('leads')
export class LeadsController {
  constructor(
    private readonly leads: LeadsService,
    private readonly imports: LeadImportService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'List leads',
    description: `Open leads (every status but closed and converted) and closed ones, each half paged; converted leads never appear. ${VISIBILITY}`,
  })
  @ApiOkResponse({ type: LeadListResponseDto, description: 'Both halves, counts and side lists' })
  listLeads(@Principal() principal: OrgPrincipal, @Query() query: ListLeadsQueryDto): Promise<LeadListResponseDto> {
    return this.leads.list(principal, query);
  }

  @Post()
  @RecordForm(LEAD_KIND)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Create a lead',
    description: 'With auto_convert (or status converted) it is converted in the same transaction, as by convertLead.',
  })
  @ApiCreatedResponse({ type: LeadItemDto, description: 'The lead, with converted_account when converted' })
  @ApiErrors('OPPORTUNITY_NAME_TAKEN')
  createLead(@Principal() principal: OrgPrincipal, @Body() body: CreateLeadDto): Promise<LeadItemDto> {
    return this.leads.create(principal, body);
  }

  @Post('upload')
  @RefusesIdempotencyKey()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Import leads from a CSV or XLSX file',
    description:
      'Valid rows are imported, invalid ones reported with their row number; e-mails repeated in the file or already ' +
      'in the organization fail. The valid rows are committed together once the whole file has been read: a file ' +
      'that turns out unreadable or too large commits nothing. Files over LEAD_IMPORT_SYNC_BYTES (default 1 MiB) ' +
      'are answered 202 at once and imported in the background: poll GET /api/leads/imports/{id}/. ' +
      'Takes no Idempotency-Key (400): the import may run on beyond the request; a retried import skips the e-mails the first one took.',
  })
  @ApiConsumes('multipart/form-data')
  @TakesMultipart()
  @ApiBody(LEAD_IMPORT_BODY)
  @ApiOkResponse({ type: LeadImportResponseDto, description: 'What was imported and what failed' })
  @ApiAcceptedResponse({ type: LeadImportJobDto, description: 'A large file: importing in the background' })
  @ApiErrors(413, 'IMPORT_TOO_LARGE', 415)
  async uploadLeads(
    @Principal() principal: OrgPrincipal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LeadImportResponseDto | LeadImportJobDto> {
    const outcome = await this.imports.importFromRequest(principal, request);
    if (outcome.kind === 'done') return outcome.result;
    reply.status(HttpStatus.ACCEPTED);
    return outcome.job;
  }

  @Get('imports/:id')
  @ApiOperation({ summary: 'Get a lead import', description: 'Progress and outcome of a background import. Its creator or an ADMIN.' })
  @ApiOkResponse({ type: LeadImportJobDto, description: 'The import' })
  @ApiErrors(404)
  getLeadImport(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<LeadImportJobDto> {
    return this.imports.getJob(principal, id);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a lead', description: `Converted leads stay readable here. ${VISIBILITY}` })
  @ApiOkResponse({ type: LeadDetailResponseDto, description: 'The lead and its related records' })
  @ApiErrors(404)
  getLead(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<LeadDetailResponseDto> {
    return this.leads.get(principal, id);
  }

  @Put(':id')
  @RecordForm(LEAD_KIND)
  @ApiOperation({
    summary: 'Update a lead',
    description: 'Fields left out are kept; lists, when sent, replace. Status converted converts, as convertLead (409 if already converted).',
  })
  @ApiOkResponse({ type: LeadItemDto, description: 'The updated lead' })
  @ApiErrors(404, 'LEAD_ALREADY_CONVERTED', 'OPPORTUNITY_NAME_TAKEN')
  updateLead(@Principal() principal: OrgPrincipal, @IdParam() id: string, @Body() body: UpdateLeadDto): Promise<LeadItemDto> {
    return this.leads.update(principal, id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a lead', description: 'Its creator or an ADMIN only.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors('NOT_CREATOR', 404)
  async deleteLead(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<void> {
    await this.leads.remove(principal, id);
  }

  @Post(':id/convert')
  @ChangesRecord('converted')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Convert a lead to an account',
    description:
      'In one transaction: an account from the lead (name from account_name, else the full name; contact details, address, links copied), a contact for its person when it has an e-mail (the existing one with that e-mail if any), and an opportunity when it has an opportunity_amount. All or nothing.',
  })
  @ApiOkResponse({ type: LeadItemDto, description: 'The converted lead with converted_account and the ids of what was made' })
  @ApiErrors(404, 'LEAD_ALREADY_CONVERTED', 'OPPORTUNITY_NAME_TAKEN')
  convertLead(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<LeadItemDto> {
    return this.leads.convert(principal, id);
  }
}
