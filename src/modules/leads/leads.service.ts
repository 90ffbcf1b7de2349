import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { type EmbeddedRows, embedRows } from '../../common/database/embedded-rows.js';
import { containsPattern } from '../../common/database/like.js';
import { withStatementText } from '../../common/database/statement-texts.js';
import { sqlLiterals } from '../../common/database/sql-literal.js';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { ConflictError, NotFoundError } from '../../common/errors/app-error.js';
import { RecordKind, type RecordKindService } from '../../common/records/record-kind.decorator.js';
import { type RecordStore, RecordStores, type TagNames } from '../../common/records/record-store.js';
import { RecordUseCases } from '../../common/records/record-use-cases.js';
import { AccountsService } from '../accounts/accounts.service.js';
import type { KeyGrant } from '../api-settings/api-settings.service.js';
import { CommentsService } from '../comments/comments.service.js';
import type { ContactRefDto } from '../contacts/dto/contact.dto.js';
import { ContactsService } from '../contacts/contacts.service.js';
import { TagsService } from '../tags/tags.service.js';
import type { TeamRefDto } from '../teams/dto/team.dto.js';
import { TeamsService } from '../teams/teams.service.js';
import { MembersService } from '../users/members.service.js';
import type { CreateLeadDto, ListLeadsQueryDto, SiteLeadDto, UpdateLeadDto } from './dto/lead-requests.dto.js';
import type { LeadDetailResponseDto, LeadItemDto, LeadListResponseDto } from './dto/lead-responses.dto.js';
import { LEAD_KIND } from './lead.kind.js';
import { alreadyConverted, LeadConversion } from './lead-conversion.service.js';
import { CompaniesService } from './companies.service.js';
import { type LeadLinks, toLeadColumns, toLeadItem, LEAD_LINKS } from './lead.mapper.js';
import { LeadSource } from '../../common/records/lead-source.js';
import { Lead, LeadStatus } from './lead.entity.js';

const CLOSED_HALF = [LeadStatus.CLOSED];
const NEVER_LISTED = LeadStatus.CONVERTED;
const OPEN_HALF = Object.values(LeadStatus).filter((status) => status !== NEVER_LISTED && !CLOSED_HALF.includes(status));

/** What the lead detail embeds: its teams and contacts by name. */
type DetailRows = { teams: EmbeddedRows<TeamRefDto>; contacts: EmbeddedRows<ContactRefDto> };

/** The body asks for the lead to be converted (auto_convert, or status converted). */
const convertsOn = (dto: CreateLeadDto | UpdateLeadDto) => dto.auto_convert === true || dto.status === LeadStatus.CONVERTED;

@RecordKind(LEAD_KIND)
@Injectable()
export class LeadsService extends RecordUseCases<Lead, LeadItemDto, typeof LEAD_LINKS, CreateLeadDto, UpdateLeadDto, TagNames> implements RecordKindService {
  protected readonly store: RecordStore<Lead, typeof LEAD_LINKS>;

  constructor(
    stores: RecordStores,
    @InjectDb() private readonly db: Db,
    private readonly members: MembersService,
    private readonly teams: TeamsService,
    private readonly contacts: ContactsService,
    private readonly tags: TagsService,
    private readonly accounts: AccountsService,
    private readonly comments: CommentsService,
    private readonly conversion: LeadConversion,
    private readonly companies: CompaniesService,
  ) {
    super();
    this.store = stores.for({
      kind: LEAD_KIND,
      entity: Lead,
      alias: 'lead',
      links: LEAD_LINKS,
      assignees: 'assigned_to',
      tags: 'tags',
      keptTotalsBy: 'status',
    });
  }

