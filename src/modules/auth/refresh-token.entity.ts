import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from '../users/user.entity.js';

/**
 * One issued refresh token. Tokens of one sign-in share a family: using a token marks it used
 * and issues the next; presenting a used one again revokes the whole family.
 */
@Entity('refresh_tokens')
@Index('ix_refresh_tokens_family', ['familyId'])
@Index('ix_refresh_tokens_user', ['userId'])
export class RefreshToken {
  /** The token's `jti`. */
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'uuid' })
  familyId: string;

  /** SHA-256 of the token, so a leaked table cannot be replayed. */
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** The token issued when this one was used: answered again to a replay within the grace (TokenService.rotate). */
  @Column({ type: 'uuid', nullable: true })
  successorId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdOn: Date;
}
