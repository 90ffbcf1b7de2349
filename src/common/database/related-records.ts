import { Column, JoinColumn, ManyToOne } from 'typeorm';
import { VersionedRecord } from './tenant-entity.js';

/**
 * A record that may concern an account, a lead, an opportunity and a case (tasks, events). The
 * relations name their entities, so this base layer imports no feature module; deleting the related
 * record unlinks it.
 */
export abstract class RecordWithRelated extends VersionedRecord {
  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @ManyToOne('Account', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'account_id' })
  account?: unknown;

  @Column({ type: 'uuid', nullable: true })
  leadId: string | null;

  @ManyToOne('Lead', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'lead_id' })
  lead?: unknown;

  @Column({ type: 'uuid', nullable: true })
  opportunityId: string | null;

  @ManyToOne('Opportunity', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'opportunity_id' })
  opportunity?: unknown;

  @Column({ type: 'uuid', nullable: true })
  caseId: string | null;

  @ManyToOne('Case', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'case_id' })
  case?: unknown;
}
