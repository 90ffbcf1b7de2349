import { Injectable } from '@nestjs/common';
import { RecordKind, type RecordKindService } from '../../common/records/record-kind.decorator.js';
import { LEAD_KIND } from './lead.kind.js';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { assertCanDelete } from '../../common/database/visibility.js';
import { ConflictError, NotFoundError } from '../../common/errors/app-error.js';
import { whereHasAnyTag, whereLinkedTo } from '../../common/database/link-arrays.js';
import { RecordScope } from '../../common/database/record-scope.js';
import { containsPattern } from '../../common/database/like.js';
import { type LinkTable, replaceLinks } from '../../common/database/links.js';
import { Assignments, newlyAssigned } from '../../common/events/assignment-events.js';
import { assertReferences } from '../../common/validation/references.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { CommentsService } from '../comments/comments.service.js';
import { ContactsService } from '../contacts/contacts.service.js';
import { TagsService } from '../tags/tags.service.js';
import { TeamsService } from '../teams/teams.service.js';
import { MembersService } from '../users/members.service.js';
import type { KeyGrant } from '../api-settings/api-settings.service.js';
import type { CreateLeadDto, ListLeadsQueryDto, SiteLeadDto, UpdateLeadDto } from './dto/lead-requests.dto.js';
import type { LeadDetailResponseDto, LeadItemDto, LeadListResponseDto } from './dto/lead-responses.dto.js';
import { type LeadLinks, toAccountFromLead, toLeadColumns, toLeadItem } from './lead.mapper.js';
import { Lead, LeadSource, LeadStatus } from './lead.entity.js';

const LINKS = {
  assigned_to: { table: 'lead_assignees', owner: 'lead_id', target: 'user_id' },
  teams: { table: 'lead_teams', owner: 'lead_id', target: 'team_id' },
  contacts: { table: 'lead_contacts', owner: 'lead_id', target: 'contact_id' },
} satisfies Record<string, LinkTable>;
/** Who a lead is assigned to: with its creator, who a USER must be to see it. */
export const LEAD_ASSIGNEES = LINKS.assigned_to;
const TAGS: LinkTable = { table: 'lead_tags', owner: 'lead_id', target: 'tag_id' };
const CLOSED_HALF = [LeadStatus.CLOSED];
const NEVER_LISTED = LeadStatus.CONVERTED;

const alreadyConverted = () =>
  new ConflictError('LEAD_ALREADY_CONVERTED', 'This lead has already been converted to an account');

export interface LeadOwner {
  orgId: string;
  userId: string | null;
}

export type LeadLinksInput = Pick<UpdateLeadDto, 'assigned_to' | 'teams' | 'contacts' | 'tags'>;

@RecordKind(LEAD_KIND)
@Injectable()
export class LeadsService implements RecordKindService {
  private readonly scope = new RecordScope<Lead>({
    entity: Lead,
    alias: 'lead',
    name: 'Lead',
    assignees: LINKS.assigned_to,
    links: LINKS,
    tags: TAGS,
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Lead) private readonly leads: Repository<Lead>,
    private readonly members: MembersService,
    private readonly teams: TeamsService,
    private readonly contacts: ContactsService,
    private readonly tags: TagsService,
    private readonly accounts: AccountsService,
    private readonly comments: CommentsService,
    private readonly assignments: Assignments,
  ) {}

  /** Each half is one query (rows with links); one more counts both. Converted leads never appear. */
  async list(principal: OrgPrincipal, query: ListLeadsQueryDto): Promise<LeadListResponseDto> {
    const filtered = this.filtered(principal, query);
    const wantsHalf = (closed: boolean) =>
      !query.status || CLOSED_HALF.includes(query.status) === closed;
    const half = (closed: boolean) => {
      if (!wantsHalf(closed)) return Promise.resolve([]);
      const page = filtered
        .clone()
        .andWhere(closed ? 'lead.status IN (:...closedHalf)' : 'lead.status NOT IN (:...closedHalf)', { closedHalf: CLOSED_HALF })
        .orderBy('lead.createdOn', 'DESC')
        .addOrderBy('lead.id', 'DESC')
        .offset(query.offset)
        .limit(query.limit);
      return this.items(page);
    };
    const counts = filtered
      .clone()
      .select(`count(*) FILTER (WHERE lead.status = 'closed')::int`, 'closed')
      .addSelect(`count(*) FILTER (WHERE lead.status <> 'closed')::int`, 'open')
      .getRawOne<{ open: number; closed: number }>();
    const [open, closed, count, contacts, users, tags] = await Promise.all([
      half(false),
      half(true),
      counts,
      this.contacts.refs(principal),
      this.members.refs(principal.orgId),
      this.tags.all(principal.orgId),
    ]);
    return {
      open_leads: open,
      closed_leads: closed,
      open_leads_count: count?.open ?? 0,
      closed_leads_count: count?.closed ?? 0,
      contacts,
      users,
      source_list: Object.values(LeadSource),
      tags,
      status: Object.values(LeadStatus),
    };
  }

