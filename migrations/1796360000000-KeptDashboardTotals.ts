import type { MigrationInterface, QueryRunner } from "typeorm";
import { FOLD_BOTH } from "./1796340000000-PipelineTotals.js";

/** Statuses whose invoices still owe money (InvoicesService.outstanding). */
const OWING = `('Sent', 'Pending')`;

/** Moves one kept table's committed slots into slot 0 (a statement of fold_record_totals()). */
const foldInto = (table: string, keys: string[], sums: string[], counted: string) => `
        WITH pending AS (
            DELETE FROM ${table} WHERE slot <> 0 RETURNING ${[...keys, ...sums].join(', ')}
        ), folded AS (
            INSERT INTO ${table} AS kept (${keys.join(', ')}, slot, ${sums.join(', ')})
            SELECT ${keys.join(', ')}, 0, ${sums.map((sum) => `sum(${sum})`).join(', ')} FROM pending GROUP BY ${keys.join(', ')}
            ON CONFLICT (${keys.join(', ')}, slot) DO UPDATE SET ${sums.map((sum) => `${sum} = kept.${sum} + excluded.${sum}`).join(', ')}
        )
        SELECT count(*) INTO ${counted} FROM pending;`;

const FOLD_ALL = `
    CREATE OR REPLACE FUNCTION fold_record_totals() RETURNS bigint LANGUAGE plpgsql AS $$
    DECLARE
        moved bigint;
        moved_pipeline bigint;
        moved_outstanding bigint;
    BEGIN
        IF NOT pg_try_advisory_xact_lock(hashtext('fold_record_totals')) THEN
            RETURN 0;
        END IF;
        ${foldInto('record_totals', ['org_id', 'record_table', 'value'], ['total'], 'moved')}
        ${foldInto('pipeline_totals', ['org_id', 'stage', 'currency'], ['count', 'amount', 'weighted'], 'moved_pipeline')}
        ${foldInto('outstanding_totals', ['org_id', 'currency'], ['count', 'amount_due'], 'moved_outstanding')}
        RETURN moved + moved_pipeline + moved_outstanding;
    END $$`;

/** Adds `sign` open tasks per assignee of the tasks of `links` (rows of task_assignees) to their kept totals. */
const countOpenAssignments = (links: string, sign: string) => `
    INSERT INTO record_totals AS kept (org_id, record_table, value, slot, total)
    SELECT task.org_id, 'task_assignees', link.user_id::text, txid_current(), ${sign} * count(*)
    FROM ${links} link JOIN tasks task ON task.id = link.task_id JOIN organizations o ON o.id = task.org_id
    WHERE task.status <> 'Completed'
    GROUP BY task.org_id, link.user_id
    ON CONFLICT (org_id, record_table, value, slot) DO UPDATE SET total = kept.total + excluded.total`;

/**
 * What the dashboard reads, kept in the writing transaction instead of computed over every row
 * per request (slots per writing transaction, folded by fold_record_totals(), as KeptRecordTotals):
 *
 * - outstanding_totals: per organization and currency, how many Sent or Pending invoices there are
 *   and what they still owe (total less paid). Statement triggers count inserts and deletes; a row
 *   trigger moves an invoice whose status, currency, total or payments change.
 * - open tasks per assignee, in record_totals as rows of `task_assignees` by user id: assignments
 *   counted by statement triggers on task_assignees when their task is not Completed; a task's
 *   move in or out of Completed moves each of its assignees; a task deleted takes its open
 *   assignments with it from a BEFORE DELETE trigger, since by the time its assignment rows are
 *   deleted by the cascade the task (and its status) is gone.
 * - ix_tasks_org_open_due: the caller's open tasks in the dashboard's order (due date, then newest)
 *   straight from an index, stopping at the first twenty, instead of sorting every open task.
 */
