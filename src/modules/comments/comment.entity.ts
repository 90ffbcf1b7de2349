import { Check, Column, Entity, Index, JoinColumn, ManyToOne, type Relation, UpdateDateColumn } from 'typeorm';
import { TenantEntity } from '../../database/tenant-entity.js';
import { Account } from '../accounts/account.entity.js';
import { Case } from '../cases/case.entity.js';
import { Lead } from '../leads/lead.entity.js';
import { User } from '../users/user.entity.js';

/**
 * A comment on exactly one parent record. One nullable foreign key per parent kind (not a
 * type/id pair) keeps real cascades; adding a parent kind is one column and one migration.
 */
@Entity('comments')
@Check('ck_comments_one_parent', 'num_nonnulls("account_id", "lead_id", "case_id") = 1')
@Index('ix_comments_account', ['accountId', 'createdOn'])
@Index('ix_comments_case', ['caseId', 'createdOn'])
@Index('ix_comments_lead', ['leadId', 'createdOn'])
export class Comment extends TenantEntity {
  @Column({ type: 'text' })
  comment: string;

  @Column({ type: 'uuid', nullable: true })
  commentedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'commented_by' })
  author?: Relation<User>;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedOn: Date;

  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Relation<Account>;

  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Relation<Case>;

  @Column({ type: 'uuid', nullable: true })
  leadId: string | null;

  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id' })
  lead?: Relation<Lead>;
}