  async get(principal: OrgPrincipal, id: string): Promise<LeadDetailResponseDto> {
    const item = await this.item(this.leads.manager, principal, id);
    const [assignedTo, teams, related, contacts, mentions] = await Promise.all([
      this.members.refs(principal.orgId, item.assigned_to),
      this.teams.refs(principal.orgId, item.teams),
      this.comments.listFor(principal.orgId, { kind: LEAD_KIND.kind, id }),
      this.contacts.refsInOrg(principal.orgId, item.contacts),
      this.members.refs(principal.orgId),
    ]);
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
      users_mention: mentions,
      tags,
    };
  }

  /** Creates the lead, and with auto_convert (or status converted) its account, in one transaction. */
  async create(principal: OrgPrincipal, dto: CreateLeadDto): Promise<LeadItemDto> {
    await this.checkReferences(principal, dto);
    const convert = dto.auto_convert === true || dto.status === LeadStatus.CONVERTED;
    const { id, accountId } = await this.dataSource.transaction(async (manager) => {
      const leadId = await this.insert(manager, principal, { ...dto, status: convert ? LeadStatus.ASSIGNED : dto.status });
      return { id: leadId, accountId: convert ? await this.convertIn(manager, principal, leadId) : null };
    });
    const answer = await this.answer(principal, id, accountId);
    await this.announce(principal.orgId, principal.userId, answer, [], dto.assigned_to);
    return answer;
  }

  /** Tells newly assigned people, after the write has committed. */
  private announce(orgId: string, actor: string | null, item: LeadItemDto, before: string[], after: string[] | undefined) {
    return this.assignments.announce({
      orgId,
      kind: 'lead',
      recordId: item.id,
      recordName: `${item.first_name} ${item.last_name}`.trim(),
      userIds: newlyAssigned(before, after, actor),
      assignedBy: actor,
    });
  }

  /**
   * Inserts a lead and its links inside the caller's transaction (also used by imports and web
   * forms, where there is no signed-in creator).
   */
  async insert(manager: EntityManager, owner: LeadOwner, dto: CreateLeadDto): Promise<string> {
    const lead = await manager.getRepository(Lead).save({
      ...toLeadColumns(dto),
      orgId: owner.orgId,
      createdBy: owner.userId,
    });
    await this.writeLinks(manager, owner.orgId, lead.id, {
      assigned_to: dto.assigned_to ?? [],
      teams: dto.teams ?? [],
      contacts: dto.contacts ?? [],
      tags: dto.tags ?? [],
    });
    return lead.id;
  }

  /** A lead from a website's form, in the key's organization with the key's assignees and tags. */
  async createFromSite(grant: KeyGrant, dto: SiteLeadDto): Promise<LeadItemDto> {
    const id = await this.dataSource.transaction((manager) =>
      this.insert(manager, { orgId: grant.orgId, userId: null }, {
        ...dto,
        source: dto.source ?? LeadSource.WEBSITE,
        assigned_to: grant.assignees,
        tags: grant.tags,
      }),
    );
    const item = await this.itemInOrg(grant.orgId, id);
    await this.announce(grant.orgId, null, item, [], grant.assignees);
    return item;
  }

  async update(principal: OrgPrincipal, id: string, dto: UpdateLeadDto): Promise<LeadItemDto> {
    const current = await this.scope.load(this.leads.manager, principal, id);
    const before = await this.item(this.leads.manager, principal, id);
    await this.checkReferences(principal, dto, before);
    if (current.status === LeadStatus.CONVERTED && dto.status && dto.status !== LeadStatus.CONVERTED) {
      throw new ConflictError('LEAD_ALREADY_CONVERTED', 'A converted lead stays converted');
    }
    const convert = dto.status === LeadStatus.CONVERTED || dto.auto_convert === true;
    if (convert && current.status === LeadStatus.CONVERTED) throw alreadyConverted();
    const accountId = await this.dataSource.transaction(async (manager) => {
      const { status: _s, ...rest } = dto;
      const columns = toLeadColumns(convert ? rest : dto);
      if (Object.keys(columns).length > 0) await manager.getRepository(Lead).update({ id, orgId: principal.orgId }, columns);
      await this.writeLinks(manager, principal.orgId, id, dto);
      return convert ? this.convertIn(manager, principal, id) : null;
    });
    const answer = await this.answer(principal, id, accountId);
    await this.announce(principal.orgId, principal.userId, answer, before.assigned_to, dto.assigned_to);
    return answer;
  }

  async convert(principal: OrgPrincipal, id: string): Promise<LeadItemDto> {
    await this.scope.load(this.leads.manager, principal, id);
    const accountId = await this.dataSource.transaction((manager) => this.convertIn(manager, principal, id));
    return this.answer(principal, id, accountId);
  }

  async remove(principal: OrgPrincipal, id: string): Promise<void> {
    const lead = await this.scope.load(this.leads.manager, principal, id);
    assertCanDelete(principal, lead, 'lead');
    const keys = await this.dataSource.transaction(async (manager) => {
      const storageKeys = await this.comments.deleteAllOf(manager, principal.orgId, { kind: LEAD_KIND.kind, id });
      await manager.getRepository(Lead).delete({ id, orgId: principal.orgId });
      return storageKeys;
    });
    await this.comments.removeFiles(keys);
  }

  canSee(principal: OrgPrincipal, id: string): Promise<boolean> {
    return this.scope.canSee(this.leads.manager, principal, id);
  }

  private async items(builder: SelectQueryBuilder<Lead>): Promise<LeadItemDto[]> {
    return (await this.scope.withLinks<LeadLinks>(builder)).map(([lead, links]) => toLeadItem(lead, links));
  }

  async checkReferences(principal: OrgPrincipal, dto: LeadLinksInput, before?: LeadItemDto): Promise<void> {
    const { orgId } = principal;
    await assertReferences('assigned_to', dto.assigned_to, (ids) => this.members.activeMemberIds(orgId, ids));
    await assertReferences('teams', dto.teams, (ids) => this.teams.existingIds(orgId, ids));
    await assertReferences('contacts', dto.contacts, (ids) => this.contacts.visibleIds(principal, ids), before?.contacts);
  }

  /** A lead of the organization as a list item, for callers with no signed-in user (web forms). */
  async itemInOrg(orgId: string, id: string): Promise<LeadItemDto> {
    const builder = this.leads.createQueryBuilder('lead').where('lead.orgId = :orgId AND lead.id = :id', { orgId, id });
    const [item] = await this.items(builder);
    if (!item) throw new NotFoundError('Lead');
    return item;
  }

  async item(manager: EntityManager, principal: OrgPrincipal, id: string): Promise<LeadItemDto> {
    const [item] = await this.items(this.scope.byId(this.scope.visible(manager, principal), id));
    if (!item) throw new NotFoundError('Lead');
    return item;
  }

  /**
   * Converts inside the caller's transaction: locks the lead, refuses a second conversion,
   * creates the account from it and links both ways.
   */
  private async convertIn(manager: EntityManager, principal: OrgPrincipal, id: string): Promise<string> {
    const locked = await manager
      .getRepository(Lead)
      .createQueryBuilder('lead')
      .setLock('pessimistic_write')
      .where('lead.id = :id AND lead.orgId = :orgId', { id, orgId: principal.orgId })
      .getOne();
    if (!locked) throw new NotFoundError('Lead');
    if (locked.status === LeadStatus.CONVERTED || locked.convertedAccountId) throw alreadyConverted();
    const [[, links]] = await this.scope.withLinks<LeadLinks>(
      manager.getRepository(Lead).createQueryBuilder('lead').where('lead.id = :id', { id }),
    );
    const activeAssignees = await this.members.activeMemberIds(principal.orgId, links.assigned_to, manager);
    const accountId = await this.accounts.insert(manager, principal, toAccountFromLead(locked, links, activeAssignees), id);
    await manager
      .getRepository(Lead)
      .update({ id, orgId: principal.orgId }, { status: LeadStatus.CONVERTED, convertedAccountId: accountId });
    return accountId;
  }

  private async answer(principal: OrgPrincipal, id: string, accountId: string | null): Promise<LeadItemDto> {
    const item = await this.item(this.leads.manager, principal, id);
    return { ...item, converted_account: accountId ? await this.accounts.item(principal, accountId) : null };
  }

  private filtered(principal: OrgPrincipal, query: ListLeadsQueryDto): SelectQueryBuilder<Lead> {
    const builder = this.scope.visible(this.leads.manager, principal).andWhere('lead.status <> :converted', {
      converted: NEVER_LISTED,
    });
    if (query.name) {
      builder.andWhere('(lead.firstName ILIKE :name OR lead.lastName ILIKE :name)', { name: containsPattern(query.name) });
    }
    if (query.title) builder.andWhere('lead.title ILIKE :title', { title: containsPattern(query.title) });
    if (query.source) builder.andWhere('lead.source::text ILIKE :source', { source: containsPattern(query.source) });
    if (query.status) builder.andWhere('lead.status = :status', { status: query.status });
    if (query.city) builder.andWhere('lead.address.city ILIKE :city', { city: containsPattern(query.city) });
    if (query.email) builder.andWhere('lead.email ILIKE :email', { email: containsPattern(query.email) });
    if (query.tags?.length) whereHasAnyTag(builder, 'lead', TAGS, query.tags);
    if (query.assigned_to) whereLinkedTo(builder, 'lead', LINKS.assigned_to, query.assigned_to, 'assignee');
    return builder;
  }

  private async writeLinks(manager: EntityManager, orgId: string, id: string, links: LeadLinksInput): Promise<void> {
    await replaceLinks(manager, LINKS.assigned_to, id, links.assigned_to);
    await replaceLinks(manager, LINKS.teams, id, links.teams);
    await replaceLinks(manager, LINKS.contacts, id, links.contacts);
    if (links.tags) {
      const tags = await this.tags.resolve(orgId, links.tags, manager);
      await replaceLinks(manager, TAGS, id, tags.map((tag) => tag.id));
    }
  }
}