  /** Each half is one query (rows with links); one more counts both and carries the side lists. Converted leads never appear. */
  async list(principal: OrgPrincipal, query: ListLeadsQueryDto): Promise<LeadListResponseDto> {
    const filtered = this.filtered(principal, query);
    const halves = this.halves(
      query,
      ['open', 'closed'] as const,
      (half) => filtered.clone().andWhere(`lead.status ${half === 'closed' ? 'IN' : 'NOT IN'} (${sqlLiterals(CLOSED_HALF)})`),
      (status) => (CLOSED_HALF.includes(status as LeadStatus) ? 'closed' : 'open'),
    );
    const counts = this.store.totals(principal, query, filtered, { open: OPEN_HALF, closed: CLOSED_HALF });
    const sides = embedRows(counts, {
      contacts: this.contacts.sideList(principal),
      users: this.members.sideList(principal.orgId),
      tags: this.tags.sideList(principal.orgId),
    });
    const [{ open, closed }, raw] = await Promise.all([halves, withStatementText(counts).getRawOne()]);
    const count = raw as { open: number; closed: number } | undefined;
    const { contacts, users, tags } = sides(raw ?? {});
    return {
      open_leads: open.results,
      closed_leads: closed.results,
      open_leads_next_cursor: open.next_cursor,
      closed_leads_next_cursor: closed.next_cursor,
      open_leads_count: count?.open ?? 0,
      closed_leads_count: count?.closed ?? 0,
      contacts: contacts.results,
      contacts_count: contacts.count,
      users: users.results,
      users_count: users.count,
      source_list: Object.values(LeadSource),
      tags: tags.results,
      tags_count: tags.count,
      status: Object.values(LeadStatus),
    };
  }

  /** Three statements: the lead with its teams and contacts; assignees and members to mention; comments and files. */
  async get(principal: OrgPrincipal, id: string): Promise<LeadDetailResponseDto> {
    const [lead, links, embedded] = await this.store.detail<TagNames, DetailRows>(principal, id, {
      teams: this.teams.refsEmbedded(principal.orgId, this.store.linkedIds('teams')),
      contacts: this.contacts.refsEmbedded(principal, this.store.linkedIds('contacts')),
    });
    const item = toLeadItem(lead, links);
    const [{ assigned: assignedTo, mentions }, related] = await Promise.all([
      this.members.forDetail(principal.orgId, item.assigned_to),
      this.comments.listFor(principal.orgId, { kind: LEAD_KIND.kind, id }),
    ]);
    const [teams, contacts] = [embedded.teams.results, embedded.contacts.results];
    const { assigned_to: _a, teams: _t, contacts: _c, tags, converted_account: _v, ...fields } = item;
    const { address_line, street, city, state, postcode, country } = fields;
    return {
      lead_obj: fields,
      address_obj: { address_line, street, city, state, postcode, country },
      assigned_to: assignedTo,
      teams,
      comments: related.comments,
      attachments: related.attachments,
      contacts,
      users_mention: mentions.results,
      users_mention_count: mentions.count,
      tags,
    };
  }

  /** A lead from a website's form, in the key's organization with the key's assignees and tags. */
  async createFromSite(grant: KeyGrant, dto: SiteLeadDto): Promise<LeadItemDto> {
    const owner = { orgId: grant.orgId, userId: null };
    const lead = { ...dto, source: dto.source ?? LeadSource.WEBSITE, assigned_to: grant.assignees, tags: grant.tags };
    const id = await this.store.transaction(() => this.insertFrom(owner, lead, toLeadColumns(lead)));
    const item = await this.itemInOrg(grant.orgId, id);
    await this.store.announce(owner, { id, name: this.nameOf(item) }, [], grant.assignees);
    return item;
  }

  async convert(principal: OrgPrincipal, id: string): Promise<LeadItemDto> {
    const accountId = await this.store.transaction(async () => {
      await this.store.load(principal, id);
      return this.convertIn(principal, id);
    });
    return this.withAccount(principal, await this.item(principal, id), accountId);
  }

  protected toItem(row: Lead, links: LeadLinks): LeadItemDto {
    return toLeadItem(row, links);
  }

  protected override nameOf(item: LeadItemDto): string {
    return `${item.first_name} ${item.last_name}`.trim();
  }

  /** A converted lead stays converted, and is converted once. */
  protected override validate(dto: CreateLeadDto | UpdateLeadDto, current?: Lead): void {
    if (current?.status !== LeadStatus.CONVERTED) return;
    if (dto.status && dto.status !== LeadStatus.CONVERTED) throw new ConflictError('LEAD_ALREADY_CONVERTED', 'A converted lead stays converted');
    if (convertsOn(dto)) throw alreadyConverted();
  }

