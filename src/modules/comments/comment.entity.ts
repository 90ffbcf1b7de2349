import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation, UpdateDateColumn } from 'typeorm';
import { ParentedEntity } from './parented.entity.js';
import { User } from '../users/user.entity.js';

/** A comment on exactly one parent record (see ParentedEntity). */
@Entity('comments')
@Index('ix_comments_parent', ['orgId', 'parentKind', 'parentId', 'createdOn'])
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

  /** Moved on by the bump_record_revision trigger at every edit, as a record's: the comment's ETag. */
  @Column({ type: 'int', default: 1, insert: false, update: false })
  revision: number;
}
