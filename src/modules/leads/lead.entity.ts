import { Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, type Relation } from 'typeorm';
import { Address } from '../../common/database/address.embedded.js';
import { VersionedRecord } from '../../common/database/tenant-entity.js';
import { LeadSource } from '../../common/records/lead-source.js';
import { Account } from '../accounts/account.entity.js';
import { Contact } from '../contacts/contact.entity.js';
import { Opportunity } from '../opportunities/opportunity.entity.js';
import { Tag } from '../tags/tag.entity.js';
import { Team } from '../teams/team.entity.js';
import { User } from '../users/user.entity.js';

export enum LeadStatus {
  ASSIGNED = 'assigned',
  IN_PROCESS = 'in process',
  CONVERTED = 'converted',
  RECYCLED = 'recycled',
  CLOSED = 'closed',
}

/** A prospective customer; converting it creates an account (and a contact and an opportunity when it can) and links them. */
@Index('ix_leads_org_created', ['orgId', 'createdOn', 'id'])
@Index('ix_leads_org_updated', ['orgId', 'updatedOn', 'id'])
// The column a deleted row's references are looked up by (docs/scaling.md, "Indexed references").
@Index('ix_leads_converted_account', ['convertedAccountId'], { where: 'converted_account_id IS NOT NULL' })
@Index('ix_leads_converted_contact', ['convertedContactId'], { where: 'converted_contact_id IS NOT NULL' })
@Index('ix_leads_converted_opportunity', ['convertedOpportunityId'], { where: 'converted_opportunity_id IS NOT NULL' })
@Entity('leads')
@Index('ix_leads_org_status_created', ['orgId', 'status', 'createdOn', 'id'])
// The list's open half spans several statuses, which the index above cannot serve in date order.
@Index('ix_leads_org_open_created', ['orgId', 'createdOn', 'id'], { where: "status NOT IN ('closed', 'converted')" })
@Index('ix_leads_org_email', { synchronize: false })
// Deleting a company unlinks its leads: found by this, not by a scan of every lead.
@Index('ix_leads_company', ['companyId'], { where: 'company_id IS NOT NULL' })
@Index('ix_leads_first_name_trgm', { synchronize: false })
@Index('ix_leads_last_name_trgm', { synchronize: false })
@Index('ix_leads_email_trgm', { synchronize: false })
@Index('ix_leads_city_trgm', { synchronize: false })
@Index('ix_leads_title_trgm', { synchronize: false })
export class Lead extends VersionedRecord {
  @Column({ type: 'varchar', length: 255, default: '' })
  title: string;

  @Column({ type: 'varchar', length: 255 })
  firstName: string;

  @Column({ type: 'varchar', length: 255 })
  lastName: string;

  @Column({ type: 'varchar', length: 254, default: '' })
  email: string;

  @Column({ type: 'varchar', length: 32, default: '' })
  phone: string;

  @Column({ type: 'enum', enum: LeadStatus, enumName: 'lead_status', default: LeadStatus.ASSIGNED })
  status: LeadStatus;

  @Column({ type: 'enum', enum: LeadSource, enumName: 'lead_source', nullable: true })
  source: LeadSource | null;

  @Column({ type: 'varchar', length: 255, default: '' })
  accountName: string;

  @Column({ type: 'varchar', length: 2048, default: '' })
  website: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** Read as a string with two decimals, never a float. */
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  opportunityAmount: string | null;

  @Column(() => Address, { prefix: false })
  address: Address;

  /** Percent, 0 to 100: how likely the lead is to buy (Django-CRM's field). */
  @Column({ type: 'smallint', nullable: true })
  probability: number | null;

  @Column({ type: 'varchar', length: 255, default: '' })
  industry: string;

  @Column({ type: 'varchar', length: 100, default: '' })
  skypeId: string;

  /** The organization the person named it (free text, as in Django-CRM); `company` is the linked one. */
  @Column({ name: 'organization', type: 'varchar', length: 255, default: '' })
  organizationName: string;

  @Column({ type: 'date', nullable: true })
  closeDate: string | null;

  @Column({ type: 'varchar', length: 255, default: '' })
  enquiryType: string;

  @Column({ type: 'uuid', nullable: true })
  companyId: string | null;

  // By entity name: companies already reference leads (the lead a company came from).
  @ManyToOne('Company', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'company_id' })
  company?: unknown;

  @Column({ type: 'uuid', nullable: true })
  convertedAccountId: string | null;

  @ManyToOne(() => Account, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'converted_account_id' })
  convertedAccount?: Relation<Account>;

  @Column({ type: 'uuid', nullable: true })
  convertedContactId: string | null;

  @ManyToOne(() => Contact, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'converted_contact_id' })
  convertedContact?: Relation<Contact>;

  @Column({ type: 'uuid', nullable: true })
  convertedOpportunityId: string | null;

  @ManyToOne(() => Opportunity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'converted_opportunity_id' })
  convertedOpportunity?: Relation<Opportunity>;

  @ManyToMany(() => User)
  @JoinTable({ name: 'lead_assignees', joinColumn: { name: 'lead_id' }, inverseJoinColumn: { name: 'user_id' } })
  assignedTo?: Relation<User>[];

  @ManyToMany(() => Team)
  @JoinTable({ name: 'lead_teams', joinColumn: { name: 'lead_id' }, inverseJoinColumn: { name: 'team_id' } })
  teams?: Relation<Team>[];

  @ManyToMany(() => Contact)
  @JoinTable({ name: 'lead_contacts', joinColumn: { name: 'lead_id' }, inverseJoinColumn: { name: 'contact_id' } })
  contacts?: Relation<Contact>[];

  @ManyToMany(() => Tag)
  @JoinTable({ name: 'lead_tags', joinColumn: { name: 'lead_id' }, inverseJoinColumn: { name: 'tag_id' } })
  tags?: Relation<Tag>[];
}
