import { Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, type Relation } from 'typeorm';
import { VersionedRecord } from '../../common/database/tenant-entity.js';
import { LeadSource } from '../../common/records/lead-source.js';
import { Account } from '../accounts/account.entity.js';
import { Contact } from '../contacts/contact.entity.js';
import { Tag } from '../tags/tag.entity.js';
import { Team } from '../teams/team.entity.js';
import { User } from '../users/user.entity.js';
import { OpportunityStage } from './opportunity-stage.js';

/** A deal in the sales pipeline, usually of an account. */
@Index('ix_opportunities_org_updated', ['orgId', 'updatedOn', 'id'])
@Index('ix_opportunities_org_name', ['orgId', 'name', 'id'])
// The column a deleted row's references are looked up by (docs/scaling.md, "Indexed references").
@Index('ix_opportunities_lead', ['leadId'], { where: 'lead_id IS NOT NULL' })
@Entity('opportunities')
@Index('ix_opportunities_org_created', ['orgId', 'createdOn', 'id'])
@Index('ix_opportunities_account', ['accountId'])
@Index('uq_opportunities_org_name', { synchronize: false })
export class Opportunity extends VersionedRecord {
  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'enum', enum: OpportunityStage, enumName: 'opportunity_stage' })
  stage: OpportunityStage;

  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @ManyToOne(() => Account, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account>;

  /** Exact money: numeric, answered as a two-decimal string. */
  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true })
  amount: string | null;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'smallint' })
  probability: number;

  @Column({ type: 'enum', enum: LeadSource, enumName: 'lead_source', nullable: true })
  leadSource: LeadSource | null;

  /** Expected close date. */
  @Column({ type: 'date', nullable: true })
  closedOn: string | null;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'uuid', nullable: true })
  closedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'closed_by' })
  closer?: Relation<User>;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** The lead it was converted from (by entity name: leads depend on opportunities, not the other way). */
  @Column({ type: 'uuid', nullable: true })
  leadId: string | null;

  @ManyToOne('Lead', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'lead_id' })
  lead?: unknown;

  @ManyToMany(() => User)
  @JoinTable({ name: 'opportunity_assignees', joinColumn: { name: 'opportunity_id' }, inverseJoinColumn: { name: 'user_id' } })
  assignedTo?: Relation<User>[];

  @ManyToMany(() => Team)
  @JoinTable({ name: 'opportunity_teams', joinColumn: { name: 'opportunity_id' }, inverseJoinColumn: { name: 'team_id' } })
  teams?: Relation<Team>[];

  @ManyToMany(() => Contact)
  @JoinTable({ name: 'opportunity_contacts', joinColumn: { name: 'opportunity_id' }, inverseJoinColumn: { name: 'contact_id' } })
  contacts?: Relation<Contact>[];

  @ManyToMany(() => Tag)
  @JoinTable({ name: 'opportunity_tags', joinColumn: { name: 'opportunity_id' }, inverseJoinColumn: { name: 'tag_id' } })
  tags?: Relation<Tag>[];
}
