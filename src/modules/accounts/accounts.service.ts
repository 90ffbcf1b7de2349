import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { ACCOUNT_RELATED, type AccountRelated, type AccountRelatedQuery } from './account-related.js';
import { RecordKind, type RecordKindService } from '../../common/records/record-kind.decorator.js';
import { ACCOUNT_KIND } from './account.kind.js';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, type Repository, type SelectQueryBuilder } from 'typeorm';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { assertCanDelete } from '../../common/database/visibility.js';
import { NotFoundError } from '../../common/errors/app-error.js';
import { whereHasAnyTag, whereLinkedTo } from '../../common/database/link-arrays.js';
import { RecordScope } from '../../common/database/record-scope.js';
import { containsPattern } from '../../common/database/like.js';
import { type LinkTable, replaceLinks } from '../../common/database/links.js';
import { Assignments, newlyAssigned } from '../../common/events/assignment-events.js';
import { assertReferences } from '../../common/validation/references.js';
import { CommentsService } from '../comments/comments.service.js';
import { ContactsService } from '../contacts/contacts.service.js';
import { TagsService } from '../tags/tags.service.js';
import { TeamsService } from '../teams/teams.service.js';
import { MembersService } from '../users/members.service.js';
import { type AccountLinks, toAccountColumns, toAccountItem } from './account.mapper.js';
import { Account, AccountStatus } from './account.entity.js';
import type { CreateAccountDto, ListAccountsQueryDto, UpdateAccountDto } from './dto/account-requests.dto.js';
import type {
  AccountDetailResponseDto,
  AccountItemDto,
  AccountListResponseDto,
} from './dto/account-responses.dto.js';

const LINKS = {
  assigned_to: { table: 'account_assignees', owner: 'account_id', target: 'user_id' },
  teams: { table: 'account_teams', owner: 'account_id', target: 'team_id' },
  contacts: { table: 'account_contacts', owner: 'account_id', target: 'contact_id' },
} satisfies Record<string, LinkTable>;
const TAGS: LinkTable = { table: 'account_tags', owner: 'account_id', target: 'tag_id' };

@RecordKind(ACCOUNT_KIND)
@Injectable()
export class AccountsService implements RecordKindService {
  private readonly scope = new RecordScope<Account>({
    entity: Account,
    alias: 'account',
    name: 'Account',
    assignees: LINKS.assigned_to,
    links: LINKS,
    tags: TAGS,
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Account) private readonly accounts: Repository<Account>,
    private readonly members: MembersService,
    private readonly teams: TeamsService,
    private readonly contacts: ContactsService,
    private readonly tags: TagsService,
    private readonly comments: CommentsService,
    private readonly assignments: Assignments,
    private readonly events: EventEmitter2,
  ) {}

  /** Each half is one query (rows with their links); both counts are one more. */
  async list(principal: OrgPrincipal, query: ListAccountsQueryDto): Promise<AccountListResponseDto> {
    const filtered = this.filtered(principal, query);
    const half = (status: AccountStatus) =>
      query.status && query.status !== status ? Promise.resolve([]) : this.page(filtered, status, query);
    const counts = filtered
      .clone()
      .select(`count(*) FILTER (WHERE account.status = 'open')::int`, 'open')
      .addSelect(`count(*) FILTER (WHERE account.status = 'closed')::int`, 'closed')
      .getRawOne<{ open: number; closed: number }>();
    const [open, closed, count, contacts, users, teams] = await Promise.all([
      half(AccountStatus.OPEN),
      half(AccountStatus.CLOSED),
      counts,
      this.contacts.refs(principal),
      this.members.refs(principal.orgId),
      this.teams.refs(principal.orgId),
    ]);
    return {
      open_accounts: open,
      closed_accounts: closed,
      accounts_count: (count?.open ?? 0) + (count?.closed ?? 0),
      open_accounts_count: count?.open ?? 0,
      closed_accounts_count: count?.closed ?? 0,
      contacts,
      users,
      teams,
    };
  }

