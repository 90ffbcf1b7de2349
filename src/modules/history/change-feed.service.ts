import { HttpStatus, Injectable } from '@nestjs/common';
import type { ActorType } from '../../common/database/write-actors.js';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { AppError } from '../../common/errors/app-error.js';
import { AppConfig } from '../../config/app-config.js';
import { ChangeTypes, type TypeFilter } from './change-types.js';
import type { ChangeEventDto, ChangeFeedPageDto, ChangeFeedQueryDto } from './dto/change-event.dto.js';
import type { HistoryChangeDto } from './dto/history-entry.dto.js';

/** A numbered history entry, as the feed reads it. */
export interface FeedRow {
  seq: string;
  event_id: string;
  event_type: string;
  at: Date;
  org_id: string;
  actor_type: ActorType;
  actor_id: string | null;
  request_id: string | null;
  kind: string;
  record_id: string;
  data: Record<string, unknown> | null;
  changes: HistoryChangeDto[];
}

/** The columns of a FeedRow, from change_feed `feed` joined to its entry in record_history `entry` (FEED_ENTRIES). */
export const FEED_COLUMNS =
  'feed.seq, entry.event_id, feed.event_type, entry.at, entry.org_id, entry.actor_type, entry.actor_id, entry.request_id, entry.kind, entry.record_id, entry.data, entry.changes';
export const FEED_ENTRIES = 'change_feed feed JOIN record_history entry ON entry.org_id = feed.org_id AND entry.seq = feed.history_seq';

export class FeedExpiredError extends AppError {
  constructor(earliest: number) {
    super(HttpStatus.GONE, 'CURSOR_EXPIRED', `Events after this seq are no longer kept; the earliest kept is ${earliest}: resync, then read from after=${earliest - 1}`, {
      after: [`is older than the feed keeps (earliest kept seq: ${earliest})`],
    });
  }
}

export const toEvent = (row: FeedRow): ChangeEventDto => ({
  seq: Number(row.seq),
  id: row.event_id,
  type: row.event_type,
  occurred_at: row.at.toISOString(),
  org: row.org_id,
  actor: { type: row.actor_type, id: row.actor_id },
  request_id: row.request_id,
  record: { kind: row.kind, id: row.record_id },
  data: row.data,
  changes: row.changes.map(({ field, from, to }) => ({ field, from, to })),
});

/**
 * The organization's change feed: its history entries in the order their transactions committed,
 * numbered by the database in change_feed (migrations ChangeFeed, NarrowChangeFeed), kept for
 * CHANGE_FEED_RETENTION_DAYS. Two statements a page: the events, and whether the one after
 * `after` has expired.
 */
@Injectable()
export class ChangeFeed {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly types: ChangeTypes,
    private readonly config: AppConfig,
  ) {}

  async page(orgId: string, query: ChangeFeedQueryDto): Promise<ChangeFeedPageDto> {
    const filter = query.types ? this.types.parse('types', query.types) : undefined;
    const kept = this.keptSince();
    const [rows, expired] = await Promise.all([this.after(orgId, query.after, query.limit + 1, kept, filter), this.expiredAfter(orgId, query.after, kept)]);
    if (expired !== undefined) throw new FeedExpiredError(expired);
    const results = rows.slice(0, query.limit).map(toEvent);
    return { results, next_after: results.at(-1)?.seq ?? query.after, has_more: rows.length > query.limit };
  }

  /** Up to `limit` kept events after `seq`, oldest first, of the types `filter` takes. */
  after(orgId: string, seq: number, limit: number, kept = this.keptSince(), filter?: TypeFilter): Promise<FeedRow[]> {
    const typed = filter ? `AND (feed.event_type = ANY($5) OR feed.event_type LIKE ANY($6))` : '';
    const parameters: unknown[] = [orgId, seq, kept, limit];
    if (filter) parameters.push(filter.exact, filter.prefixes.map((prefix) => `${prefix}%`));
    return this.db.tx.query(
      `SELECT ${FEED_COLUMNS} FROM ${FEED_ENTRIES} WHERE feed.org_id = $1 AND feed.seq > $2 AND entry.at >= $3 ${typed} ORDER BY feed.seq LIMIT $4`,
      parameters,
    );
  }

  /** The earliest kept seq, when the event right after `seq` exists but has expired. */
  private async expiredAfter(orgId: string, seq: number, kept: Date): Promise<number | undefined> {
    if (seq === 0) return undefined;
    const [next] = (await this.db.tx.query(`SELECT entry.at FROM ${FEED_ENTRIES} WHERE feed.org_id = $1 AND feed.seq = $2 AND entry.at < $3`, [orgId, seq + 1, kept])) as {
      at: Date;
    }[];
    if (!next) return undefined;
    // The first kept event in seq order, read along the feed's index: min() over the join would
    // aggregate every event after `seq`.
    const [{ earliest }] = (await this.db.tx.query(
      `SELECT coalesce(
         (SELECT feed.seq FROM ${FEED_ENTRIES} WHERE feed.org_id = $1 AND feed.seq > $2 AND entry.at >= $3 ORDER BY feed.seq LIMIT 1),
         (SELECT last_seq + 1 FROM change_feed_counters WHERE org_id = $1))::text AS earliest`,
      [orgId, seq, kept],
    )) as { earliest: string }[];
    return Number(earliest);
  }

  private keptSince(): Date {
    return new Date(Date.now() - this.config.changeFeed.retentionDays * 86_400_000);
  }
}
