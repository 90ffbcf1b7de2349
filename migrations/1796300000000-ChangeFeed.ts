import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The change feed: every history entry becomes an event of its organization's feed, numbered when
 * its transaction commits. A deferred constraint trigger fires at COMMIT, takes the organization's
 * counter row (locked until the commit ends) and gives the entry the next number. A transaction
 * committing meanwhile for the same organization waits for that lock, so it takes its number only
 * once the first is visible: numbers follow commit order with no gap, and a reader that has seen
 * N never later meets an event numbered N or less. A rollback takes its number back with it.
 * `data` is the record as the API shows it, written by the application before the commit;
 * `event_type` is worked out from the entry's final action at numbering.
 */
export class ChangeFeed1796300000000 implements MigrationInterface {
    name = 'ChangeFeed1796300000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "record_history" ADD "feed_seq" bigint, ADD "event_id" uuid NOT NULL DEFAULT gen_random_uuid(), ADD "event_type" varchar(60), ADD "data" jsonb`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_record_history_feed" ON "record_history" ("org_id", "feed_seq") WHERE "feed_seq" IS NOT NULL`);
        // The application finds its own transaction's entries by tx before committing.
        await queryRunner.query(`CREATE INDEX "ix_record_history_tx" ON "record_history" ("tx")`);
        await queryRunner.query(`
            CREATE TABLE "change_feed_counters" (
                "org_id" uuid NOT NULL PRIMARY KEY REFERENCES "organizations" ("id") ON DELETE CASCADE,
                "last_seq" bigint NOT NULL
            )`);
        await queryRunner.query(`
            CREATE FUNCTION change_feed_type(p_kind text, p_action text, p_state text, p_changes jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
                SELECT CASE
                    WHEN p_action = 'payment_added' THEN CASE WHEN p_state = 'Paid' THEN 'invoice.paid' ELSE 'invoice.payment_added' END
                    WHEN p_action IN ('linked', 'unlinked') THEN
                        CASE WHEN p_changes->0->>'field' = 'attachments' THEN 'attachment' ELSE 'comment' END
                        || CASE WHEN p_action = 'linked' THEN '.created' ELSE '.deleted' END
                    ELSE p_kind || '.' || p_action
                END
            $$`);
        await queryRunner.query(`
            CREATE FUNCTION change_feed_number() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                entry record_history%ROWTYPE;
                next bigint;
            BEGIN
                -- The entry may have been folded away (links put back as they were) or gone with its organization.
                SELECT * INTO entry FROM record_history WHERE org_id = NEW.org_id AND seq = NEW.seq;
                IF NOT FOUND THEN RETURN NULL; END IF;
                INSERT INTO change_feed_counters AS counter (org_id, last_seq) VALUES (entry.org_id, 1)
                    ON CONFLICT (org_id) DO UPDATE SET last_seq = counter.last_seq + 1
                    RETURNING last_seq INTO next;
                UPDATE record_history SET feed_seq = next, event_type = change_feed_type(entry.kind, entry.action, entry.state, entry.changes)
                WHERE org_id = entry.org_id AND seq = entry.seq;
                RETURN NULL;
            END $$`);
        await queryRunner.query(`
            CREATE CONSTRAINT TRIGGER change_feed AFTER INSERT ON "record_history"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION change_feed_number()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER change_feed ON "record_history"`);
        await queryRunner.query(`DROP FUNCTION change_feed_number()`);
        await queryRunner.query(`DROP FUNCTION change_feed_type(text, text, text, jsonb)`);
        await queryRunner.query(`DROP TABLE "change_feed_counters"`);
        await queryRunner.query(`DROP INDEX "ix_record_history_tx"`);
        await queryRunner.query(`DROP INDEX "ix_record_history_feed"`);
        await queryRunner.query(`ALTER TABLE "record_history" DROP COLUMN "data", DROP COLUMN "event_type", DROP COLUMN "event_id", DROP COLUMN "feed_seq"`);
    }

}
