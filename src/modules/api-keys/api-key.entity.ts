import { Column, Entity, Index } from 'typeorm';
import { TenantRecord } from '../../common/database/tenant-entity.js';

/**
 * A key a server uses instead of a person's password: scoped, optionally expiring, revocable and
 * rotatable. Only SHA-256 digests of its secret are kept, and its last four characters to tell it apart.
 */
@Entity('api_keys')
@Index('ix_api_keys_org_created', ['orgId', 'createdOn', 'id'])
export class ApiKey extends TenantRecord {
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', array: true })
  scopes: string[];

  /** Looked up before the organization is known: unique by its 256 random bits (as api_settings' key). */
  @Index('ix_api_keys_digest')
  @Column({ type: 'char', length: 64 })
  keyDigest: string;

  @Column({ type: 'char', length: 4 })
  last4: string;

  /** The secret a rotation replaced, which keeps working until previousValidUntil. */
  @Index('ix_api_keys_previous_digest')
  @Column({ type: 'char', length: 64, nullable: true })
  previousDigest: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  previousValidUntil: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}