  async get(principal: OrgPrincipal, id: string): Promise<AccountDetailResponseDto> {
    const item = await this.item(principal, id);
    const [contacts, assignedTo, teams, related, mentions, lists] = await Promise.all([
      this.contacts.refsInOrg(principal.orgId, item.contacts),
      this.members.refs(principal.orgId, item.assigned_to),
      this.teams.refs(principal.orgId, item.teams),
      this.comments.listFor(principal.orgId, { kind: ACCOUNT_KIND.kind, id }),
      this.members.refs(principal.orgId),
      this.relatedLists(principal, id),
    ]);
    const { assigned_to: _a, teams: _t, contacts: _c, tags, ...fields } = item;
    return {
      account_obj: fields,
      contacts,
      opportunities: [],
      cases: lists.cases ?? [],
      tasks: [],
      invoices: [],
      assigned_to: assignedTo,
      teams,
      comments: related.comments,
      attachments: related.attachments,
      users_mention: mentions,
      tags,
    };
  }

  /** What the modules owning an account's records contribute to its detail (see ACCOUNT_RELATED). */
  private async relatedLists(principal: OrgPrincipal, accountId: string): Promise<Partial<AccountRelated>> {
    const parts: Partial<AccountRelated>[] = await this.events.emitAsync(ACCOUNT_RELATED, { principal, accountId } satisfies AccountRelatedQuery);
    return Object.assign({}, ...parts);
  }

  async create(principal: OrgPrincipal, dto: CreateAccountDto): Promise<AccountItemDto> {
    await this.checkReferences(principal, dto);
    const id = await this.dataSource.transaction((manager) => this.insert(manager, principal, dto));
    const item = await this.item(principal, id);
    await this.announce(principal, item, [], dto.assigned_to);
    return item;
  }

  /** Tells newly assigned people, after the write has committed. */
  private announce(principal: OrgPrincipal, item: AccountItemDto, before: string[], after: string[] | undefined) {
    return this.assignments.announce({
      orgId: principal.orgId,
      kind: 'account',
      recordId: item.id,
      recordName: item.name,
      userIds: newlyAssigned(before, after, principal.userId),
      assignedBy: principal.userId,
    });
  }

  /**
   * Creates an account inside the caller's transaction, for lead conversion. Its links must
   * already be known to be in the organization.
   */
  async insert(
    manager: EntityManager,
    principal: OrgPrincipal,
    dto: CreateAccountDto,
    leadId: string | null = null,
  ): Promise<string> {
    const account = await manager.getRepository(Account).save({
      ...toAccountColumns(dto),
      orgId: principal.orgId,
      createdBy: principal.userId,
      leadId,
    });
    await this.writeLinks(manager, principal.orgId, account.id, {
      assigned_to: dto.assigned_to ?? [],
      teams: dto.teams ?? [],
      contacts: dto.contacts ?? [],
      tags: dto.tags ?? [],
    });
    return account.id;
  }

  async update(principal: OrgPrincipal, id: string, dto: UpdateAccountDto): Promise<AccountItemDto> {
    const before = await this.item(principal, id);
    await this.checkReferences(principal, dto, before);
    await this.dataSource.transaction(async (manager) => {
      const columns = toAccountColumns(dto);
      if (Object.keys(columns).length > 0) {
        await manager.getRepository(Account).update({ id, orgId: principal.orgId }, columns);
      }
      await this.writeLinks(manager, principal.orgId, id, dto);
    });
    const after = await this.item(principal, id);
    await this.announce(principal, after, before.assigned_to, dto.assigned_to);
    return after;
  }

