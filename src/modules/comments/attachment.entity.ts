import { Check, Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { TenantEntity } from '../../database/tenant-entity.js';
import { Account } from '../accounts/account.entity.js';
import { Case } from '../cases/case.entity.js';
import { Lead } from '../leads/lead.entity.js';
import { User } from '../users/user.entity.js';

/** A file on exactly one parent record; the bytes live in FileStorage under `storageKey`. */
@Entity('attachments')
@Check('ck_attachments_one_parent', 'num_nonnulls("account_id", "lead_id", "case_id") = 1')
@Index('ix_attachments_account', ['accountId', 'createdOn'])
@Index('ix_attachments_case', ['caseId', 'createdOn'])
@Index('ix_attachments_lead', ['leadId', 'createdOn'])
export class Attachment extends TenantEntity {
  /** The uploader's file name, for display and downloads only; never used as a path. */
  @Column({ type: 'varchar', length: 255 })
  fileName: string;

  /** Server-made. */
  @Column({ type: 'varchar', length: 255, unique: true })
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
