import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Work owed to the job queue, written in the same transaction as the change that owes it. A row
 * lives until its job has run (or failed for good), so nothing committed is lost to a Redis
 * outage, a lost Redis job or a restart.
 */
@Entity('outbox_jobs')
@Index('ix_outbox_jobs_due', ['runAt'], { where: 'dispatched_at IS NULL' })
@Index('ix_outbox_jobs_dispatched', ['dispatchedAt'], { where: 'dispatched_at IS NOT NULL' })
export class OutboxJob {
  /** Also the queue's job id, so handing a row over twice queues it once. */
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** Not before this time; null: as soon as possible. */
  @Column({ type: 'timestamptz', nullable: true })
  runAt: Date | null;

  /** When the queue accepted it; null while it waits to be handed over. */
  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdOn: Date;
}
