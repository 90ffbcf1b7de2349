import type { MigrationInterface, QueryRunner } from "typeorm";

/** Where a running import spooled its upload, so an instance that finds it orphaned can remove the file. */
export class ImportSpoolPath1796172269099 implements MigrationInterface {
    name = 'ImportSpoolPath1796172269099'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "lead_imports" ADD "spool_path" character varying(500) NOT NULL DEFAULT ''`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "lead_imports" DROP COLUMN "spool_path"`);
    }

}
