import type { MigrationInterface, QueryRunner } from "typeorm";

/** The leads list's open half in date order straight from an index, instead of sorting every open lead. */
export class OpenLeadsInDateOrder1795628025677 implements MigrationInterface {
    name = 'OpenLeadsInDateOrder1795628025677'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "ix_leads_org_open_created" ON "leads"  ("org_id", "created_on", "id") WHERE status NOT IN ('closed', 'converted')`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_leads_org_open_created"`);
    }

}
