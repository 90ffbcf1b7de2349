import { Column, Entity, Index, JoinTable, ManyToMany, type Relation } from 'typeorm';
import { VersionedRecord } from '../../common/database/tenant-entity.js';
import { Team } from '../teams/team.entity.js';
import { User } from '../users/user.entity.js';

export enum DocumentStatus {
  ACTIVE = 'active',
  INACTIVE = 'inactive',
}

/** What a stored file is: the same columns on a document (its current file) and on each version. */
export abstract class StoredFileColumns {
  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'bigint', transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  size: number;

  /** Sniffed from the bytes, never taken from the client. */
  @Column({ type: 'varchar', length: 100 })
  contentType: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 255 })
  storageKey: string;
}

/**
 * A file shared in the organization. The row carries its current file; every upload (the first
 * included) is also a DocumentVersion, so replacing a file keeps the previous ones.
 */
@Index('ix_documents_org_created', ['orgId', 'createdOn', 'id'])
@Index('ix_documents_org_updated', ['orgId', 'updatedOn', 'id'])
@Entity('documents')
@Index('ix_documents_org_status_created', ['orgId', 'status', 'createdOn', 'id'])
@Index('uq_documents_org_title', { synchronize: false })
export class Document extends VersionedRecord {
  @Column({ type: 'varchar', length: 255 })
  title: string;

  @Column({ type: 'enum', enum: DocumentStatus, enumName: 'document_status', default: DocumentStatus.ACTIVE })
  status: DocumentStatus;

  /** The current version's number (1 for the first upload). */
  @Column({ type: 'int', default: 1 })
  version: number;

  @Column(() => StoredFileColumns, { prefix: false })
  file: StoredFileColumns;

  @ManyToMany(() => User)
  @JoinTable({ name: 'document_shares', joinColumn: { name: 'document_id' }, inverseJoinColumn: { name: 'user_id' } })
  sharedTo?: Relation<User>[];

  @ManyToMany(() => Team)
  @JoinTable({ name: 'document_teams', joinColumn: { name: 'document_id' }, inverseJoinColumn: { name: 'team_id' } })
  teams?: Relation<Team>[];
}
