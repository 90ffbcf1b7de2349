import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Role } from '../../common/auth/role.js';
import { TenantEntity } from '../../common/database/tenant-entity.js';
import { User } from './user.entity.js';

/**
 * An organization's offer of membership to a mailbox. Membership begins only when the token mailed
 * to that address is redeemed; several organizations may invite one address, each independently.
 */
@Entity('invitations')
@Index('ix_invitations_org_created', ['orgId', 'createdOn', 'id'])
/** One pending invitation per organization and address: inviting again replaces it. */
@Index('uq_invitations_pending', ['orgId', 'email'], { unique: true, where: 'accepted_at IS NULL AND revoked_at IS NULL' })
@Index('uq_invitations_org_token', ['orgId', 'tokenHash'], { unique: true })
export class Invitation extends TenantEntity {
  /** Lower-cased. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'enum', enum: Role, enumName: 'profile_role' })
  role: Role;

  /** Names for the account if the person has none yet. */
  @Column({ type: 'varchar', length: 150, default: '' })
  firstName: string;

  @Column({ type: 'varchar', length: 150, default: '' })
  lastName: string;

  /**
   * SHA-256 of the token; the token itself is only mailed (or, without SMTP, shown once).
   * Unique per organization by constraint, across all by its 256 random bits: a secret is looked up before its organization is known, and a constraint without org_id could not hold once rows are spread by organization (docs/scaling.md).
   */
  @Index('ix_invitations_token')
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'uuid', nullable: true })
  invitedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'invited_by' })
  inviter?: Relation<User>;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acceptedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'accepted_by' })
  acceptor?: Relation<User>;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
