import { Injectable } from '@nestjs/common';
import type { Repository } from 'typeorm';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { assertCanDelete } from '../../common/database/visibility.js';
import { isUUID } from 'class-validator';
import { ConflictError, NotFoundError, ValidationFailedError } from '../../common/errors/app-error.js';
import { containsPattern } from '../../common/database/like.js';
import { assertReferences } from '../../common/validation/references.js';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { RecordKinds } from '../../common/records/record-kinds.js';
import { LEAD_KIND } from './lead.kind.js';
import { Company } from './company.entity.js';
import type {
  CompanyListResponseDto,
  CompanyResponseDto,
  CreateCompanyDto,
  ListCompaniesQueryDto,
  UpdateCompanyDto,
} from './dto/company.dto.js';

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
    @InjectDb() private readonly db: Db,
    private readonly kinds: RecordKinds,
  ) {}

  private get companies(): Repository<Company> {
    return this.db.tx.getRepository(Company);
  }

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
    return this.db.withTransaction(async () => {
      await this.checkLead(principal, dto.created_from_lead);
      await this.assertNameFree(principal.orgId, dto.name);
      const company = await this.companies.save({
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
    return this.db.withTransaction(async () => {
      const repository = this.companies;
      const company = await this.load(repository, orgId, id);
      if (dto.created_from_lead !== company.createdFromLead) await this.checkLead(principal, dto.created_from_lead);
      if (dto.name !== undefined && dto.name.toLowerCase() !== company.name.toLowerCase()) {
        await this.assertNameFree(orgId, dto.name);
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

  /**
   * What a lead's `company` names: an id of one of the organization's companies, or a name
   * (ignoring case) of one, created when the organization has none by that name, as Django-CRM's
   * forms and exports name them. Runs in the lead's write, so a refused write creates nothing.
   */
  async idFor(principal: OrgPrincipal, value: string | null | undefined): Promise<string | null | undefined> {
    if (value === undefined || value === null) return value;
    if (isUUID(value, 'all')) {
      if (await this.companies.existsBy({ id: value, orgId: principal.orgId })) return value;
      throw ValidationFailedError.field('company', `unknown in this organization: ${value}`);
    }
    await this.lockName(principal.orgId, value);
    const existing = await this.companies
      .createQueryBuilder('company')
      .select('company.id')
      .where('company.orgId = :orgId AND lower(company.name) = lower(:name)', { orgId: principal.orgId, name: value })
      .getOne();
    if (existing) return existing.id;
    const created = await this.companies.save({ orgId: principal.orgId, createdBy: principal.userId, name: value, industry: '', website: '', createdFromLead: null });
    return created.id;
  }

  /** The lead must be one the caller may see, not only one of the organization. */
  private async checkLead(principal: OrgPrincipal, leadId: string | null | undefined): Promise<void> {
    if (!leadId) return;
    await assertReferences('created_from_lead', [leadId], (ids) => this.kinds.referableIds(LEAD_KIND.kind, principal, ids));
  }

  /** Serialises the writes that take a name, so two cannot both find it free. */
  private async lockName(orgId: string, name: string): Promise<void> {
    await this.db.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`company:${orgId}:${name.toLowerCase()}`]);
  }

  private async assertNameFree(orgId: string, name: string): Promise<void> {
    await this.lockName(orgId, name);
    const taken = await this.companies
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
