import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantEntity } from '../../common/database/tenant-entity.js';
import { Document, StoredFileColumns } from './document.entity.js';

/** One upload of a document's file; deleted (with its bytes) only with the document. */
// The column a deleted row's references are looked up by (docs/scaling.md, "Indexed references").
@Index('ix_document_versions_document', ['documentId'])
@Entity('document_versions')
@Index('uq_document_versions_number', ['orgId', 'documentId', 'version'], { unique: true })
export class DocumentVersion extends TenantEntity {
  @Column({ type: 'uuid' })
  documentId: string;

  @ManyToOne(() => Document, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document?: Document;

  @Column({ type: 'int' })
  version: number;

  @Column(() => StoredFileColumns, { prefix: false })
  file: StoredFileColumns;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @ManyToOne('User', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by' })
  creator?: unknown;
}
