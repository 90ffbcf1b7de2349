import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * A write made with an Idempotency-Key, and what it answered: stored in the write's own
 * transaction, so a retry finds it exactly when the write happened. Scoped to the organization,
 * the principal (a member or an API key), the method and the route.
 */
@Entity('idempotency_keys')
@Index('ix_idempotency_keys_created', ['createdOn'])
export class IdempotencyKey {
  @PrimaryColumn({ type: 'uuid' })
  orgId: string;

  @ManyToOne('Organization', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_id' })
  organization?: unknown;

  /** `user:<id>` or `api_key:<id>`. */
  @PrimaryColumn({ type: 'varchar', length: 60 })
  principal: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  method: string;

  /** The route pattern (`/api/leads/:id`); the request's own path is part of the hash. */
  @PrimaryColumn({ type: 'varchar', length: 255 })
  route: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key: string;

  /** SHA-256 of the method, the path and the canonical body. */
  @Column({ type: 'char', length: 64 })
  requestHash: string;

  @Column({ type: 'smallint' })
  status: number;

  /** The answer's headers that matter to a client (ETag, Location). */
  @Column({ type: 'jsonb' })
  headers: Record<string, string>;

  /** The answer's body as sent (null for 204). */
  @Column({ type: 'text', nullable: true })
  body: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdOn: Date;
}
