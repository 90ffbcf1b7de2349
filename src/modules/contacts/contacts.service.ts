import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, type Repository } from 'typeorm';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { assertCanDelete, whereVisible } from '../../common/database/visibility.js';
import { ConflictError, NotFoundError } from '../../common/errors/app-error.js';
import { whereLinkedTo } from '../../common/database/link-arrays.js';
import { containsPattern } from '../../common/database/like.js';
import { type LinkTable, loadLinks, replaceLinks } from '../../common/database/links.js';
import { type Page, toPage } from '../../common/pagination/page.js';
import { assertReferences } from '../../common/validation/references.js';
import { TeamsService } from '../teams/teams.service.js';
import { MembersService } from '../users/members.service.js';
import { toContactColumns, toContactRef, toContactResponse } from './contact.mapper.js';
import { Contact } from './contact.entity.js';
import { RecordKind, type RecordKindService } from '../../common/records/record-kind.decorator.js';
import { CommentsService } from '../comments/comments.service.js';
import { CONTACT_KIND } from './contact.kind.js';
import type {
  ContactDetailResponseDto,
  ContactRefDto,
  ContactResponseDto,
  CreateContactDto,
  ListContactsQueryDto,
  UpdateContactDto,
} from './dto/contact.dto.js';

export const CONTACT_ASSIGNEES: LinkTable = { table: 'contact_assignees', owner: 'contact_id', target: 'user_id' };
const CONTACT_TEAMS: LinkTable = { table: 'contact_teams', owner: 'contact_id', target: 'team_id' };

const emailTaken = () =>
  new ConflictError('CONTACT_EMAIL_TAKEN', 'A contact with this primary e-mail already exists', {
    primary_email: ['is already used by another contact in this organization'],
  });

