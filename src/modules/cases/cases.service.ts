import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ACCOUNT_RELATED, type AccountRelated, type AccountRelatedQuery } from '../accounts/account-related.js';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { assertCanDelete } from '../../common/database/visibility.js';
import { NotFoundError } from '../../common/errors/app-error.js';
import { whereLinkedTo } from '../../common/database/link-arrays.js';
import { RecordScope } from '../../common/database/record-scope.js';
import { containsPattern } from '../../common/database/like.js';
import { type LinkTable, replaceLinks } from '../../common/database/links.js';
import { type Page, toPage } from '../../common/pagination/page.js';
import { Assignments, newlyAssigned } from '../../common/events/assignment-events.js';
import { assertReferences } from '../../common/validation/references.js';
import { AccountsService } from '../accounts/accounts.service.js';
import type { AccountCaseDto } from '../accounts/dto/account-responses.dto.js';
import { CommentsService } from '../comments/comments.service.js';
import { ContactsService } from '../contacts/contacts.service.js';
import { TeamsService } from '../teams/teams.service.js';
import { MembersService } from '../users/members.service.js';
import { RecordKind, type RecordKindService } from '../../common/records/record-kind.decorator.js';
import { CASE_KIND } from './case.kind.js';
import { resolveClosedOn } from './case-workflow.js';
import { type CaseLinks, toCaseColumns, toCaseItem } from './case.mapper.js';
import { Case, CaseStatus } from './case.entity.js';
import type { CreateCaseDto, ListCasesQueryDto, UpdateCaseDto } from './dto/case-requests.dto.js';
import type { CaseDetailResponseDto, CaseItemDto } from './dto/case-responses.dto.js';

const LINKS = {
  assigned_to: { table: 'case_assignees', owner: 'case_id', target: 'user_id' },
  teams: { table: 'case_teams', owner: 'case_id', target: 'team_id' },
  contacts: { table: 'case_contacts', owner: 'case_id', target: 'contact_id' },
} satisfies Record<string, LinkTable>;

@RecordKind(CASE_KIND)
@Injectable()
export class CasesService implements RecordKindService {
  // `case` is an SQL keyword, so the alias is `kase`.
  private readonly scope = new RecordScope<Case>({
    entity: Case,
    alias: 'kase',
    name: 'Case',
    assignees: LINKS.assigned_to,
    links: LINKS,
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Case) private readonly cases: Repository<Case>,
    private readonly members: MembersService,
    private readonly teams: TeamsService,
    private readonly contacts: ContactsService,
    private readonly accounts: AccountsService,
    private readonly comments: CommentsService,
    private readonly assignments: Assignments,
  ) {}

  /** One query for the page (links included) and one for the count. */
  async list(principal: OrgPrincipal, query: ListCasesQueryDto): Promise<Page<CaseItemDto>> {
    const filtered = this.filtered(principal, query);
    const page = filtered
      .clone()
      .orderBy('kase.createdOn', 'DESC')
      .addOrderBy('kase.id', 'DESC')
      .offset(query.offset)
      .limit(query.limit);
    const [results, count] = await Promise.all([this.items(page), filtered.getCount()]);
    return toPage('/api/cases/', query, count, results);
  }

  async get(principal: OrgPrincipal, id: string): Promise<CaseDetailResponseDto> {
    const item = await this.item(principal, id);
    const [assignedTo, teams, related, mentions] = await Promise.all([
      this.members.refs(principal.orgId, item.assigned_to),
      this.teams.refs(principal.orgId, item.teams),
      this.comments.listFor(principal.orgId, { kind: CASE_KIND.kind, id }),
      this.members.refs(principal.orgId),
    ]);
    const { assigned_to: _a, teams: _t, ...fields } = item;
    return {
      case_obj: fields,
      assigned_to: assignedTo,
      teams,
      comments: related.comments,
      attachments: related.attachments,
      users_mention: mentions,
    };
  }

  async create(principal: OrgPrincipal, dto: CreateCaseDto): Promise<CaseItemDto> {
    await this.checkReferences(principal, dto);
    const status = dto.status ?? CaseStatus.NEW;
    const closedOn = resolveClosedOn(status, dto.closed_on, null);
    const id = await this.dataSource.transaction(async (manager) => {
      const created = await manager.getRepository(Case).save({
        ...toCaseColumns(dto),
        status,
        closedOn,
        orgId: principal.orgId,
        createdBy: principal.userId,
      });
      await this.writeLinks(manager, created.id, {
        assigned_to: dto.assigned_to ?? [],
        teams: dto.teams ?? [],
        contacts: dto.contacts ?? [],
      });
      return created.id;
    });
    const item = await this.item(principal, id);
    await this.announce(principal, item, [], dto.assigned_to);
    return item;
  }

  /** Tells newly assigned people, after the write has committed. */
  private announce(principal: OrgPrincipal, item: CaseItemDto, before: string[], after: string[] | undefined) {
    return this.assignments.announce({
      orgId: principal.orgId,
      kind: 'case',
      recordId: item.id,
      recordName: item.name,
      userIds: newlyAssigned(before, after, principal.userId),
      assignedBy: principal.userId,
    });
  }

