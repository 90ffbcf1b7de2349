import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * How many rows of one record table an organization has with one value of the table's kept-totals
 * column (its `status`), as the sum of its rows here. Written only by the triggers
 * keep_record_totals() puts on the table (migration KeptRecordTotals), in the transaction of the
 * write they count, so a sum is as exact as a count(*) in the same snapshot.
 */
@Entity('record_totals')
@Index('ix_record_totals_pending', ['orgId'], { where: 'slot <> 0' })
export class RecordTotal {
  @PrimaryColumn({ type: 'uuid' })
  orgId: string;

  // By entity name, so this base layer imports no feature module.
  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  organization?: unknown;

  @PrimaryColumn({ type: 'text' })
  recordTable: string;

  @PrimaryColumn({ type: 'text' })
  value: string;

  /**
   * 0 for the folded total; otherwise the id of the transaction whose writes the row counts, so
   * writers never wait on each other's rows. fold_record_totals() moves these into slot 0.
   */
  @PrimaryColumn({ type: 'bigint' })
  slot: string;

  @Column({ type: 'bigint' })
  total: string;
}