@RecordKind(CONTACT_KIND)
@Injectable()
export class ContactsService implements RecordKindService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Contact) private readonly contacts: Repository<Contact>,
    private readonly members: MembersService,
    private readonly teams: TeamsService,
    private readonly comments: CommentsService,
  ) {}

  async list(principal: OrgPrincipal, query: ListContactsQueryDto): Promise<Page<ContactResponseDto>> {
    const builder = this.visible(this.contacts.manager, principal);
    if (query.name) {
      builder.andWhere('(contact.firstName ILIKE :name OR contact.lastName ILIKE :name)', {
        name: containsPattern(query.name),
      });
    }
    if (query.city) builder.andWhere('contact.address.city ILIKE :city', { city: containsPattern(query.city) });
    if (query.email) {
      builder.andWhere('(contact.primaryEmail ILIKE :email OR contact.secondaryEmail ILIKE :email)', {
        email: containsPattern(query.email),
      });
    }
    if (query.phone) {
      builder.andWhere('(contact.mobileNumber ILIKE :phone OR contact.secondaryNumber ILIKE :phone)', {
        phone: containsPattern(query.phone),
      });
    }
    if (query.assigned_to) whereLinkedTo(builder, 'contact', CONTACT_ASSIGNEES, query.assigned_to, 'assignee');
    const [rows, count] = await builder
      .orderBy('contact.createdOn', 'DESC')
      .addOrderBy('contact.id', 'DESC')
      .skip(query.offset)
      .take(query.limit)
      .getManyAndCount();
    return toPage('/api/contacts/', query, count, await this.toResponses(rows));
  }

  async get(principal: OrgPrincipal, id: string): Promise<ContactResponseDto> {
    const [contact] = await this.toResponses([await this.loadVisible(this.contacts.manager, principal, id)]);
    return contact;
  }

  /** The contact with its comments and attachments. */
  async detail(principal: OrgPrincipal, id: string): Promise<ContactDetailResponseDto> {
    const contact = await this.get(principal, id);
    const { comments, attachments } = await this.comments.listFor(principal.orgId, { kind: CONTACT_KIND.kind, id });
    return { ...contact, comments, attachments };
  }

  canSee(principal: OrgPrincipal, id: string): Promise<boolean> {
    return this.visible(this.contacts.manager, principal).andWhere('contact.id = :id', { id }).getExists();
  }

  async create(principal: OrgPrincipal, dto: CreateContactDto): Promise<ContactResponseDto> {
    await this.checkReferences(principal.orgId, dto);
    const id = await this.dataSource.transaction(async (manager) => {
      await this.assertEmailFree(manager, principal.orgId, dto.primary_email);
      const contact = await manager.getRepository(Contact).save({
        ...toContactColumns(dto),
        orgId: principal.orgId,
        createdBy: principal.userId,
      });
      await replaceLinks(manager, CONTACT_ASSIGNEES, contact.id, dto.assigned_to ?? []);
      await replaceLinks(manager, CONTACT_TEAMS, contact.id, dto.teams ?? []);
      return contact.id;
    });
    return this.get(principal, id);
  }

  async update(principal: OrgPrincipal, id: string, dto: UpdateContactDto): Promise<ContactResponseDto> {
    await this.checkReferences(principal.orgId, dto);
    await this.dataSource.transaction(async (manager) => {
      const contact = await this.loadVisible(manager, principal, id);
      if (dto.primary_email && dto.primary_email.toLowerCase() !== contact.primaryEmail) {
        await this.assertEmailFree(manager, principal.orgId, dto.primary_email);
      }
      const columns = toContactColumns(dto);
      if (Object.keys(columns).length > 0) {
        await manager.getRepository(Contact).update({ id, orgId: principal.orgId }, columns);
      }
      await replaceLinks(manager, CONTACT_ASSIGNEES, id, dto.assigned_to);
      await replaceLinks(manager, CONTACT_TEAMS, id, dto.teams);
    });
    return this.get(principal, id);
  }

  /** Deletes the contact with its comments and attachments (rows in one transaction, then files). */
  async remove(principal: OrgPrincipal, id: string): Promise<void> {
    const contact = await this.loadVisible(this.contacts.manager, principal, id);
    assertCanDelete(principal, contact, 'contact');
    const keys = await this.dataSource.transaction(async (manager) => {
      const storageKeys = await this.comments.deleteAllOf(manager, principal.orgId, { kind: CONTACT_KIND.kind, id });
      await manager.getRepository(Contact).delete({ id, orgId: principal.orgId });
      return storageKeys;
    });
    await this.comments.removeFiles(keys);
  }

  /** Of the given contact ids, those the caller may see (one query): what a body may link to. */
  async visibleIds(principal: OrgPrincipal, ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.visible(this.contacts.manager, principal)
      .andWhere('contact.id IN (:...ids)', { ids })
      .select('contact.id')
      .getMany();
    return rows.map((row) => row.id);
  }

  /** Compact contacts linked to a record the caller can see, whoever may see the contacts. */
  async refsInOrg(orgId: string, ids: readonly string[]): Promise<ContactRefDto[]> {
    if (ids.length === 0) return [];
    const rows = await this.contacts.find({ where: { orgId, id: In([...ids]) }, order: { firstName: 'ASC', lastName: 'ASC' } });
    return rows.map(toContactRef);
  }

  /** Compact contacts for side lists: the given ones, or all the caller may see. */
  async refs(principal: OrgPrincipal, ids?: readonly string[]): Promise<ContactRefDto[]> {
    if (ids?.length === 0) return [];
    const builder = this.visible(this.contacts.manager, principal);
    if (ids) builder.andWhere('contact.id IN (:...ids)', { ids });
    const rows = await builder.orderBy('contact.firstName', 'ASC').addOrderBy('contact.lastName', 'ASC').getMany();
    return rows.map(toContactRef);
  }

  private async checkReferences(orgId: string, dto: UpdateContactDto): Promise<void> {
    await assertReferences('assigned_to', dto.assigned_to, (ids) => this.members.activeMemberIds(orgId, ids));
    await assertReferences('teams', dto.teams, (ids) => this.teams.existingIds(orgId, ids));
  }

  private visible(manager: EntityManager, principal: OrgPrincipal) {
    const builder = manager
      .getRepository(Contact)
      .createQueryBuilder('contact')
      .where('contact.orgId = :orgId', { orgId: principal.orgId });
    return whereVisible(builder, 'contact', CONTACT_ASSIGNEES, principal);
  }

  private async loadVisible(manager: EntityManager, principal: OrgPrincipal, id: string): Promise<Contact> {
    const contact = await this.visible(manager, principal).andWhere('contact.id = :id', { id }).getOne();
    if (!contact) throw new NotFoundError('Contact');
    return contact;
  }

  private async assertEmailFree(manager: EntityManager, orgId: string, email: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`contact:${orgId}:${email.toLowerCase()}`]);
    const taken = await manager
      .getRepository(Contact)
      .createQueryBuilder('contact')
      .where('contact.orgId = :orgId AND lower(contact.primaryEmail) = lower(:email)', { orgId, email })
      .getExists();
    if (taken) throw emailTaken();
  }

  private async toResponses(contacts: Contact[]): Promise<ContactResponseDto[]> {
    const ids = contacts.map((contact) => contact.id);
    const [assignees, teams] = await Promise.all([
      loadLinks(this.contacts.manager, CONTACT_ASSIGNEES, ids),
      loadLinks(this.contacts.manager, CONTACT_TEAMS, ids),
    ]);
    return contacts.map((contact) =>
      toContactResponse(contact, assignees.get(contact.id) ?? [], teams.get(contact.id) ?? []),
    );
  }
}
