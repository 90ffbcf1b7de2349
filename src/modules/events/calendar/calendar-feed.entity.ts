import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { TenantEntity } from '../../../common/database/tenant-entity.js';

/**
 * A member's secret calendar feed URL, for calendar apps that cannot send headers. Only the
 * token's SHA-256 is kept; one feed per member and organization, replaced when reissued.
 */
@Entity('calendar_feeds')
@Index('uq_calendar_feeds_org_user', ['orgId', 'userId'], { unique: true })
export class CalendarFeed extends TenantEntity {
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: unknown;

  @Index('uq_calendar_feeds_digest', { unique: true })
  @Column({ type: 'char', length: 64 })
  digest: string;
}