  /** A lead created to be converted starts Assigned: the conversion makes it Converted. */
  protected async insertColumns(principal: OrgPrincipal, dto: CreateLeadDto): Promise<object> {
    const columns = toLeadColumns({ ...dto, status: convertsOn(dto) ? LeadStatus.ASSIGNED : dto.status });
    return { ...columns, companyId: (await this.companies.idFor(principal, dto.company)) ?? null };
  }

  protected async updateColumns(principal: OrgPrincipal, dto: UpdateLeadDto): Promise<object> {
    const { status: _s, ...rest } = dto;
    const companyId = await this.companies.idFor(principal, dto.company);
    return { ...toLeadColumns(convertsOn(dto) ? rest : dto), ...(companyId === undefined ? {} : { companyId }) };
  }

  protected override async tagIds(orgId: string, names: readonly string[]): Promise<string[]> {
    return (await this.tags.resolve(orgId, names)).map((tag) => tag.id);
  }

  /** With auto_convert (or status converted), the account in the write's transaction. */
  protected override async written(principal: OrgPrincipal, id: string, _columns: object, dto: CreateLeadDto | UpdateLeadDto): Promise<void> {
    if (convertsOn(dto)) await this.convertIn(principal, id);
  }

  /** The lead, with the account it became when this write converted it. */
  protected override async answer(principal: OrgPrincipal, id: string, dto: CreateLeadDto | UpdateLeadDto): Promise<LeadItemDto> {
    const item = await this.item(principal, id);
    return this.withAccount(principal, item, convertsOn(dto) ? item.converted_account_id : null);
  }

  /** Open leads only: neither converted nor closed. */
  recent(principal: OrgPrincipal, limit: number): EmbeddedRows<LeadItemDto> {
    return this.newest(principal, limit, {
      statuses: OPEN_HALF,
      narrow: (builder) => builder.andWhere(`lead.status NOT IN (${sqlLiterals([NEVER_LISTED, ...CLOSED_HALF])})`),
    });
  }

  /** A lead of the organization as a list item, for callers with no signed-in user (web forms). */
  private async itemInOrg(orgId: string, id: string): Promise<LeadItemDto> {
    const builder = this.db.tx
      .getRepository(Lead)
      .createQueryBuilder('lead')
      .where('lead.orgId = :orgId AND lead.id = :id', { orgId, id });
    const [item] = await this.items(builder);
    if (!item) throw new NotFoundError('Lead');
    return item;
  }

  /** Converts in the transaction in progress (see LeadConversion). */
  private convertIn(principal: OrgPrincipal, id: string): Promise<string> {
    return this.conversion.convert(principal, this.store, id);
  }

  private async withAccount(principal: OrgPrincipal, item: LeadItemDto, accountId: string | null): Promise<LeadItemDto> {
    return { ...item, converted_account: accountId ? await this.accounts.item(principal, accountId) : null };
  }

  protected override filtered(principal: OrgPrincipal, query: ListLeadsQueryDto): SelectQueryBuilder<Lead> {
    const builder = this.store.visible(principal).andWhere(`lead.status <> ${sqlLiterals([NEVER_LISTED])}`);
    if (query.name) {
      builder.andWhere('(lead.firstName ILIKE :name OR lead.lastName ILIKE :name)', { name: containsPattern(query.name) });
    }
    if (query.title) builder.andWhere('lead.title ILIKE :title', { title: containsPattern(query.title) });
    if (query.source) builder.andWhere('lead.source::text ILIKE :source', { source: containsPattern(query.source) });
    if (query.status) builder.andWhere('lead.status = :status', { status: query.status });
    if (query.city) builder.andWhere('lead.address.city ILIKE :city', { city: containsPattern(query.city) });
    if (query.email) builder.andWhere('lead.email ILIKE :email', { email: containsPattern(query.email) });
    if (query.tags?.length) this.store.whereTagged(builder, query.tags);
    if (query.assigned_to) this.store.whereLinked(builder, 'assigned_to', query.assigned_to);
    return builder;
  }
}
