import { Column, Entity, Index, JoinTable, ManyToMany, type Relation } from 'typeorm';
import { Address } from '../../common/database/address.embedded.js';
import { VersionedRecord } from '../../common/database/tenant-entity.js';
import { Team } from '../teams/team.entity.js';
import { User } from '../users/user.entity.js';

/** A person at a customer; primary e-mail unique per organization (ignoring case). */
@Index('ix_contacts_org_updated', ['orgId', 'updatedOn', 'id'])
@Entity('contacts')
@Index('ix_contacts_org_created', ['orgId', 'createdOn', 'id'])
// The side list of account and lead pages: the first contacts by name, read in order.
@Index('ix_contacts_org_name', ['orgId', 'firstName', 'lastName', 'id'])
@Index('uq_contacts_org_primary_email', { synchronize: false })
@Index('ix_contacts_first_name_trgm', { synchronize: false })
@Index('ix_contacts_last_name_trgm', { synchronize: false })
@Index('ix_contacts_primary_email_trgm', { synchronize: false })
@Index('ix_contacts_city_trgm', { synchronize: false })
export class Contact extends VersionedRecord {
  @Column({ type: 'varchar', length: 20, default: '' })
  salutation: string;

  @Column({ type: 'varchar', length: 255 })
  firstName: string;

  @Column({ type: 'varchar', length: 255 })
  lastName: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  title: string;

  @Column({ type: 'varchar', length: 254 })
  primaryEmail: string;

  @Column({ type: 'varchar', length: 254, default: '' })
  secondaryEmail: string;

  @Column({ type: 'varchar', length: 32, default: '' })
  mobileNumber: string;

  @Column({ type: 'varchar', length: 32, default: '' })
  secondaryNumber: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  department: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'boolean', default: false })
  doNotCall: boolean;

  /** Where the person works, as free text (Django-CRM's field). */
  @Column({ name: 'organization', type: 'varchar', length: 255, default: '' })
  organizationName: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  language: string;

  @Column({ type: 'varchar', length: 2048, default: '' })
  linkedInUrl: string;

  @Column({ type: 'varchar', length: 2048, default: '' })
  facebookUrl: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  twitterUsername: string;

  @Column({ type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column(() => Address, { prefix: false })
  address: Address;

  @ManyToMany(() => User)
  @JoinTable({
    name: 'contact_assignees',
    joinColumn: { name: 'contact_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'user_id', referencedColumnName: 'id' },
  })
  assignedTo?: Relation<User>[];

  @ManyToMany(() => Team, { onDelete: 'CASCADE' })
  @JoinTable({
    name: 'contact_teams',
    joinColumn: { name: 'contact_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'team_id', referencedColumnName: 'id' },
  })
  teams?: Relation<Team>[];
}
