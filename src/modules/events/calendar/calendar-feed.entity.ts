import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantEntity } from '../../../common/database/tenant-entity.js';

/**
 * A member's secret calendar feed URL, for calendar apps that cannot send headers. Only the
 * token's SHA-256 is kept; one feed per member and organization, replaced when reissued.
 */
@Entity('calendar_feeds')
@Index('uq_calendar_feeds_org_user', ['orgId', 'userId'], { unique: true })
@Index('uq_calendar_feeds_org_digest', ['orgId', 'digest'], { unique: true })
export class CalendarFeed extends TenantEntity {
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: unknown;

  /** Unique per organization by constraint, across all by its 256 random bits: a secret is looked up before its organization is known, and a constraint without org_id could not hold once rows are spread by organization (docs/scaling.md). */
  @Index('ix_calendar_feeds_digest')
  @Column({ type: 'char', length: 64 })
  digest: string;
}
