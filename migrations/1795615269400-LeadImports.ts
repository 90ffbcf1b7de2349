import type { MigrationInterface, QueryRunner } from "typeorm";

/** Large lead imports run in the background, with their progress and outcome. */

export class LeadImports1795615269400 implements MigrationInterface {
    name = 'LeadImports1795615269400'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."lead_import_status" AS ENUM('running', 'succeeded', 'failed')`);
        await queryRunner.query(`CREATE TABLE "lead_imports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "status" "public"."lead_import_status" NOT NULL DEFAULT 'running', "file_name" character varying(255) NOT NULL DEFAULT '', "rows_read" integer NOT NULL DEFAULT '0', "imported_count" integer NOT NULL DEFAULT '0', "failed_count" integer NOT NULL DEFAULT '0', "errors" jsonb NOT NULL DEFAULT '[]', "message" text NOT NULL DEFAULT '', "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3a02aee77d4f7ce4422b215096e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_lead_imports_org_created" ON "lead_imports"  ("org_id", "created_on", "id") `);
        await queryRunner.query(`ALTER TABLE "lead_imports" ADD CONSTRAINT "FK_58f7bac8482f1f8f189089c122e" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "lead_imports" ADD CONSTRAINT "FK_3beeedad8094b8ff3c4fde2cd5c" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "lead_imports" DROP CONSTRAINT "FK_3beeedad8094b8ff3c4fde2cd5c"`);
        await queryRunner.query(`ALTER TABLE "lead_imports" DROP CONSTRAINT "FK_58f7bac8482f1f8f189089c122e"`);
        await queryRunner.query(`DROP INDEX "public"."ix_lead_imports_org_created"`);
        await queryRunner.query(`DROP TABLE "lead_imports"`);
        await queryRunner.query(`DROP TYPE "public"."lead_import_status"`);
    }

}
