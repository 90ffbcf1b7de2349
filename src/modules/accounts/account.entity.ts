import { Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, type Relation } from 'typeorm';
import { Address } from '../../common/database/address.embedded.js';
import { VersionedRecord } from '../../common/database/tenant-entity.js';
import { Contact } from '../contacts/contact.entity.js';
import { Tag } from '../tags/tag.entity.js';
import { Team } from '../teams/team.entity.js';
import { User } from '../users/user.entity.js';

export enum AccountStatus {
  OPEN = 'open',
  CLOSED = 'closed',
}

/**
 * A customer company. The many-to-many relations declare the join tables for the schema; they
 * are read and written with the shared link helpers, so a list page is one query however many
 * links it has.
 */
@Index('ix_accounts_org_created', ['orgId', 'createdOn', 'id'])
@Index('ix_accounts_org_updated', ['orgId', 'updatedOn', 'id'])
@Index('ix_accounts_org_name', ['orgId', 'name', 'id'])
// The column a deleted row's references are looked up by (docs/scaling.md, "Indexed references").
@Index('ix_accounts_lead', ['leadId'], { where: 'lead_id IS NOT NULL' })
@Entity('accounts')
@Index('ix_accounts_org_status_created', ['orgId', 'status', 'createdOn', 'id'])
@Index('ix_accounts_name_trgm', { synchronize: false })
@Index('ix_accounts_billing_city_trgm', { synchronize: false })
@Index('ix_accounts_industry_trgm', { synchronize: false })
export class Account extends VersionedRecord {
  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'varchar', length: 254, default: '' })
  email: string;

  @Column({ type: 'varchar', length: 32, default: '' })
  phone: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  industry: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'varchar', length: 2048, default: '' })
  website: string;

  /** The person to ask for, as free text (Django-CRM's field); linked people are `contacts`. */
  @Column({ type: 'varchar', length: 255, default: '' })
  contactName: string;

  @Column({ type: 'enum', enum: AccountStatus, enumName: 'account_status', default: AccountStatus.OPEN })
  status: AccountStatus;







  @Column(() => Address, { prefix: 'billing' })
  billing: Address;

  /** The lead this account was converted from, if any. */
  @Column({ type: 'uuid', nullable: true })
  leadId: string | null;

  // By entity name: leads depend on accounts (conversion), not the other way round.
  @ManyToOne('Lead', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'lead_id' })
  lead?: unknown;

  @ManyToMany(() => User)
  @JoinTable({ name: 'account_assignees', joinColumn: { name: 'account_id' }, inverseJoinColumn: { name: 'user_id' } })
  assignedTo?: Relation<User>[];

  @ManyToMany(() => Team)
  @JoinTable({ name: 'account_teams', joinColumn: { name: 'account_id' }, inverseJoinColumn: { name: 'team_id' } })
  teams?: Relation<Team>[];

  @ManyToMany(() => Contact)
  @JoinTable({ name: 'account_contacts', joinColumn: { name: 'account_id' }, inverseJoinColumn: { name: 'contact_id' } })
  contacts?: Relation<Contact>[];

  @ManyToMany(() => Tag)
  @JoinTable({ name: 'account_tags', joinColumn: { name: 'account_id' }, inverseJoinColumn: { name: 'tag_id' } })
  tags?: Relation<Tag>[];
}
