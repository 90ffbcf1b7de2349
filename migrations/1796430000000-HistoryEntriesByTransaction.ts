import type { MigrationInterface, QueryRunner } from "typeorm";
import { RECORD_HISTORY_LINK_PER_STATEMENT } from "./1796400000000-LinkHistoryPerStatement.js";

/** What record_history_link() as LinkHistoryPerStatement wrote it says, and what it says now. */
const REWRITES: [before: string, after: string][] = [
    ['), known AS (', '), known AS MATERIALIZED ('],
    ['AND entry.tx = txid_current() AND', 'AND entry.tx = $3 AND'],
    ['USING TG_ARGV[0], TG_ARGV[1];', 'USING TG_ARGV[0], TG_ARGV[1], txid_current();'],
];

function rewritten(): string {
    return REWRITES.reduce((text, [before, after]) => {
        if (!text.includes(before)) throw new Error(`record_history_link() no longer says ${before}`);
        return text.replace(before, after);
    }, RECORD_HISTORY_LINK_PER_STATEMENT);
}

/**
 * A transaction's history entry for a record is found by the transaction first.
 *
 * - The unique index that every history write's ON CONFLICT lands on leads with the transaction:
 *   (org_id, tx, kind, record_id) instead of (org_id, record_id, kind, tx). A transaction's
 *   entries sit together in it, so an import's thousand entries a batch touch a few pages, not a
 *   thousand pages scattered over every record's (the 2,000 links of a batch took 100 ms at the
 *   start of a 200,000-row import and 119 ms at its end; flat now).
 * - record_history_link() looks the earlier element up through that index: it compared tx with
 *   txid_current(), whose value the planner does not see, so it chose the record's index and
 *   filtered every entry of the record by tx (a record with a long history paid for all of it on
 *   each link change). The transaction id is now a parameter of the statement.
 * - Its `known` step (each record's links and earlier element) is computed once per row:
 *   PostgreSQL inlined it into every expression reading it, so for an import's 1,000 leads the
 *   history lookup ran 22 times per lead and the links lookup 4 times (13 ms of a batch's 100).
 */
export class HistoryEntriesByTransaction1796430000000 implements MigrationInterface {
    name = 'HistoryEntriesByTransaction1796430000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "ix_record_history_write"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_record_history_write" ON "record_history" ("org_id", "tx", "kind", "record_id")`);
        await queryRunner.query(rewritten());
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(RECORD_HISTORY_LINK_PER_STATEMENT);
        await queryRunner.query(`DROP INDEX "ix_record_history_write"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_record_history_write" ON "record_history" ("org_id", "record_id", "kind", "tx")`);
    }

}
