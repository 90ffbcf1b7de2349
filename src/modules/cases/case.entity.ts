import { Column, Entity, Index, JoinColumn, JoinTable, ManyToMany, ManyToOne, type Relation } from 'typeorm';
import { VersionedRecord } from '../../common/database/tenant-entity.js';
import { Account } from '../accounts/account.entity.js';
import { Contact } from '../contacts/contact.entity.js';
import { Team } from '../teams/team.entity.js';
import { User } from '../users/user.entity.js';

export enum CaseStatus {
  NEW = 'New',
  IN_PROGRESS = 'In Progress',
  ON_HOLD = 'On Hold',
  CLOSED = 'Closed',
}

export enum CasePriority {
  LOW = 'Low',
  NORMAL = 'Normal',
  HIGH = 'High',
  CRITICAL = 'Critical',
}

export enum CaseType {
  TECHNICAL = 'Technical',
  BILLING = 'Billing',
  GENERAL = 'General',
  BUG_REPORT = 'Bug Report',
  FEATURE_REQUEST = 'Feature Request',
}

/** A support case. Kept when its account is deleted (the link becomes null). */
@Index('ix_cases_org_updated', ['orgId', 'updatedOn', 'id'])
@Index('ix_cases_org_name', ['orgId', 'name', 'id'])
@Entity('cases')
@Index('ix_cases_org_created', ['orgId', 'createdOn', 'id'])
@Index('ix_cases_org_status_created', ['orgId', 'status', 'createdOn', 'id'])
@Index('ix_cases_account', ['accountId'])
@Index('ix_cases_name_trgm', { synchronize: false })
export class Case extends VersionedRecord {
  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ type: 'enum', enum: CaseStatus, enumName: 'case_status', default: CaseStatus.NEW })
  status: CaseStatus;

  @Column({ type: 'enum', enum: CasePriority, enumName: 'case_priority', default: CasePriority.NORMAL })
  priority: CasePriority;

  @Column({ type: 'enum', enum: CaseType, enumName: 'case_type', nullable: true })
  caseType: CaseType | null;

  @Column({ type: 'text', default: '' })
  description: string;

  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @ManyToOne(() => Account, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account>;

  @Column({ type: 'timestamptz', nullable: true })
  closedOn: Date | null;

  @ManyToMany(() => User)
  @JoinTable({ name: 'case_assignees', joinColumn: { name: 'case_id' }, inverseJoinColumn: { name: 'user_id' } })
  assignedTo?: Relation<User>[];

  @ManyToMany(() => Team)
  @JoinTable({ name: 'case_teams', joinColumn: { name: 'case_id' }, inverseJoinColumn: { name: 'team_id' } })
  teams?: Relation<Team>[];

  @ManyToMany(() => Contact)
  @JoinTable({ name: 'case_contacts', joinColumn: { name: 'case_id' }, inverseJoinColumn: { name: 'contact_id' } })
  contacts?: Relation<Contact>[];
}
