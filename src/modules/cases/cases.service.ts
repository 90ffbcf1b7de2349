import { Injectable } from '@nestjs/common';
import { NAME_SORT } from '../../common/records/keyset-pages.js';
import { OnEvent } from '@nestjs/event-emitter';
import type { SelectQueryBuilder } from 'typeorm';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import type { EmbeddedRows } from '../../common/database/embedded-rows.js';
import { containsPattern } from '../../common/database/like.js';
import type { CursorPage } from '../../common/pagination/page.js';
import { RecordKind, type RecordKindService } from '../../common/records/record-kind.decorator.js';
import { type RecordStore, RecordStores } from '../../common/records/record-store.js';
import { RecordUseCases } from '../../common/records/record-use-cases.js';
import { ACCOUNT_RELATED, type AccountRelatedQuery, type AccountRelatedRows } from '../accounts/account-related.js';
// Its list on the account detail, documented where the list is made.
import './dto/account-case.dto.js';
import { CommentsService } from '../comments/comments.service.js';
import type { TeamRefDto } from '../teams/dto/team.dto.js';
import { TeamsService } from '../teams/teams.service.js';
import { MembersService } from '../users/members.service.js';
import { CASE_KIND } from './case.kind.js';
import { resolveClosedOn } from './case-workflow.js';
import { type CaseLinks, toAccountCase, toCaseColumns, toCaseItem, CASE_LINKS } from './case.mapper.js';
import { Case, CaseStatus } from './case.entity.js';
import type { CreateCaseDto, ListCasesQueryDto, UpdateCaseDto } from './dto/case-requests.dto.js';
import type { CaseDetailResponseDto, CaseItemDto } from './dto/case-responses.dto.js';

@RecordKind(CASE_KIND)
@Injectable()
export class CasesService extends RecordUseCases<Case, CaseItemDto, typeof CASE_LINKS, CreateCaseDto, UpdateCaseDto> implements RecordKindService {
  protected readonly store: RecordStore<Case, typeof CASE_LINKS>;

  constructor(
    stores: RecordStores,
    private readonly members: MembersService,
    private readonly teams: TeamsService,
    private readonly comments: CommentsService,
  ) {
    super();
    // `case` is an SQL keyword, so the alias is `kase`.
    this.store = stores.for({
      kind: CASE_KIND,
      entity: Case,
      alias: 'kase',
      sorts: NAME_SORT,
      links: CASE_LINKS,
      references: { account: 'account' },
      assignees: 'assigned_to',
      keptTotalsBy: 'status',
    });
  }

  /** One query for the page (links included) and one for the count. */
  list(principal: OrgPrincipal, query: ListCasesQueryDto): Promise<CursorPage<CaseItemDto>> {
    return this.listPage(principal, query, this.filtered(principal, query));
  }

  /** Three statements: the case with its teams; assignees and members to mention; comments and files. */
  async get(principal: OrgPrincipal, id: string): Promise<CaseDetailResponseDto> {
    const [row, links, { teams }] = await this.store.detail<object, { teams: EmbeddedRows<TeamRefDto> }>(principal, id, {
      teams: this.teams.refsEmbedded(principal.orgId, this.store.linkedIds('teams')),
    });
    const item = toCaseItem(row, links);
    const [{ assigned: assignedTo, mentions }, related] = await Promise.all([
      this.members.forDetail(principal.orgId, item.assigned_to),
      this.comments.listFor(principal.orgId, { kind: CASE_KIND.kind, id }),
    ]);
    const { assigned_to: _a, teams: _t, ...fields } = item;
    return {
      case_obj: fields,
      assigned_to: assignedTo,
      teams: teams.results,
      comments: related.comments,
      attachments: related.attachments,
      users_mention: mentions.results,
      users_mention_count: mentions.count,
    };
  }

  protected toItem(row: Case, links: CaseLinks): CaseItemDto {
    return toCaseItem(row, links);
  }

  protected insertColumns(_principal: OrgPrincipal, dto: CreateCaseDto): object {
    const status = dto.status ?? CaseStatus.NEW;
    return { ...toCaseColumns(dto), status, closedOn: resolveClosedOn(status, dto.closed_on, null) };
  }

  protected updateColumns(_principal: OrgPrincipal, dto: UpdateCaseDto, current: Case): object {
    return { ...toCaseColumns(dto), closedOn: resolveClosedOn(dto.status ?? current.status, dto.closed_on, current.closedOn) };
  }

  /** The account's cases the caller may see, newest first, for the account detail. */
  @OnEvent(ACCOUNT_RELATED)
  casesOfAccount({ principal, accountId }: AccountRelatedQuery): Pick<AccountRelatedRows, 'cases'> {
    const builder = this.store.visible(principal).andWhere(`kase.accountId = ${accountId}`);
    const columns = ['id', 'name', 'status', 'priority', 'caseType', 'createdOn', 'closedOn'] as const;
    return { cases: this.store.newestEmbedded(builder, columns, toAccountCase) };
  }

  protected override filtered(principal: OrgPrincipal, query: ListCasesQueryDto): SelectQueryBuilder<Case> {
    const builder = this.store.visible(principal);
    if (query.name) builder.andWhere('kase.name ILIKE :name', { name: containsPattern(query.name) });
    if (query.status) builder.andWhere('kase.status = :status', { status: query.status });
    if (query.priority) builder.andWhere('kase.priority = :priority', { priority: query.priority });
    if (query.case_type) builder.andWhere('kase.caseType = :caseType', { caseType: query.case_type });
    if (query.account) builder.andWhere('kase.accountId = :account', { account: query.account });
    if (query.closed !== undefined) {
      builder.andWhere(query.closed ? 'kase.status = :closed' : 'kase.status <> :closed', { closed: CaseStatus.CLOSED });
    }
    if (query.assigned_to) this.store.whereLinked(builder, 'assigned_to', query.assigned_to);
    return builder;
  }
}
