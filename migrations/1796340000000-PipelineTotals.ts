import type { MigrationInterface, QueryRunner } from "typeorm";

/** The weighted amount one opportunity adds to its stage: exact, rounded only when the sum is read. */
const WEIGHTED = `coalesce(amount, 0) * probability / 100.0`;

/** Moves committed slots of both kept tables into slot 0, one fold at a time (as before). */
const fold = (pipeline: boolean) => `
    CREATE OR REPLACE FUNCTION fold_record_totals() RETURNS bigint LANGUAGE plpgsql AS $$
    DECLARE
        moved bigint;
        moved_pipeline bigint := 0;
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
        ${pipeline ? `WITH pending AS (
            DELETE FROM pipeline_totals WHERE slot <> 0 RETURNING org_id, stage, currency, count, amount, weighted
        ), folded AS (
            INSERT INTO pipeline_totals AS kept (org_id, stage, currency, slot, count, amount, weighted)
            SELECT org_id, stage, currency, 0, sum(count), sum(amount), sum(weighted) FROM pending GROUP BY org_id, stage, currency
            ON CONFLICT (org_id, stage, currency, slot) DO UPDATE
              SET count = kept.count + excluded.count, amount = kept.amount + excluded.amount, weighted = kept.weighted + excluded.weighted
        )
        SELECT count(*) INTO moved_pipeline FROM pending;` : ''}
        RETURN moved + moved_pipeline;
    END $$`;
export const FOLD_BOTH = fold(true);
const FOLD_RECORD_TOTALS_ONLY = fold(false);

/**
 * Each organization's pipeline (opportunities by stage and currency: how many, their amounts, and
 * their amounts weighted by probability), kept by triggers in the transaction of every write the
 * way KeptRecordTotals keeps counts: inserts and deletes per statement, a change of stage,
 * currency, amount or probability per row. Writers count into slots of their own transaction;
 * fold_record_totals() now folds these too. GET /api/opportunities/pipeline/ (and the dashboard)
 * for an ADMIN without filters sums a few rows instead of every opportunity.
 */

export class PipelineTotals1796340000000 implements MigrationInterface {
    name = 'PipelineTotals1796340000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "pipeline_totals" ("org_id" uuid NOT NULL, "stage" "public"."opportunity_stage" NOT NULL, "currency" character varying(3) NOT NULL, "slot" bigint NOT NULL, "count" bigint NOT NULL, "amount" numeric NOT NULL, "weighted" numeric NOT NULL, CONSTRAINT "PK_3474532c65900b8ac3c6c0321b6" PRIMARY KEY ("org_id", "stage", "currency", "slot"))`);
        await queryRunner.query(`CREATE INDEX "ix_pipeline_totals_pending" ON "pipeline_totals"  ("org_id") WHERE slot <> 0`);
        await queryRunner.query(`ALTER TABLE "pipeline_totals" ADD CONSTRAINT "FK_56c6a158f1c04df2d2d8798c8fc" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // As in record_totals_count(): rows of an organization being deleted are not counted.
        await queryRunner.query(`
            CREATE FUNCTION pipeline_totals_count() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'TRUNCATE' THEN
                    DELETE FROM pipeline_totals;
                    RETURN NULL;
                END IF;
                EXECUTE format(
                    'INSERT INTO pipeline_totals AS kept (org_id, stage, currency, slot, count, amount, weighted)
                     SELECT changed.org_id, changed.stage, changed.currency, txid_current(),
                            %1$s * count(*), %1$s * coalesce(sum(changed.amount), 0), %1$s * sum(coalesce(changed.amount, 0) * changed.probability / 100.0)
                     FROM %2$I changed JOIN organizations o ON o.id = changed.org_id
                     GROUP BY changed.org_id, changed.stage, changed.currency
                     ON CONFLICT (org_id, stage, currency, slot) DO UPDATE
                       SET count = kept.count + excluded.count, amount = kept.amount + excluded.amount, weighted = kept.weighted + excluded.weighted',
                    CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END, CASE TG_OP WHEN 'INSERT' THEN 'added' ELSE 'removed' END
                );
                RETURN NULL;
            END $$`);
        await queryRunner.query(`
            CREATE FUNCTION pipeline_totals_regroup() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO pipeline_totals AS kept (org_id, stage, currency, slot, count, amount, weighted)
                SELECT NEW.org_id, change.stage, change.currency, txid_current(), sum(change.sign), sum(change.sign * change.amount), sum(change.sign * change.weighted)
                FROM (VALUES
                    (OLD.stage, OLD.currency::varchar, -1, coalesce(OLD.amount, 0), coalesce(OLD.amount, 0) * OLD.probability / 100.0),
                    (NEW.stage, NEW.currency::varchar, 1, coalesce(NEW.amount, 0), coalesce(NEW.amount, 0) * NEW.probability / 100.0)
                ) change (stage, currency, sign, amount, weighted)
                -- Same stage and currency before and after (an amount or probability change): one row, or the upsert would hit it twice.
                GROUP BY change.stage, change.currency
                ON CONFLICT (org_id, stage, currency, slot) DO UPDATE
                  SET count = kept.count + excluded.count, amount = kept.amount + excluded.amount, weighted = kept.weighted + excluded.weighted;
                RETURN NULL;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER pipeline_totals_insert AFTER INSERT ON opportunities REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION pipeline_totals_count()`);
        await queryRunner.query(`CREATE TRIGGER pipeline_totals_delete AFTER DELETE ON opportunities REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION pipeline_totals_count()`);
        await queryRunner.query(`CREATE TRIGGER pipeline_totals_truncate AFTER TRUNCATE ON opportunities FOR EACH STATEMENT EXECUTE FUNCTION pipeline_totals_count()`);
        await queryRunner.query(`CREATE TRIGGER pipeline_totals_update AFTER UPDATE OF stage, currency, amount, probability ON opportunities FOR EACH ROW
            WHEN ((OLD.stage, OLD.currency, OLD.amount, OLD.probability) IS DISTINCT FROM (NEW.stage, NEW.currency, NEW.amount, NEW.probability))
            EXECUTE FUNCTION pipeline_totals_regroup()`);
        await queryRunner.query(`INSERT INTO pipeline_totals (org_id, stage, currency, slot, count, amount, weighted)
            SELECT org_id, stage, currency, 0, count(*), coalesce(sum(amount), 0), sum(${WEIGHTED}) FROM opportunities GROUP BY org_id, stage, currency`);
        await queryRunner.query(FOLD_BOTH);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(FOLD_RECORD_TOTALS_ONLY);
        for (const trigger of ['insert', 'delete', 'truncate', 'update']) await queryRunner.query(`DROP TRIGGER "pipeline_totals_${trigger}" ON "opportunities"`);
        await queryRunner.query(`DROP FUNCTION pipeline_totals_regroup()`);
        await queryRunner.query(`DROP FUNCTION pipeline_totals_count()`);
        await queryRunner.query(`ALTER TABLE "pipeline_totals" DROP CONSTRAINT "FK_56c6a158f1c04df2d2d8798c8fc"`);
        await queryRunner.query(`DROP INDEX "public"."ix_pipeline_totals_pending"`);
        await queryRunner.query(`DROP TABLE "pipeline_totals"`);
    }

}