  /** Deletes the account with its comments and attachments (rows cascade, then files go). */
  async remove(principal: OrgPrincipal, id: string): Promise<void> {
    const account = await this.scope.load(this.accounts.manager, principal, id);
    assertCanDelete(principal, account, 'account');
    const keys = await this.dataSource.transaction(async (manager) => {
      const storageKeys = await this.comments.deleteAllOf(manager, principal.orgId, { kind: ACCOUNT_KIND.kind, id });
      await manager.getRepository(Account).delete({ id, orgId: principal.orgId });
      return storageKeys;
    });
    await this.comments.removeFiles(keys);
  }

  /** Of the given account ids, those the caller may see (one query): what a body may link to. */
  async visibleIds(principal: OrgPrincipal, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.scope.visible(this.accounts.manager, principal)
      .andWhere('account.id IN (:...ids)', { ids })
      .select('account.id')
      .getMany();
    return rows.map((row) => row.id);
  }

  canSee(principal: OrgPrincipal, id: string): Promise<boolean> {
    return this.scope.canSee(this.accounts.manager, principal, id);
  }

  /** Rows with their links as arrays, in one query. */
  private async items(builder: SelectQueryBuilder<Account>): Promise<AccountItemDto[]> {
    return (await this.scope.withLinks<AccountLinks>(builder)).map(([account, links]) => toAccountItem(account, links));
  }

  async item(principal: OrgPrincipal, id: string): Promise<AccountItemDto> {
    const [item] = await this.items(this.scope.byId(this.scope.visible(this.accounts.manager, principal), id));
    if (!item) throw new NotFoundError('Account');
    return item;
  }

  private page(filtered: SelectQueryBuilder<Account>, status: AccountStatus, query: ListAccountsQueryDto) {
    const builder = filtered
      .clone()
      .andWhere('account.status = :status', { status })
      .orderBy('account.createdOn', 'DESC')
      .addOrderBy('account.id', 'DESC')
      .offset(query.offset)
      .limit(query.limit);
    return this.items(builder);
  }

  /** Rows with their links as arrays, in one query. */
  private filtered(principal: OrgPrincipal, query: ListAccountsQueryDto): SelectQueryBuilder<Account> {
    const builder = this.scope.visible(this.accounts.manager, principal);
    if (query.name) builder.andWhere('account.name ILIKE :name', { name: containsPattern(query.name) });
    if (query.city) builder.andWhere('account.billing.city ILIKE :city', { city: containsPattern(query.city) });
    if (query.industry) {
      builder.andWhere('account.industry ILIKE :industry', { industry: containsPattern(query.industry) });
    }
    if (query.tags?.length) whereHasAnyTag(builder, 'account', TAGS, query.tags);
    if (query.assigned_to) whereLinkedTo(builder, 'account', LINKS.assigned_to, query.assigned_to, 'assignee');
    if (query.status) builder.andWhere('account.status = :onlyStatus', { onlyStatus: query.status });
    return builder;
  }

  private async checkReferences(principal: OrgPrincipal, dto: UpdateAccountDto, before?: AccountItemDto): Promise<void> {
    const { orgId } = principal;
    await assertReferences('assigned_to', dto.assigned_to, (ids) => this.members.activeMemberIds(orgId, ids));
    await assertReferences('teams', dto.teams, (ids) => this.teams.existingIds(orgId, ids));
    await assertReferences('contacts', dto.contacts, (ids) => this.contacts.visibleIds(principal, ids), before?.contacts);
  }

  private async writeLinks(
    manager: EntityManager,
    orgId: string,
    id: string,
    links: Pick<UpdateAccountDto, 'assigned_to' | 'teams' | 'contacts' | 'tags'>,
  ): Promise<void> {
    await replaceLinks(manager, LINKS.assigned_to, id, links.assigned_to);
    await replaceLinks(manager, LINKS.teams, id, links.teams);
    await replaceLinks(manager, LINKS.contacts, id, links.contacts);
    if (links.tags) {
      const tags = await this.tags.resolve(orgId, links.tags, manager);
      await replaceLinks(manager, TAGS, id, tags.map((tag) => tag.id));
    }
  }
}
