import {
  Column,
  CreateDateColumn,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** Columns of every row that belongs to one organization (deleted with it). */
export abstract class TenantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  orgId: string;

  // By entity name, so this base layer imports no feature module.
  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  organization?: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdOn: Date;
}

/** A CRM record: tenant columns plus who created it (kept as null if that person goes) and when it changed. */
export abstract class TenantRecord extends TenantEntity {
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: unknown;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedOn: Date;
}

/**
 * A record of one of the CRM's kinds (accounts, leads, ...): a revision that every write of the row
 * increments (the `bump_record_revision` trigger, so no code path can forget it; the ETag is made
 * from it) and who wrote it last. (`revision`, since a document's `version` is its file's.) Link and tag changes touch the row too (RecordStore.update).
 */
export abstract class VersionedRecord extends TenantRecord {
  // The trigger owns it: never written by the app.
  @Column({ type: 'int', default: 1, insert: false, update: false })
  revision: number;

  /** Who made the last write; kept as a reference when that person is removed, as history keeps actors. */
  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;
}
