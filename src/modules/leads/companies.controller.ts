import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { IdParam } from '../../common/validation/id-param.js';
import { CompaniesService } from './companies.service.js';
import {
  CompanyListResponseDto,
  CompanyResponseDto,
  CreateCompanyDto,
  ListCompaniesQueryDto,
  UpdateCompanyDto,
} from './dto/company.dto.js';

@ApiTags('Companies')
@OrgScoped()
@Controller('leads')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Get('companies')
  @ApiOperation({ summary: 'List companies', description: 'Companies of the organization, by name.' })
  @ApiOkResponse({ type: CompanyListResponseDto, description: 'One page of companies' })
  listCompanies(@Principal() principal: OrgPrincipal, @Query() query: ListCompaniesQueryDto): Promise<CompanyListResponseDto> {
    return this.companies.list(principal.orgId, query);
  }

  @Post('companies')
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({ summary: 'Create a company', description: 'Names are unique in the organization, ignoring case.' })
  @ApiCreatedResponse({ type: CompanyResponseDto, description: 'The company was created' })
  @ApiErrors('COMPANY_NAME_TAKEN')
  createCompany(@Principal() principal: OrgPrincipal, @Body() body: CreateCompanyDto): Promise<CompanyResponseDto> {
    return this.companies.create(principal, body);
  }

  @Get('company/:id')
  @ApiOperation({ summary: 'Get a company', description: 'A company of the organization.' })
  @ApiOkResponse({ type: CompanyResponseDto, description: 'The company' })
  @ApiErrors(404)
  getCompany(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<CompanyResponseDto> {
    return this.companies.get(principal.orgId, id);
  }

  @Put('company/:id')
  @ApiOperation({ summary: 'Update a company', description: 'Fields left out are kept.' })
  @ApiOkResponse({ type: CompanyResponseDto, description: 'The updated company' })
  @ApiErrors(404, 'COMPANY_NAME_TAKEN')
  updateCompany(
    @Principal() principal: OrgPrincipal,
    @IdParam() id: string,
    @Body() body: UpdateCompanyDto,
  ): Promise<CompanyResponseDto> {
    return this.companies.update(principal, id, body);
  }

  @Delete('company/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a company', description: 'Its creator or an ADMIN only.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors('NOT_CREATOR', 404)
  async deleteCompany(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<void> {
    await this.companies.remove(principal, id);
  }
}
