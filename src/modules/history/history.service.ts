import { Injectable } from '@nestjs/common';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Role } from '../../common/auth/role.js';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import type { ActorType } from '../../common/database/write-actors.js';
import { NotFoundError } from '../../common/errors/app-error.js';
import { type Page, toPage } from '../../common/pagination/page.js';
import type { PaginationQueryDto } from '../../common/pagination/pagination-query.dto.js';
import { RecordKinds } from '../../common/records/record-kinds.js';
import { HIDDEN, type HistoryChangeDto, type HistoryEntryDto } from './dto/history-entry.dto.js';

/** A row of record_history (migration RecordHistory, written by triggers). */
export interface HistoryRow {
  at: Date;
  actor_type: ActorType;
  actor_id: string | null;
  request_id: string | null;
  action: string;
  changes: (HistoryChangeDto & { added?: string[]; removed?: string[] })[];
  state: string | null;
  note: string;
}

/**
 * Reads the history the database writes: one entry per write of a record, in the transaction of
 * the write, oldest first. Seen by whoever may see the record; ids of other records the caller
 * may not see (a contact, the account of a case) show as "hidden".
 */
@Injectable()
export class HistoryService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly kinds: RecordKinds,
  ) {}

  async page(principal: OrgPrincipal, kind: string, id: string, query: PaginationQueryDto): Promise<Page<HistoryEntryDto>> {
    const [rows, count] = await this.rows(principal, kind, id, query);
    return toPage(`/api/${this.kinds.get(kind).path}/${id}/history/`, query, count, rows.map(toEntry));
  }

  /** The record's rows of one page, and how many it has, with hidden ids masked (404 when the caller may not see the record). */
  async rows(principal: OrgPrincipal, kind: string, id: string, query: PaginationQueryDto): Promise<[HistoryRow[], number]> {
    const registered = this.kinds.get(kind);
    if (!(await registered.canSee(principal, id))) throw new NotFoundError(registered.name);
    const where = `FROM record_history WHERE org_id = $1 AND kind = $2 AND record_id = $3`;
    const [rows, [{ count }]] = await Promise.all([
      this.db.tx.query(`SELECT at, actor_type, actor_id, request_id, action, changes, state, note ${where} ORDER BY seq LIMIT $4 OFFSET $5`, [
        principal.orgId,
        kind,
        id,
        query.limit,
        query.offset,
      ]) as Promise<HistoryRow[]>,
      this.db.tx.query(`SELECT count(*)::int AS count ${where}`, [principal.orgId, kind, id]) as Promise<{ count: number }[]>,
    ]);
    if (principal.role !== Role.ADMIN) await this.maskHidden(principal, rows);
    return [rows, count];
  }

  /** Replaces, in place, ids of records the caller may not see: one query per kind of record the page names. */
  private async maskHidden(principal: OrgPrincipal, rows: HistoryRow[]): Promise<void> {
    const named = new Map<string, Set<string>>();
    const changes = rows.flatMap((row) => row.changes);
    for (const change of changes) {
      const target = this.targetOf(change.field);
      if (!target) continue;
      const ids = named.get(target) ?? new Set<string>();
      for (const value of [change.from, change.to].flat()) if (typeof value === 'string') ids.add(value);
      named.set(target, ids);
    }
    const visible = new Map<string, Set<string>>();
    for (const [target, ids] of named) visible.set(target, new Set(await this.kinds.referableIds(target, principal, [...ids])));
    const mask = (target: string, value: unknown): unknown => {
      if (Array.isArray(value)) return value.map((item) => mask(target, item));
      return typeof value === 'string' && !visible.get(target)!.has(value) ? HIDDEN : value;
    };
    for (const change of changes) {
      const target = this.targetOf(change.field);
      if (!target) continue;
      change.from = mask(target, change.from);
      change.to = mask(target, change.to);
    }
  }

  /** The record kind whose ids a field holds (`contacts`, `account`, `converted_contact`), if any. */
  private targetOf(field: string): string | undefined {
    const kind = field === 'contacts' ? 'contact' : field.replace(/^converted_/, '');
    return this.kinds.all().some((registered) => registered.kind === kind) ? kind : undefined;
  }
}

export function toEntry(row: HistoryRow): HistoryEntryDto {
  return {
    at: row.at.toISOString(),
    actor: { type: row.actor_type, id: row.actor_id },
    request_id: row.request_id,
    action: row.action,
    changes: row.changes.map(({ field, from, to }) => ({ field, from, to })),
  };
}
