import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { MEMBERSHIP_ENDED, type MembershipEnded } from '../../../common/events/membership-events.js';
import type { OrgPrincipal } from '../../../common/auth/principal.js';
import { type Db, InjectDb } from '../../../common/database/transactions.js';
import { MembersService } from '../../users/members.service.js';
import { CalendarFeed } from './calendar-feed.entity.js';

const digestOf = (token: string) => createHash('sha256').update(token).digest('hex');

export const feedPath = (token: string) => `/api/events/feed/${token}/calendar.ics`;

@Injectable()
export class CalendarFeedsService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly members: MembersService,
  ) {}

  /** A new secret feed for the caller, replacing any earlier one; the token is shown only now. */
  async issue(principal: OrgPrincipal): Promise<{ token: string; url: string; created_on: string }> {
    const token = randomBytes(32).toString('base64url');
    const feed = await this.db.withTransaction(async () => {
      const feeds = this.db.tx.getRepository(CalendarFeed);
      await feeds.delete({ orgId: principal.orgId, userId: principal.userId });
      return feeds.save(feeds.create({ orgId: principal.orgId, userId: principal.userId, digest: digestOf(token) }));
    });
    return { token, url: feedPath(token), created_on: feed.createdOn.toISOString() };
  }

  async revoke(principal: OrgPrincipal): Promise<void> {
    await this.db.tx.getRepository(CalendarFeed).delete({ orgId: principal.orgId, userId: principal.userId });
  }

  /** A member removed or deactivated loses their feed: invited back, they must ask for a new URL. */
  @OnEvent(MEMBERSHIP_ENDED, { promisify: true, suppressErrors: false })
  async endFeedOf({ orgId, userId }: MembershipEnded): Promise<void> {
    await this.db.tx.getRepository(CalendarFeed).delete({ orgId, userId });
  }

  /** Whom a feed token speaks for, as long as they are still an active member; null otherwise. */
  async principalFor(token: string): Promise<OrgPrincipal | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const feed = await this.db.tx.getRepository(CalendarFeed).findOneBy({ digest: digestOf(token) });
    if (!feed) return null;
    const membership = await this.members.findActiveMembership(feed.userId, feed.orgId);
    return membership && { userId: feed.userId, orgId: feed.orgId, ...membership };
  }
}
