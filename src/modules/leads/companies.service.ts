import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { assertCanDelete } from '../../common/database/visibility.js';
import { ConflictError, NotFoundError } from '../../common/errors/app-error.js';
import { containsPattern } from '../../common/database/like.js';
import { assertReferences } from '../../common/validation/references.js';
import { whereVisible } from '../../common/database/visibility.js';
import { LEAD_ASSIGNEES } from './leads.service.js';
import { Company } from './company.entity.js';
import type {
  CompanyListResponseDto,
  CompanyResponseDto,
  CreateCompanyDto,
  ListCompaniesQueryDto,
  UpdateCompanyDto,
} from './dto/company.dto.js';
import { Lead } from './lead.entity.js';

const toResponse = (company: Company): CompanyResponseDto => ({
  id: company.id,
  name: company.name,
  industry: company.industry,
  website: company.website,
  created_from_lead: company.createdFromLead,
  created_by: company.createdBy,
  created_on: company.createdOn.toISOString(),
});

const nameTaken = () =>
  new ConflictError('COMPANY_NAME_TAKEN', 'A company with this name already exists', {
    name: ['is already used by another company in this organization'],
  });

@Injectable()
export class CompaniesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Company) private readonly companies: Repository<Company>,
  ) {}

  async list(orgId: string, query: ListCompaniesQueryDto): Promise<CompanyListResponseDto> {
    const builder = this.companies.createQueryBuilder('company').where('company.orgId = :orgId', { orgId });
    if (query.name) builder.andWhere('company.name ILIKE :name', { name: containsPattern(query.name) });
    const [rows, count] = await builder
      .orderBy('lower(company.name)', 'ASC')
      .addOrderBy('company.id', 'ASC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return { companies: rows.map(toResponse), count };
  }

  async get(orgId: string, id: string): Promise<CompanyResponseDto> {
    return toResponse(await this.load(this.companies, orgId, id));
  }

  async create(principal: OrgPrincipal, dto: CreateCompanyDto): Promise<CompanyResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      await this.checkLead(manager, principal, dto.created_from_lead);
      await this.assertNameFree(manager, principal.orgId, dto.name);
      const company = await manager.getRepository(Company).save({
        orgId: principal.orgId,
        createdBy: principal.userId,
        name: dto.name,
        industry: dto.industry ?? '',
        website: dto.website ?? '',
        createdFromLead: dto.created_from_lead ?? null,
      });
      return toResponse(company);
    });
  }

  async update(principal: OrgPrincipal, id: string, dto: UpdateCompanyDto): Promise<CompanyResponseDto> {
    const { orgId } = principal;
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(Company);
      const company = await this.load(repository, orgId, id);
      if (dto.created_from_lead !== company.createdFromLead) await this.checkLead(manager, principal, dto.created_from_lead);
      if (dto.name !== undefined && dto.name.toLowerCase() !== company.name.toLowerCase()) {
        await this.assertNameFree(manager, orgId, dto.name);
      }
      const changes = {
        name: dto.name ?? company.name,
        industry: dto.industry === undefined ? company.industry : (dto.industry ?? ''),
        website: dto.website === undefined ? company.website : (dto.website ?? ''),
        createdFromLead: dto.created_from_lead === undefined ? company.createdFromLead : dto.created_from_lead,
      };
      await repository.update({ id, orgId }, changes);
      return toResponse({ ...company, ...changes });
    });
  }

  async remove(principal: OrgPrincipal, id: string): Promise<void> {
    const company = await this.load(this.companies, principal.orgId, id);
    assertCanDelete(principal, company, 'company');
    await this.companies.delete({ id, orgId: principal.orgId });
  }

  /** The lead must be one the caller may see, not only one of the organization. */
  private async checkLead(manager: EntityManager, principal: OrgPrincipal, leadId: string | null | undefined): Promise<void> {
    if (!leadId) return;
    await assertReferences('created_from_lead', [leadId], async (ids) => {
      const builder = manager
        .getRepository(Lead)
        .createQueryBuilder('lead')
        .select('lead.id')
        .where('lead.orgId = :orgId AND lead.id IN (:...ids)', { orgId: principal.orgId, ids });
      return (await whereVisible(builder, 'lead', LEAD_ASSIGNEES, principal).getMany()).map((lead) => lead.id);
    });
  }

  private async assertNameFree(manager: EntityManager, orgId: string, name: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`company:${orgId}:${name.toLowerCase()}`]);
    const taken = await manager
      .getRepository(Company)
      .createQueryBuilder('company')
      .where('company.orgId = :orgId AND lower(company.name) = lower(:name)', { orgId, name })
      .getExists();
    if (taken) throw nameTaken();
  }

  private async load(repository: Repository<Company>, orgId: string, id: string): Promise<Company> {
    const company = await repository.findOneBy({ id, orgId });
    if (!company) throw new NotFoundError('Company');
    return company;
  }
}
