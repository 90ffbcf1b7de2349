import { Injectable } from '@nestjs/common';
import { NAME_SORT } from '../../common/records/keyset-pages.js';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { SelectQueryBuilder } from 'typeorm';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { type EmbeddedRows, embedRows } from '../../common/database/embedded-rows.js';
import { containsPattern } from '../../common/database/like.js';
import { withStatementText } from '../../common/database/statement-texts.js';
import { RecordKind, type RecordKindService } from '../../common/records/record-kind.decorator.js';
import { type RecordStore, RecordStores, type TagNames } from '../../common/records/record-store.js';
import { RecordUseCases } from '../../common/records/record-use-cases.js';
import { CommentsService } from '../comments/comments.service.js';
import type { ContactRefDto } from '../contacts/dto/contact.dto.js';
import { ContactsService } from '../contacts/contacts.service.js';
import { TagsService } from '../tags/tags.service.js';
import type { TeamRefDto } from '../teams/dto/team.dto.js';
import { TeamsService } from '../teams/teams.service.js';
import { MembersService } from '../users/members.service.js';
import { ACCOUNT_RELATED, type AccountRelatedQuery, type AccountRelatedRows } from './account-related.js';
import { ACCOUNT_KIND } from './account.kind.js';
import { type AccountLinks, toAccountColumns, toAccountItem, ACCOUNT_LINKS } from './account.mapper.js';
import { Account, AccountStatus } from './account.entity.js';
import type { CreateAccountDto, ListAccountsQueryDto, UpdateAccountDto } from './dto/account-requests.dto.js';
import type { AccountDetailResponseDto, AccountItemDto, AccountListResponseDto } from './dto/account-responses.dto.js';

/** What the account detail embeds: its contacts and teams by name, and the lists other modules contribute (see ACCOUNT_RELATED). */
type DetailRows = { contacts: EmbeddedRows<ContactRefDto>; teams: EmbeddedRows<TeamRefDto> } & Partial<AccountRelatedRows>;

@RecordKind(ACCOUNT_KIND)
@Injectable()
export class AccountsService extends RecordUseCases<Account, AccountItemDto, typeof ACCOUNT_LINKS, CreateAccountDto, UpdateAccountDto, TagNames> implements RecordKindService {
  protected readonly store: RecordStore<Account, typeof ACCOUNT_LINKS>;

  constructor(
    stores: RecordStores,
    private readonly members: MembersService,
    private readonly teams: TeamsService,
    private readonly contacts: ContactsService,
    private readonly tags: TagsService,
    private readonly comments: CommentsService,
    private readonly events: EventEmitter2,
  ) {
    super();
    this.store = stores.for({
      kind: ACCOUNT_KIND,
      entity: Account,
      alias: 'account',
      sorts: NAME_SORT,
      links: ACCOUNT_LINKS,
      references: { lead: 'lead' },
      assignees: 'assigned_to',
      tags: 'tags',
      keptTotalsBy: 'status',
    });
  }

  /** Each half is one query (rows with their links); the counts and the side lists are one more. */
  async list(principal: OrgPrincipal, query: ListAccountsQueryDto): Promise<AccountListResponseDto> {
    const filtered = this.filtered(principal, query);
    const halves = this.halves(query, [AccountStatus.OPEN, AccountStatus.CLOSED], (status) => filtered.clone().andWhere('account.status = :status', { status }));
    const counts = this.store.totals(principal, query, filtered, { open: [AccountStatus.OPEN], closed: [AccountStatus.CLOSED] });
    const sides = embedRows(counts, {
      contacts: this.contacts.sideList(principal),
      users: this.members.sideList(principal.orgId),
      teams: this.teams.sideList(principal.orgId),
    });
    const [{ open, closed }, raw] = await Promise.all([halves, withStatementText(counts).getRawOne()]);
    const count = raw as { open: number; closed: number } | undefined;
    const { contacts, users, teams } = sides(raw ?? {});
    return {
      open_accounts: open.results,
      closed_accounts: closed.results,
      open_accounts_next_cursor: open.next_cursor,
      closed_accounts_next_cursor: closed.next_cursor,
      accounts_count: (count?.open ?? 0) + (count?.closed ?? 0),
      open_accounts_count: count?.open ?? 0,
      closed_accounts_count: count?.closed ?? 0,
      contacts: contacts.results,
      contacts_count: contacts.count,
      users: users.results,
      users_count: users.count,
      teams: teams.results,
      teams_count: teams.count,
    };
  }

