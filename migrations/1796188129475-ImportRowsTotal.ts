import type { MigrationInterface, QueryRunner } from "typeorm";

/** A background import's row count, so clients can show its progress as a percentage. */
export class ImportRowsTotal1796188129475 implements MigrationInterface {
    name = 'ImportRowsTotal1796188129475'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "lead_imports" ADD "rows_total" integer`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "lead_imports" DROP COLUMN "rows_total"`);
    }

}
