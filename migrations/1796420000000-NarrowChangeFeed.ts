import type { MigrationInterface, QueryRunner } from "typeorm";
import { CHANGE_FEED_NUMBER_PER_TRANSACTION } from "./1796350000000-BulkWriteHistory.js";

/**
 * The change feed's numbers move out of record_history into a narrow table of their own,
 * change_feed (org_id, seq, history_seq, event_type), written once at commit.
 *
 * Numbering used to UPDATE each of the transaction's entries at commit: a new version of every
 * wide row (its changes are a kilobyte for an imported lead) and an entry in each of its six
 * indexes, 2.5 s of an import's 50,000 leads. Inserting 50,000 narrow rows instead costs 0.9 s.
 * Numbers still follow commit order with no gap: the counter row is taken, and locked until the
 * commit ends, exactly as before.
 *
 * Like every tenant table it references organizations, so an organization's numbers go with it
 * (checking that key is a third of those 0.9 s).
 */
export class NarrowChangeFeed1796420000000 implements MigrationInterface {
    name = 'NarrowChangeFeed1796420000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "change_feed" (
                "org_id" uuid NOT NULL REFERENCES "organizations" ("id") ON DELETE CASCADE,
                "seq" bigint NOT NULL,
                "history_seq" bigint NOT NULL,
                "event_type" varchar(60) NOT NULL,
                PRIMARY KEY ("org_id", "seq")
            )`);
        // A webhook's redelivery finds its event by id in record_history, then its number here.
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_change_feed_history" ON "change_feed" ("org_id", "history_seq")`);
        await queryRunner.query(`
            INSERT INTO change_feed (org_id, seq, history_seq, event_type)
            SELECT org_id, feed_seq, seq, event_type FROM record_history WHERE feed_seq IS NOT NULL`);
        await queryRunner.query(`DROP INDEX "ix_record_history_feed"`);
        await queryRunner.query(`ALTER TABLE "record_history" DROP COLUMN "feed_seq", DROP COLUMN "event_type"`);
        await queryRunner.query(`
            CREATE OR REPLACE FUNCTION change_feed_number() RETURNS trigger LANGUAGE plpgsql
            -- Planned for each transaction's tables as they are: a plan cached while record_history was small scanned all of it.
            SET plan_cache_mode = force_custom_plan SET jit = off AS $$
            DECLARE
                me bigint := txid_current();
            BEGIN
                -- The first call at commit numbers every entry of the transaction; the calls for the other entries have nothing left to do.
                IF current_setting('crm.feed_numbered', true) = me::text THEN RETURN NULL; END IF;
                PERFORM set_config('crm.feed_numbered', me::text, true);
                -- Entries folded away (links put back as they were) or gone with their organization are not there to number.
                -- They are found by tx alone: asked per organization as well, a plan on stale statistics
                -- intersected the tx index with the organization's whole event index (70 ms at 600,000 entries).
                -- Counters are taken in organization order, so two transactions never wait on each other in a circle.
                WITH pending AS MATERIALIZED (
                    SELECT org_id, seq, change_feed_type(kind, action, state, changes) AS event_type FROM record_history WHERE tx = me
                ), counted AS (
                    SELECT org_id, count(*) AS events FROM pending GROUP BY org_id
                ), taken AS (
                    INSERT INTO change_feed_counters AS counter (org_id, last_seq)
                    SELECT org_id, events FROM counted ORDER BY org_id
                    ON CONFLICT (org_id) DO UPDATE SET last_seq = counter.last_seq + excluded.last_seq
                    RETURNING counter.org_id, counter.last_seq
                )
                INSERT INTO change_feed (org_id, seq, history_seq, event_type)
                SELECT pending.org_id, taken.last_seq - counted.events + row_number() OVER (PARTITION BY pending.org_id ORDER BY pending.seq), pending.seq, pending.event_type
                FROM pending JOIN counted ON counted.org_id = pending.org_id JOIN taken ON taken.org_id = pending.org_id;
                RETURN NULL;
            END $$`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(CHANGE_FEED_NUMBER_PER_TRANSACTION);
        await queryRunner.query(`ALTER TABLE "record_history" ADD "feed_seq" bigint, ADD "event_type" varchar(60)`);
        await queryRunner.query(`
            UPDATE record_history h SET feed_seq = feed.seq, event_type = feed.event_type
            FROM change_feed feed WHERE h.org_id = feed.org_id AND h.seq = feed.history_seq`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_record_history_feed" ON "record_history" ("org_id", "feed_seq") WHERE "feed_seq" IS NOT NULL`);
        await queryRunner.query(`DROP TABLE "change_feed"`);
    }

}
