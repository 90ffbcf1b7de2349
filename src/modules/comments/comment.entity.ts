import { Check, Column, Entity, Index, JoinColumn, ManyToOne, type Relation, UpdateDateColumn } from 'typeorm';
import { ParentedEntity } from './parented.entity.js';
import { User } from '../users/user.entity.js';

/** A comment on exactly one parent record (see ParentedEntity). */
@Entity('comments')
@Check('ck_comments_one_parent', 'num_nonnulls("account_id", "lead_id", "case_id") = 1')
@Index('ix_comments_account', ['accountId', 'createdOn'])
@Index('ix_comments_case', ['caseId', 'createdOn'])
@Index('ix_comments_lead', ['leadId', 'createdOn'])
export class Comment extends ParentedEntity {
  @Column({ type: 'text' })
  comment: string;

  @Column({ type: 'uuid', nullable: true })
  commentedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'commented_by' })
  author?: Relation<User>;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedOn: Date;
}
