import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { RecordKinds } from '../../common/records/record-kinds.js';

/**
 * Records one transaction snapshots for its events at most: a bulk write (an import) past this
 * leaves `data` null on the rest, whose readers fetch the record instead.
 */
export const MAX_SNAPSHOTS_PER_TRANSACTION = 1_000;

/** Emitted (with the organizations' ids) once a transaction that changed records has committed: its events are in the feed. */
export const CHANGES_COMMITTED = 'changes.committed';

interface Written {
  org_id: string;
  seq: string;
  kind: string;
  record_id: string;
  action: string;
}

/**
 * Before every commit, writes into the transaction's history entries what each record now is, as
 * the API answers it (its kind's item, as an ADMIN sees it): the `data` of its change event. One
 * statement when the transaction wrote no record, then one per kind written and one to store them.
 * A deleted record has none. After the commit, CHANGES_COMMITTED tells listeners (webhooks) of it.
 */
@Injectable()
export class ChangeSnapshots implements OnModuleInit {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly kinds: RecordKinds,
    private readonly events: EventEmitter2,
  ) {}

  onModuleInit(): void {
    this.db.beforeEveryCommit(() => this.snapshot());
  }

  private async snapshot(): Promise<void> {
    const written: Written[] = await this.db.tx.query(
      `SELECT org_id, seq, kind, record_id, action FROM record_history
       WHERE tx = txid_current_if_assigned() AND data IS NULL ORDER BY seq LIMIT $1`,
      [MAX_SNAPSHOTS_PER_TRANSACTION],
    );
    if (written.length === 0) return;
    const orgs = [...new Set(written.map((entry) => entry.org_id))];
    this.db.afterCommit(() => this.events.emit(CHANGES_COMMITTED, orgs));
    const groups = new Map<string, Written[]>();
    for (const entry of written.filter(({ action }) => action !== 'deleted')) {
      const key = `${entry.org_id} ${entry.kind}`;
      groups.set(key, [...(groups.get(key) ?? []), entry]);
    }
    const rows: { org_id: string; seq: string; data: unknown }[] = [];
    for (const entries of groups.values()) {
      const [{ org_id, kind }] = entries;
      const items = new Map((await this.kinds.get(kind).snapshots(org_id, entries.map((entry) => entry.record_id))).map((item) => [item.id, item]));
      for (const entry of entries) if (items.has(entry.record_id)) rows.push({ org_id, seq: entry.seq, data: items.get(entry.record_id) });
    }
    if (rows.length === 0) return;
    await this.db.tx.query(
      `UPDATE record_history entry SET data = snapshot.data
       FROM jsonb_to_recordset($1::jsonb) AS snapshot(org_id uuid, seq bigint, data jsonb)
       WHERE entry.org_id = snapshot.org_id AND entry.seq = snapshot.seq`,
      [JSON.stringify(rows)],
    );
  }
}
