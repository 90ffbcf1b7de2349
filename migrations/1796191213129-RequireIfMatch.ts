import type { MigrationInterface, QueryRunner } from "typeorm";

/** The organization setting that makes If-Match required on every change to a record (428 without). */
export class RequireIfMatch1796191213129 implements MigrationInterface {
    name = 'RequireIfMatch1796191213129'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "organizations" ADD "require_if_match" boolean NOT NULL DEFAULT false`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "require_if_match"`);
    }

}