  async update(principal: OrgPrincipal, id: string, dto: UpdateCaseDto): Promise<CaseItemDto> {
    const current = await this.scope.load(this.cases.manager, principal, id);
    const before = await this.item(principal, id);
    await this.checkReferences(principal, dto, before);
    const status = dto.status ?? current.status;
    const closedOn = resolveClosedOn(status, dto.closed_on, current.closedOn);
    await this.dataSource.transaction(async (manager) => {
      await manager.getRepository(Case).update({ id, orgId: principal.orgId }, { ...toCaseColumns(dto), closedOn });
      await this.writeLinks(manager, id, dto);
    });
    const after = await this.item(principal, id);
    await this.announce(principal, after, before.assigned_to, dto.assigned_to);
    return after;
  }

  async remove(principal: OrgPrincipal, id: string): Promise<void> {
    const found = await this.scope.load(this.cases.manager, principal, id);
    assertCanDelete(principal, found, 'case');
    const keys = await this.dataSource.transaction(async (manager) => {
      const storageKeys = await this.comments.deleteAllOf(manager, principal.orgId, { kind: CASE_KIND.kind, id });
      await manager.getRepository(Case).delete({ id, orgId: principal.orgId });
      return storageKeys;
    });
    await this.comments.removeFiles(keys);
  }

  canSee(principal: OrgPrincipal, id: string): Promise<boolean> {
    return this.scope.canSee(this.cases.manager, principal, id);
  }

  private async items(builder: SelectQueryBuilder<Case>): Promise<CaseItemDto[]> {
    return (await this.scope.withLinks<CaseLinks>(builder)).map(([entity, links]) => toCaseItem(entity, links));
  }

  /** The account's cases the caller may see, newest first, for the account detail. */
  @OnEvent(ACCOUNT_RELATED, { promisify: true })
  async casesOfAccount({ principal, accountId }: AccountRelatedQuery): Promise<Pick<AccountRelated, 'cases'>> {
    return { cases: await this.ofAccount(principal, accountId) };
  }

  private async ofAccount(principal: OrgPrincipal, accountId: string): Promise<AccountCaseDto[]> {
    const rows = await this.scope.visible(this.cases.manager, principal)
      .andWhere('kase.accountId = :accountId', { accountId })
      .orderBy('kase.createdOn', 'DESC')
      .addOrderBy('kase.id', 'DESC')
      .getMany();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      status: row.status,
      priority: row.priority,
      case_type: row.caseType,
      created_on: row.createdOn.toISOString(),
      closed_on: row.closedOn?.toISOString() ?? null,
    }));
  }

  private async item(principal: OrgPrincipal, id: string): Promise<CaseItemDto> {
    const [item] = await this.items(this.scope.byId(this.scope.visible(this.cases.manager, principal), id));
    if (!item) throw new NotFoundError('Case');
    return item;
  }

  private filtered(principal: OrgPrincipal, query: ListCasesQueryDto): SelectQueryBuilder<Case> {
    const builder = this.scope.visible(this.cases.manager, principal);
    if (query.name) builder.andWhere('kase.name ILIKE :name', { name: containsPattern(query.name) });
    if (query.status) builder.andWhere('kase.status = :status', { status: query.status });
    if (query.priority) builder.andWhere('kase.priority = :priority', { priority: query.priority });
    if (query.case_type) builder.andWhere('kase.caseType = :caseType', { caseType: query.case_type });
    if (query.account) builder.andWhere('kase.accountId = :account', { account: query.account });
    if (query.closed !== undefined) {
      builder.andWhere(query.closed ? 'kase.status = :closed' : 'kase.status <> :closed', { closed: CaseStatus.CLOSED });
    }
    if (query.assigned_to) whereLinkedTo(builder, 'kase', LINKS.assigned_to, query.assigned_to, 'assignee');
    return builder;
  }

  private async checkReferences(principal: OrgPrincipal, dto: UpdateCaseDto, before?: CaseItemDto): Promise<void> {
    const { orgId } = principal;
    await assertReferences('assigned_to', dto.assigned_to, (ids) => this.members.activeMemberIds(orgId, ids));
    await assertReferences('teams', dto.teams, (ids) => this.teams.existingIds(orgId, ids));
    await assertReferences('contacts', dto.contacts, (ids) => this.contacts.visibleIds(principal, ids), before?.contacts);
    if (dto.account) {
      const linked = before?.account ? [before.account] : [];
      await assertReferences('account', [dto.account], (ids) => this.accounts.visibleIds(principal, ids), linked);
    }
  }

  private async writeLinks(
    manager: EntityManager,
    id: string,
    links: Pick<UpdateCaseDto, 'assigned_to' | 'teams' | 'contacts'>,
  ): Promise<void> {
    await replaceLinks(manager, LINKS.assigned_to, id, links.assigned_to);
    await replaceLinks(manager, LINKS.teams, id, links.teams);
    await replaceLinks(manager, LINKS.contacts, id, links.contacts);
  }
}