  /** Three statements: the account with its contacts, teams and related lists; assignees and members to mention; comments and files. */
  async get(principal: OrgPrincipal, id: string): Promise<AccountDetailResponseDto> {
    const [account, links, embedded] = await this.store.detail<TagNames, DetailRows>(principal, id, {
      contacts: this.contacts.refsEmbedded(principal, this.store.linkedIds('contacts')),
      teams: this.teams.refsEmbedded(principal.orgId, this.store.linkedIds('teams')),
      ...(await this.relatedLists(principal)),
    });
    const item = toAccountItem(account, links);
    // The lead it was converted from keeps its comments and files; they are listed here too, for
    // whoever may see that lead. The kind is named, not imported: leads depend on accounts.
    const leadShown = item.lead ? await this.store.canSeeOfKind('lead', principal, item.lead) : false;
    const commented = [{ kind: ACCOUNT_KIND.kind, id }, ...(leadShown ? [{ kind: 'lead', id: item.lead! }] : [])];
    const [{ assigned: assignedTo, mentions }, related] = await Promise.all([
      this.members.forDetail(principal.orgId, item.assigned_to),
      this.comments.listFor(principal.orgId, ...commented),
    ]);
    const { assigned_to: _a, teams: _t, contacts: _c, tags, ...fields } = item;
    const { contacts, teams, ...lists } = embedded;
    return {
      account_obj: fields,
      contacts: contacts.results,
      // Each contributed list as `field` and `field_count` (see accountDetailList).
      ...Object.fromEntries(Object.entries(lists).flatMap(([field, rows]) => [[field, rows.results], [`${field}_count`, rows.count]])),
      assigned_to: assignedTo,
      teams: teams.results,
      comments: related.comments,
      attachments: related.attachments,
      users_mention: mentions.results,
      users_mention_count: mentions.count,
      tags,
    };
  }

  /** The queries of the lists the modules owning an account's records contribute to its detail. */
  private async relatedLists(principal: OrgPrincipal): Promise<Partial<AccountRelatedRows>> {
    const query: AccountRelatedQuery = { principal, accountId: `${this.store.alias}.id` };
    const parts: Partial<AccountRelatedRows>[] = await this.events.emitAsync(ACCOUNT_RELATED, query);
    return Object.assign({}, ...parts);
  }

  /** Creates an account from a lead, in the conversion's transaction (its links already known to be referable). */
  insertForLead(principal: OrgPrincipal, dto: CreateAccountDto, leadId: string): Promise<string> {
    return this.insertFrom(principal, dto, { ...toAccountColumns(dto), leadId });
  }

  override item(principal: OrgPrincipal, id: string): Promise<AccountItemDto> {
    return super.item(principal, id);
  }

  protected toItem(row: Account, links: AccountLinks): AccountItemDto {
    return toAccountItem(row, links);
  }

  protected insertColumns(_principal: OrgPrincipal, dto: CreateAccountDto): object {
    return toAccountColumns(dto);
  }

  protected updateColumns(_principal: OrgPrincipal, dto: UpdateAccountDto): object {
    return toAccountColumns(dto);
  }

  protected override async tagIds(orgId: string, names: readonly string[]): Promise<string[]> {
    return (await this.tags.resolve(orgId, names)).map((tag) => tag.id);
  }

  /** The name printed on what is issued to the account (an invoice), whoever may see the account itself. */
  async printedName(orgId: string, id: string): Promise<string | null> {
    const account = await this.store.byId(this.store.ofOrganization(orgId), id).select(['account.id', 'account.name']).getOne();
    return account?.name ?? null;
  }

  /** Rows with their links as arrays, in one query. */
  recent(principal: OrgPrincipal, limit: number): EmbeddedRows<AccountItemDto> {
    return this.newest(principal, limit);
  }

  protected override filtered(principal: OrgPrincipal, query: ListAccountsQueryDto): SelectQueryBuilder<Account> {
    const builder = this.store.visible(principal);
    if (query.name) builder.andWhere('account.name ILIKE :name', { name: containsPattern(query.name) });
    if (query.city) builder.andWhere('account.billing.city ILIKE :city', { city: containsPattern(query.city) });
    if (query.industry) {
      builder.andWhere('account.industry ILIKE :industry', { industry: containsPattern(query.industry) });
    }
    if (query.tags?.length) this.store.whereTagged(builder, query.tags);
    if (query.assigned_to) this.store.whereLinked(builder, 'assigned_to', query.assigned_to);
    if (query.status) builder.andWhere('account.status = :onlyStatus', { onlyStatus: query.status });
    return builder;
  }
}
