import type { EmbeddedRows } from '../../common/database/embedded-rows.js';
import { Injectable } from '@nestjs/common';
import { NAME_SORT } from '../../common/records/keyset-pages.js';
import { OnEvent } from '@nestjs/event-emitter';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { sqlLiterals } from '../../common/database/sql-literal.js';
import { withStatementText } from '../../common/database/statement-texts.js';
import { PipelineTotal } from './pipeline-total.entity.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Role } from '../../common/auth/role.js';
import { filtersNothing } from '../../common/pagination/pagination-query.dto.js';
import { containsPattern } from '../../common/database/like.js';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { ConflictError } from '../../common/errors/app-error.js';
import type { CursorPage } from '../../common/pagination/page.js';
import { RecordKind, type RecordKindService } from '../../common/records/record-kind.decorator.js';
import { type RecordStore, RecordStores, type TagNames } from '../../common/records/record-store.js';
import { RecordUseCases } from '../../common/records/record-use-cases.js';
import { ACCOUNT_RELATED, type AccountRelatedQuery, type AccountRelatedRows } from '../accounts/account-related.js';
// Its list on the account detail, documented where the list is made.
import './dto/account-opportunity.dto.js';
import { CommentsService } from '../comments/comments.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { TagsService } from '../tags/tags.service.js';
import type {
  CreateOpportunityDto,
  ListOpportunitiesQueryDto,
  OpportunityFiltersDto,
  UpdateOpportunityDto,
} from './dto/opportunity-requests.dto.js';
import type {
  OpportunityDetailResponseDto,
  OpportunityItemDto,
  PipelineResponseDto,
} from './dto/opportunity-responses.dto.js';
import { closure, DEFAULT_PROBABILITY, OpportunityStage } from './opportunity-stage.js';
import { Opportunity } from './opportunity.entity.js';
import { OPPORTUNITY_KIND } from './opportunity.kind.js';
import { type OpportunityLinks, toAccountOpportunity, toOpportunityColumns, toOpportunityItem, OPPORTUNITY_LINKS, withReferenceNames } from './opportunity.mapper.js';

const nameTaken = () =>
  new ConflictError('OPPORTUNITY_NAME_TAKEN', 'An opportunity with this name already exists', {
    name: ['is already used by another opportunity in this organization'],
  });

const STAGE_ORDER = Object.values(OpportunityStage);

type PipelineRow = { stage: OpportunityStage; currency: string; count: number; amount_total: string; weighted_total: string };

@RecordKind(OPPORTUNITY_KIND)
@Injectable()
export class OpportunitiesService extends RecordUseCases<Opportunity, OpportunityItemDto, typeof OPPORTUNITY_LINKS, CreateOpportunityDto, UpdateOpportunityDto, TagNames> implements RecordKindService {
  protected readonly store: RecordStore<Opportunity, typeof OPPORTUNITY_LINKS>;

  constructor(
    stores: RecordStores,
    @InjectDb() private readonly db: Db,
    private readonly organizations: OrganizationsService,
    private readonly tags: TagsService,
    private readonly comments: CommentsService,
  ) {
    super();
    this.store = stores.for({
      kind: OPPORTUNITY_KIND,
      entity: Opportunity,
      alias: 'opportunity',
      sorts: NAME_SORT,
      links: OPPORTUNITY_LINKS,
      references: { account: 'account' },
      assignees: 'assigned_to',
      keptTotalsBy: 'stage',
      tags: 'tags',
    });
  }

  override create(principal: OrgPrincipal, dto: CreateOpportunityDto): Promise<OpportunityItemDto> {
    return super.create(principal, withReferenceNames(dto));
  }

  override update(principal: OrgPrincipal, id: string, dto: UpdateOpportunityDto): Promise<OpportunityItemDto> {
    return super.update(principal, id, withReferenceNames(dto));
  }

  /** One query for the page (links included) and one for the count. */
  list(principal: OrgPrincipal, query: ListOpportunitiesQueryDto): Promise<CursorPage<OpportunityItemDto>> {
    return this.listPage(principal, query, this.filtered(principal, query));
  }

  async get(principal: OrgPrincipal, id: string): Promise<OpportunityDetailResponseDto> {
    const item = await this.item(principal, id);
    const { comments, attachments } = await this.comments.listFor(principal.orgId, { kind: OPPORTUNITY_KIND.kind, id });
    return { ...item, comments, attachments };
  }

  /** Creates an opportunity from a lead, in the conversion's transaction (its references already checked). */
  async insertForLead(principal: OrgPrincipal, dto: CreateOpportunityDto, leadId: string): Promise<string> {
    return this.insertFrom(principal, dto, { ...(await this.insertColumns(principal, dto)), leadId });
  }

  protected toItem(row: Opportunity, links: OpportunityLinks): OpportunityItemDto {
    return toOpportunityItem(row, links);
  }

  /** The organization's currency and the stage's probability when not given. */
  protected async insertColumns(principal: OrgPrincipal, dto: CreateOpportunityDto): Promise<object> {
    await this.assertNameFree(principal.orgId, dto.name);
    return {
      ...toOpportunityColumns(dto),
      currency: dto.currency ?? (await this.organizations.defaultCurrency(principal.orgId)),
      probability: dto.probability ?? DEFAULT_PROBABILITY[dto.stage],
      ...closure(dto.stage, null, principal.userId),
    };
  }

  protected async updateColumns(principal: OrgPrincipal, dto: UpdateOpportunityDto, current: Opportunity): Promise<object> {
    if (dto.name !== undefined && dto.name.toLowerCase() !== current.name.toLowerCase()) await this.assertNameFree(principal.orgId, dto.name);
    return { ...toOpportunityColumns(dto), ...closure(dto.stage ?? current.stage, current, principal.userId) };
  }

