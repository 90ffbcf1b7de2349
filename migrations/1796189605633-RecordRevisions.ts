import type { MigrationInterface, QueryRunner } from "typeorm";

const KINDS = ['accounts', 'leads', 'cases', 'contacts', 'opportunities', 'tasks', 'events', 'documents', 'invoices'];

/**
 * A revision on every record, incremented by a trigger on every UPDATE of the row (so no write
 * path can forget it; ETags are made from it), `updated_on` kept by the same trigger, and who wrote
 * last.
 */
export class RecordRevisions1796189605633 implements MigrationInterface {
    name = 'RecordRevisions1796189605633'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE FUNCTION bump_record_revision() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.revision := OLD.revision + 1;
                NEW.updated_on := now();
                RETURN NEW;
            END $$`);
        for (const table of KINDS) {
            await queryRunner.query(`ALTER TABLE "${table}" ADD "revision" integer NOT NULL DEFAULT '1'`);
            await queryRunner.query(`ALTER TABLE "${table}" ADD "updated_by" uuid`);
            await queryRunner.query(`CREATE TRIGGER bump_revision BEFORE UPDATE ON "${table}" FOR EACH ROW EXECUTE FUNCTION bump_record_revision()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of KINDS) {
            await queryRunner.query(`DROP TRIGGER bump_revision ON "${table}"`);
            await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "updated_by"`);
            await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "revision"`);
        }
        await queryRunner.query(`DROP FUNCTION bump_record_revision()`);
    }

}
