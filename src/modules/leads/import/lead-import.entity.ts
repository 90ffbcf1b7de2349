import { Column, Entity, Index } from 'typeorm';
import { TenantRecord } from '../../../common/database/tenant-entity.js';
import type { ImportErrorDto } from '../dto/lead-import.dto.js';

export enum LeadImportStatus {
  RUNNING = 'running',
  SUCCEEDED = 'succeeded',
  FAILED = 'failed',
}

/** A large lead import running in the background, and its outcome. */
@Entity('lead_imports')
@Index('ix_lead_imports_org_created', ['orgId', 'createdOn', 'id'])
export class LeadImport extends TenantRecord {
  @Column({ type: 'enum', enum: LeadImportStatus, enumName: 'lead_import_status', default: LeadImportStatus.RUNNING })
  status: LeadImportStatus;

  @Column({ type: 'varchar', length: 255, default: '' })
  fileName: string;

  @Column({ type: 'int', default: 0 })
  rowsRead: number;

  /** The file's data rows, counted before the import starts; null until then, or when the file cannot be read. */
  @Column({ type: 'int', nullable: true })
  rowsTotal: number | null;

  @Column({ type: 'int', default: 0 })
  importedCount: number;

  @Column({ type: 'int', default: 0 })
  failedCount: number;

  /** The first 1,000 row errors. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  errors: ImportErrorDto[];

  /** Why the whole import failed (then nothing was imported). */
  @Column({ type: 'text', default: '' })
  message: string;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** The spooled upload while the import runs, so an instance that finds the import orphaned can remove it. */
  @Column({ type: 'varchar', length: 500, default: '' })
  spoolPath: string;
}
