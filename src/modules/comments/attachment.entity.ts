import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { ParentedEntity } from './parented.entity.js';
import { User } from '../users/user.entity.js';

/** A file on exactly one parent record; the bytes live in FileStorage under `storageKey`. */
@Entity('attachments')
@Index('ix_attachments_parent', ['orgId', 'parentKind', 'parentId', 'createdOn'])
@Index('uq_attachments_org_storage_key', ['orgId', 'storageKey'], { unique: true })
export class Attachment extends ParentedEntity {
  /** The uploader's file name, for display and downloads only; never used as a path. */
  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  /** Server-made, under the organization's prefix. */
  @Column({ type: 'varchar', length: 255 })
  storageKey: string;

  /** Sniffed from the bytes, not taken from the client. */
  @Column({ type: 'varchar', length: 255 })
  contentType: string;

  @Column({ type: 'bigint', transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  size: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  uploader?: Relation<User>;
}
