import { Check, Column, Entity, Index, JoinTable, ManyToMany, type Relation } from 'typeorm';
import { RecordWithRelated } from '../../common/database/related-records.js';
import { Contact } from '../contacts/contact.entity.js';
import { Team } from '../teams/team.entity.js';
import { User } from '../users/user.entity.js';

export enum TaskStatus {
  NEW = 'New',
  IN_PROGRESS = 'In Progress',
  COMPLETED = 'Completed',
}

export enum TaskPriority {
  LOW = 'Low',
  MEDIUM = 'Medium',
  HIGH = 'High',
}

/**
 * Follow-up work, usually of an account, and of at most one other record (a lead, an opportunity
 * or a case). Related records are named by entity name: those modules do not depend on tasks.
 */
@Index('ix_tasks_org_updated', ['orgId', 'updatedOn', 'id'])
// The column a deleted row's references are looked up by (docs/scaling.md, "Indexed references").
@Index('ix_tasks_lead', ['leadId'], { where: 'lead_id IS NOT NULL' })
@Index('ix_tasks_opportunity', ['opportunityId'], { where: 'opportunity_id IS NOT NULL' })
@Index('ix_tasks_case', ['caseId'], { where: 'case_id IS NOT NULL' })
@Entity('tasks')
@Index('ix_tasks_org_created', ['orgId', 'createdOn', 'id'])
@Index('ix_tasks_org_due', ['orgId', 'dueDate'])
@Index('ix_tasks_account', ['accountId'])
// Open tasks by due date, newest first within a day (the dashboard's order); migration KeptDashboardTotals.
@Index('ix_tasks_org_open_due', { synchronize: false })
@Index('uq_tasks_org_title', { synchronize: false })
@Check('ck_tasks_one_related', 'num_nonnulls("lead_id", "opportunity_id", "case_id") <= 1')
export class Task extends RecordWithRelated {
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'enum', enum: TaskStatus, enumName: 'task_status', default: TaskStatus.NEW })
  status: TaskStatus;

  @Column({ type: 'enum', enum: TaskPriority, enumName: 'task_priority', default: TaskPriority.MEDIUM })
  priority: TaskPriority;

  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Column({ type: 'text', default: '' })
  description: string;

  /** Set when the status becomes Completed; cleared if it leaves Completed. */
  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @ManyToMany(() => User)
  @JoinTable({ name: 'task_assignees', joinColumn: { name: 'task_id' }, inverseJoinColumn: { name: 'user_id' } })
  assignedTo?: Relation<User>[];

  @ManyToMany(() => Team)
  @JoinTable({ name: 'task_teams', joinColumn: { name: 'task_id' }, inverseJoinColumn: { name: 'team_id' } })
  teams?: Relation<Team>[];

  @ManyToMany(() => Contact)
  @JoinTable({ name: 'task_contacts', joinColumn: { name: 'task_id' }, inverseJoinColumn: { name: 'contact_id' } })
  contacts?: Relation<Contact>[];
}