  protected override async tagIds(orgId: string, names: readonly string[]): Promise<string[]> {
    return (await this.tags.resolve(orgId, names)).map((tag) => tag.id);
  }

  /**
   * Per stage and currency: how many, their total and their weighted total (amount x probability),
   * over what the caller may see with the list's filters, in stage order: one statement. Totals are
   * numeric in SQL, rounded half-up to cents. An ADMIN's unfiltered pipeline (the dashboard's)
   * reads the kept sums (PipelineTotal): a few rows however many opportunities there are. Anything
   * narrower, a USER's own opportunities or a filter, sums the rows it covers.
   */
  async pipeline(principal: OrgPrincipal, filters: OpportunityFiltersDto): Promise<PipelineResponseDto> {
    return { stages: await withStatementText(this.stages(principal, filters)).getRawMany<PipelineRow>() };
  }

  /** The caller's whole pipeline, for the dashboard to embed. */
  pipelineStages(principal: OrgPrincipal): EmbeddedRows<PipelineRow> {
    return { query: this.stages(principal, {}), read: (row) => row as unknown as PipelineRow };
  }

  private stages(principal: OrgPrincipal, filters: OpportunityFiltersDto): SelectQueryBuilder<ObjectLiteral> {
    const builder = principal.role === Role.ADMIN && filtersNothing(filters) ? this.keptPipeline(principal.orgId) : this.summedPipeline(principal, filters);
    return builder.orderBy(`array_position(ARRAY[${sqlLiterals(STAGE_ORDER)}]::text[], stage::text)`).addOrderBy('currency');
  }

  private keptPipeline(orgId: string): SelectQueryBuilder<ObjectLiteral> {
    return this.db.tx
      .getRepository(PipelineTotal)
      .createQueryBuilder('kept')
      .select('kept.stage', 'stage')
      .addSelect('kept.currency', 'currency')
      .addSelect('sum(kept.count)::int', 'count')
      .addSelect('round(sum(kept.amount), 2)::text', 'amount_total')
      .addSelect('round(sum(kept.weighted), 2)::text', 'weighted_total')
      .where('kept.orgId = :orgId', { orgId })
      .groupBy('kept.stage')
      .addGroupBy('kept.currency')
      .having('sum(kept.count) <> 0');
  }

  private summedPipeline(principal: OrgPrincipal, filters: OpportunityFiltersDto): SelectQueryBuilder<ObjectLiteral> {
    return this.filtered(principal, filters)
      .select('opportunity.stage', 'stage')
      .addSelect('opportunity.currency', 'currency')
      .addSelect('count(*)::int', 'count')
      .addSelect('round(coalesce(sum(opportunity.amount), 0), 2)::text', 'amount_total')
      .addSelect('round(coalesce(sum(opportunity.amount * opportunity.probability / 100.0), 0), 2)::text', 'weighted_total')
      .groupBy('opportunity.stage')
      .addGroupBy('opportunity.currency') as SelectQueryBuilder<ObjectLiteral>;
  }

  /** The account's opportunities the caller may see, newest first, for the account detail. */
  @OnEvent(ACCOUNT_RELATED)
  ofAccount({ principal, accountId }: AccountRelatedQuery): Pick<AccountRelatedRows, 'opportunities'> {
    const builder = this.store.visible(principal).andWhere(`opportunity.accountId = ${accountId}`);
    const columns = ['id', 'name', 'stage', 'amount', 'currency', 'probability', 'closedOn', 'createdOn'] as const;
    return { opportunities: this.store.newestEmbedded(builder, columns, toAccountOpportunity) };
  }

  recent(principal: OrgPrincipal, limit: number): EmbeddedRows<OpportunityItemDto> {
    return this.newest(principal, limit);
  }

  protected override filtered(principal: OrgPrincipal, query: OpportunityFiltersDto): SelectQueryBuilder<Opportunity> {
    const builder = this.store.visible(principal);
    if (query.name) builder.andWhere('opportunity.name ILIKE :name', { name: containsPattern(query.name) });
    if (query.account) builder.andWhere('opportunity.accountId = :account', { account: query.account });
    if (query.stage?.length) builder.andWhere('opportunity.stage IN (:...stages)', { stages: query.stage });
    if (query.lead_source) builder.andWhere('opportunity.leadSource = :leadSource', { leadSource: query.lead_source });
    if (query.assigned_to) this.store.whereLinked(builder, 'assigned_to', query.assigned_to);
    if (query.tags?.length) this.store.whereTagged(builder, query.tags);
    if (query.closed_on_from) builder.andWhere('opportunity.closedOn >= :closedFrom', { closedFrom: query.closed_on_from });
    if (query.closed_on_to) builder.andWhere('opportunity.closedOn <= :closedTo', { closedTo: query.closed_on_to });
    if (query.amount_min) builder.andWhere('opportunity.amount >= :amountMin', { amountMin: query.amount_min });
    if (query.amount_max) builder.andWhere('opportunity.amount <= :amountMax', { amountMax: query.amount_max });
    return builder;
  }

  /** Names are unique in the organization ignoring case; the lock makes concurrent creates wait. */
  private async assertNameFree(orgId: string, name: string): Promise<void> {
    await this.db.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`opportunity:${orgId}:${name.toLowerCase()}`]);
    const taken = await this.db.tx
      .getRepository(Opportunity)
      .createQueryBuilder('opportunity')
      .where('opportunity.orgId = :orgId AND lower(opportunity.name) = lower(:name)', { orgId, name })
      .getExists();
    if (taken) throw nameTaken();
  }
}
