import type { MigrationInterface, QueryRunner } from "typeorm";
import { RECORD_HISTORY_LINK_PER_STATEMENT } from "./1796400000000-LinkHistoryPerStatement.js";

const INLINED = '), known AS (';
const ONCE = '), known AS MATERIALIZED (';

/**
 * record_history_link() looks up each record's current links and its transaction's earlier link
 * element once per statement row, not once per use: PostgreSQL inlined the `known` step into
 * every expression reading it, so for an import's 1,000 leads the history lookup ran 22 times
 * per lead and the links lookup 4 times (13 ms of a batch's 100). The function is otherwise the
 * one LinkHistoryPerStatement wrote.
 */
export class LinkHistoryLookupsOnce1796430000000 implements MigrationInterface {
    name = 'LinkHistoryLookupsOnce1796430000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        if (!RECORD_HISTORY_LINK_PER_STATEMENT.includes(INLINED)) throw new Error('record_history_link() has no `known` step to compute once');
        await queryRunner.query(RECORD_HISTORY_LINK_PER_STATEMENT.replace(INLINED, ONCE));
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(RECORD_HISTORY_LINK_PER_STATEMENT);
    }

}