export class KeptDashboardTotals1796360000000 implements MigrationInterface {
    name = 'KeptDashboardTotals1796360000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "outstanding_totals" ("org_id" uuid NOT NULL, "currency" character(3) NOT NULL, "slot" bigint NOT NULL, "count" bigint NOT NULL, "amount_due" numeric NOT NULL, CONSTRAINT "PK_5e00bbdc05f6c89694aa93416d5" PRIMARY KEY ("org_id", "currency", "slot"))`);
        await queryRunner.query(`CREATE INDEX "ix_outstanding_totals_pending" ON "outstanding_totals"  ("org_id") WHERE slot <> 0`);
        await queryRunner.query(`ALTER TABLE "outstanding_totals" ADD CONSTRAINT "FK_82c78346e11f521555c6c1064dd" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        // As in record_totals_count(): invoices of an organization being deleted are not counted.
        await queryRunner.query(`
            CREATE FUNCTION outstanding_totals_count() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'TRUNCATE' THEN
                    DELETE FROM outstanding_totals;
                    RETURN NULL;
                END IF;
                EXECUTE format(
                    'INSERT INTO outstanding_totals AS kept (org_id, currency, slot, count, amount_due)
                     SELECT changed.org_id, changed.currency, txid_current(), %1$s * count(*), %1$s * sum(changed.total - changed.amount_paid)
                     FROM %2$I changed JOIN organizations o ON o.id = changed.org_id
                     WHERE changed.status IN ${OWING.replace(/'/g, "''")}
                     GROUP BY changed.org_id, changed.currency
                     ON CONFLICT (org_id, currency, slot) DO UPDATE SET count = kept.count + excluded.count, amount_due = kept.amount_due + excluded.amount_due',
                    CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END, CASE TG_OP WHEN 'INSERT' THEN 'added' ELSE 'removed' END
                );
                RETURN NULL;
            END $$`);
        await queryRunner.query(`
            CREATE FUNCTION outstanding_totals_regroup() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO outstanding_totals AS kept (org_id, currency, slot, count, amount_due)
                SELECT NEW.org_id, change.currency, txid_current(), sum(change.sign), sum(change.sign * change.due)
                FROM (VALUES (OLD.status, OLD.currency, -1, OLD.total - OLD.amount_paid), (NEW.status, NEW.currency, 1, NEW.total - NEW.amount_paid))
                    change (status, currency, sign, due)
                WHERE change.status IN ${OWING}
                -- Owing before and after in one currency (a payment): one row, or the upsert would hit it twice.
                GROUP BY change.currency
                ON CONFLICT (org_id, currency, slot) DO UPDATE SET count = kept.count + excluded.count, amount_due = kept.amount_due + excluded.amount_due;
                RETURN NULL;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER outstanding_totals_insert AFTER INSERT ON invoices REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION outstanding_totals_count()`);
        await queryRunner.query(`CREATE TRIGGER outstanding_totals_delete AFTER DELETE ON invoices REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION outstanding_totals_count()`);
        await queryRunner.query(`CREATE TRIGGER outstanding_totals_truncate AFTER TRUNCATE ON invoices FOR EACH STATEMENT EXECUTE FUNCTION outstanding_totals_count()`);
        await queryRunner.query(`CREATE TRIGGER outstanding_totals_update AFTER UPDATE OF status, currency, total, amount_paid ON invoices FOR EACH ROW
            WHEN ((OLD.status IN ${OWING}, OLD.currency, OLD.total, OLD.amount_paid) IS DISTINCT FROM (NEW.status IN ${OWING}, NEW.currency, NEW.total, NEW.amount_paid))
            EXECUTE FUNCTION outstanding_totals_regroup()`);
        await queryRunner.query(`INSERT INTO outstanding_totals (org_id, currency, slot, count, amount_due)
            SELECT org_id, currency, 0, count(*), sum(total - amount_paid) FROM invoices WHERE status IN ${OWING} GROUP BY org_id, currency`);

        await queryRunner.query(`
            CREATE FUNCTION open_task_assignments_count() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'TRUNCATE' THEN
                    DELETE FROM record_totals WHERE record_table = 'task_assignees';
                ELSIF TG_OP = 'INSERT' THEN
                    ${countOpenAssignments('added', '1')};
                ELSE
                    ${countOpenAssignments('removed', '-1')};
                END IF;
                RETURN NULL;
            END $$`);
        await queryRunner.query(`
            CREATE FUNCTION open_task_assignments_move() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    INSERT INTO record_totals AS kept (org_id, record_table, value, slot, total)
                    SELECT OLD.org_id, 'task_assignees', link.user_id::text, txid_current(), -1
                    FROM task_assignees link JOIN organizations o ON o.id = OLD.org_id WHERE link.task_id = OLD.id
                    ON CONFLICT (org_id, record_table, value, slot) DO UPDATE SET total = kept.total + excluded.total;
                    RETURN OLD;
                END IF;
                INSERT INTO record_totals AS kept (org_id, record_table, value, slot, total)
                SELECT NEW.org_id, 'task_assignees', link.user_id::text, txid_current(), CASE WHEN NEW.status = 'Completed' THEN -1 ELSE 1 END
                FROM task_assignees link WHERE link.task_id = NEW.id
                ON CONFLICT (org_id, record_table, value, slot) DO UPDATE SET total = kept.total + excluded.total;
                RETURN NULL;
            END $$`);
        await queryRunner.query(`CREATE TRIGGER open_task_assignments_insert AFTER INSERT ON task_assignees REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION open_task_assignments_count()`);
        await queryRunner.query(`CREATE TRIGGER open_task_assignments_delete AFTER DELETE ON task_assignees REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION open_task_assignments_count()`);
        await queryRunner.query(`CREATE TRIGGER open_task_assignments_truncate AFTER TRUNCATE ON task_assignees FOR EACH STATEMENT EXECUTE FUNCTION open_task_assignments_count()`);
        await queryRunner.query(`CREATE TRIGGER open_task_assignments_task_deleted BEFORE DELETE ON tasks FOR EACH ROW WHEN (OLD.status <> 'Completed') EXECUTE FUNCTION open_task_assignments_move()`);
        await queryRunner.query(`CREATE TRIGGER open_task_assignments_task_moved AFTER UPDATE OF status ON tasks FOR EACH ROW
            WHEN ((OLD.status = 'Completed') IS DISTINCT FROM (NEW.status = 'Completed')) EXECUTE FUNCTION open_task_assignments_move()`);
        await queryRunner.query(`INSERT INTO record_totals (org_id, record_table, value, slot, total)
            SELECT task.org_id, 'task_assignees', link.user_id::text, 0, count(*)
            FROM task_assignees link JOIN tasks task ON task.id = link.task_id WHERE task.status <> 'Completed' GROUP BY task.org_id, link.user_id`);
        await queryRunner.query(`CREATE INDEX "ix_tasks_org_open_due" ON "tasks" ("org_id", "due_date", "created_on" DESC, "id" DESC) WHERE status <> 'Completed'`);
        await queryRunner.query(FOLD_ALL);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(FOLD_BOTH);
        await queryRunner.query(`DROP INDEX "public"."ix_tasks_org_open_due"`);
        await queryRunner.query(`DELETE FROM record_totals WHERE record_table = 'task_assignees'`);
        for (const trigger of ['task_deleted', 'task_moved']) await queryRunner.query(`DROP TRIGGER "open_task_assignments_${trigger}" ON "tasks"`);
        for (const trigger of ['insert', 'delete', 'truncate']) await queryRunner.query(`DROP TRIGGER "open_task_assignments_${trigger}" ON "task_assignees"`);
        await queryRunner.query(`DROP FUNCTION open_task_assignments_move()`);
        await queryRunner.query(`DROP FUNCTION open_task_assignments_count()`);
        for (const trigger of ['insert', 'delete', 'truncate', 'update']) await queryRunner.query(`DROP TRIGGER "outstanding_totals_${trigger}" ON "invoices"`);
        await queryRunner.query(`DROP FUNCTION outstanding_totals_regroup()`);
        await queryRunner.query(`DROP FUNCTION outstanding_totals_count()`);
        await queryRunner.query(`ALTER TABLE "outstanding_totals" DROP CONSTRAINT "FK_82c78346e11f521555c6c1064dd"`);
        await queryRunner.query(`DROP INDEX "public"."ix_outstanding_totals_pending"`);
        await queryRunner.query(`DROP TABLE "outstanding_totals"`);
    }

}
