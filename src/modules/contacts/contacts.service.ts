import { Injectable } from '@nestjs/common';
import type { SelectQueryBuilder } from 'typeorm';
import { In } from 'typeorm';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { type EmbeddedRows, embeddedEntities } from '../../common/database/embedded-rows.js';
import { containsPattern } from '../../common/database/like.js';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { ConflictError } from '../../common/errors/app-error.js';
import type { CursorPage } from '../../common/pagination/page.js';
import { RecordKind, type RecordKindService } from '../../common/records/record-kind.decorator.js';
import { type LinkRow, type RecordStore, RecordStores } from '../../common/records/record-store.js';
import { RecordUseCases } from '../../common/records/record-use-cases.js';
import { ASSIGNEES_AND_TEAMS } from '../../common/records/standard-links.js';
import { CommentsService } from '../comments/comments.service.js';
import { CONTACT_KIND } from './contact.kind.js';
import { toContactColumns, toContactRef, toContactResponse } from './contact.mapper.js';
import { Contact } from './contact.entity.js';
import type {
  ContactDetailResponseDto,
  ContactRefDto,
  ContactResponseDto,
  CreateContactDto,
  ListContactsQueryDto,
  UpdateContactDto,
} from './dto/contact.dto.js';

const emailTaken = () =>
  new ConflictError('CONTACT_EMAIL_TAKEN', 'A contact with this primary e-mail already exists', {
    primary_email: ['is already used by another contact in this organization'],
  });

/** A contact's links: assignees and teams, no contacts of its own. */
const CONTACT_LINKS = ASSIGNEES_AND_TEAMS;
type ContactLinks = LinkRow<typeof CONTACT_LINKS>;

@RecordKind(CONTACT_KIND)
@Injectable()
export class ContactsService extends RecordUseCases<Contact, ContactResponseDto, typeof CONTACT_LINKS, CreateContactDto, UpdateContactDto> implements RecordKindService {
  protected readonly store: RecordStore<Contact, typeof CONTACT_LINKS>;

  constructor(
    stores: RecordStores,
    @InjectDb() private readonly db: Db,
    private readonly comments: CommentsService,
  ) {
    super();
    this.store = stores.for({ kind: CONTACT_KIND, entity: Contact, alias: 'contact', links: CONTACT_LINKS, assignees: 'assigned_to' });
  }

  list(principal: OrgPrincipal, query: ListContactsQueryDto): Promise<CursorPage<ContactResponseDto>> {
    return this.listPage(principal, query, this.filtered(principal, query));
  }

  protected override filtered(principal: OrgPrincipal, query: ListContactsQueryDto): SelectQueryBuilder<Contact> {
    const builder = this.store.visible(principal);
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
    if (query.assigned_to) this.store.whereLinked(builder, 'assigned_to', query.assigned_to);
    return builder;
  }

  get(principal: OrgPrincipal, id: string): Promise<ContactResponseDto> {
    return this.item(principal, id);
  }

  /** The contact with its comments and attachments. */
  async detail(principal: OrgPrincipal, id: string): Promise<ContactDetailResponseDto> {
    const contact = await this.get(principal, id);
    const { comments, attachments } = await this.comments.listFor(principal.orgId, { kind: CONTACT_KIND.kind, id });
    return { ...contact, comments, attachments };
  }

  protected toItem(row: Contact, links: ContactLinks): ContactResponseDto {
    return toContactResponse(row, links.assigned_to, links.teams);
  }

  protected override nameOf(contact: ContactResponseDto): string {
    return `${contact.first_name} ${contact.last_name}`.trim();
  }

  protected async insertColumns(principal: OrgPrincipal, dto: CreateContactDto): Promise<object> {
    await this.assertEmailFree(principal.orgId, dto.primary_email);
    return toContactColumns(dto);
  }

  protected async updateColumns(principal: OrgPrincipal, dto: UpdateContactDto, current: Contact): Promise<object> {
    if (dto.primary_email && dto.primary_email.toLowerCase() !== current.primaryEmail) await this.assertEmailFree(principal.orgId, dto.primary_email);
    return toContactColumns(dto);
  }

  /** Compact contacts linked to a record the caller can see, whoever may see the contacts. */
  async refsInOrg(orgId: string, ids: readonly string[]): Promise<ContactRefDto[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.tx
      .getRepository(Contact)
      .find({ where: { orgId, id: In([...ids]) }, order: { firstName: 'ASC', lastName: 'ASC' } });
    return rows.map(toContactRef);
  }

  /**
   * Compact forms of the contacts whose ids `ids` selects (see RecordStore.linkedIds) that the
   * caller may see, by name, for a record's detail: a linked contact hidden from a USER is left out.
   */
  refsEmbedded(principal: OrgPrincipal, ids: string): EmbeddedRows<ContactRefDto> {
    const builder = this.store
      .visible(principal)
      .andWhere(`contact.id IN (${ids})`)
      .orderBy('contact.firstName', 'ASC')
      .addOrderBy('contact.lastName', 'ASC');
    return embeddedEntities(builder, ['id', 'firstName', 'lastName', 'primaryEmail'], toContactRef);
  }

  /** The first contacts the caller may see (by name) and how many there are, embedded in a page's statement: the side list of account and lead pages. */
  sideList(principal: OrgPrincipal): EmbeddedRows<ContactRefDto> {
    const builder = this.store.visible(principal).orderBy('contact.firstName', 'ASC').addOrderBy('contact.lastName', 'ASC').addOrderBy('contact.id', 'ASC');
    return embeddedEntities(builder, ['id', 'firstName', 'lastName', 'primaryEmail'], toContactRef, true);
  }

  /** Compact forms of the given contacts, those the caller may see. */
  async refs(principal: OrgPrincipal, ids: readonly string[]): Promise<ContactRefDto[]> {
    if (ids.length === 0) return [];
    const builder = this.store.visible(principal).andWhere('contact.id IN (:...ids)', { ids });
    const rows = await builder.orderBy('contact.firstName', 'ASC').addOrderBy('contact.lastName', 'ASC').getMany();
    return rows.map(toContactRef);
  }

  /**
   * The organization's contact with this primary e-mail, or a new one made from `dto`, in the
   * transaction in progress (lead conversion); references already checked. Null when that contact
   * exists but the caller may not see it: it is neither linked nor duplicated.
   */
  async findOrInsert(principal: OrgPrincipal, dto: CreateContactDto): Promise<string | null> {
    const existing = await this.lockedIdByEmail(principal.orgId, dto.primary_email);
    if (existing) return (await this.store.canSee(principal, existing)) ? existing : null;
    return this.insertFrom(principal, dto, toContactColumns(dto));
  }

  private async assertEmailFree(orgId: string, email: string): Promise<void> {
    if (await this.lockedIdByEmail(orgId, email)) throw emailTaken();
  }

  /** Addresses are unique per organization ignoring case; the lock makes a concurrent create of the same one wait. */
  private async lockedIdByEmail(orgId: string, email: string): Promise<string | undefined> {
    await this.db.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`contact:${orgId}:${email.toLowerCase()}`]);
    const found = await this.db.tx
      .getRepository(Contact)
      .createQueryBuilder('contact')
      .select('contact.id')
      .where('contact.orgId = :orgId AND lower(contact.primaryEmail) = lower(:email)', { orgId, email })
      .getOne();
    return found?.id;
  }

  recent(principal: OrgPrincipal, limit: number): EmbeddedRows<ContactResponseDto> {
    return this.newest(principal, limit);
  }
}
