import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * What an organization's Sent and Pending invoices of one currency still owe, summed: how many,
 * and their totals less what was paid, as the sum of its rows here. Written only by the triggers
 * of migration KeptDashboardTotals, in the transaction of the write they count (slot: that
 * transaction's id, as PipelineTotal; fold_record_totals() folds these too). The dashboard reads
 * these instead of summing every open invoice.
 */
@Entity('outstanding_totals')
@Index('ix_outstanding_totals_pending', ['orgId'], { where: 'slot <> 0' })
export class OutstandingTotal {
  @PrimaryColumn({ type: 'uuid' })
  orgId: string;

  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  organization?: unknown;

  @PrimaryColumn({ type: 'char', length: 3 })
  currency: string;

  @PrimaryColumn({ type: 'bigint' })
  slot: string;

  @Column({ type: 'bigint' })
  count: string;

  /** Exact (numeric without scale): rounded to the currency only when shown. */
  @Column({ type: 'numeric' })
  amountDue: string;
}
