import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OpportunityStage } from './opportunity-stage.js';

/**
 * An organization's opportunities of one stage and currency, summed: how many, their amounts and
 * their amounts weighted by probability, as the sum of its rows here. Written only by the triggers
 * of migration PipelineTotals, in the transaction of the write they count (slot: that
 * transaction's id, so writers never wait on each other; fold_record_totals() moves committed
 * slots into slot 0). The pipeline reads these instead of summing every opportunity.
 */
@Entity('pipeline_totals')
@Index('ix_pipeline_totals_pending', ['orgId'], { where: 'slot <> 0' })
export class PipelineTotal {
  @PrimaryColumn({ type: 'uuid' })
  orgId: string;

  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  organization?: unknown;

  @PrimaryColumn({ type: 'enum', enum: OpportunityStage, enumName: 'opportunity_stage' })
  stage: OpportunityStage;

  @PrimaryColumn({ type: 'varchar', length: 3 })
  currency: string;

  @PrimaryColumn({ type: 'bigint' })
  slot: string;

  @Column({ type: 'bigint' })
  count: string;

  /** Exact sums (numeric without scale): rounded only when read, as a sum over the rows would be. */
  @Column({ type: 'numeric' })
  amount: string;

  @Column({ type: 'numeric' })
  weighted: string;
}
