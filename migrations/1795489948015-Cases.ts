import type { MigrationInterface, QueryRunner } from "typeorm";

/** Support cases; comments and attachments gain a case parent. Deleting an account keeps its cases. */

export class Cases1795489948015 implements MigrationInterface {
    name = 'Cases1795489948015'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."case_status" AS ENUM('New', 'In Progress', 'On Hold', 'Closed')`);
        await queryRunner.query(`CREATE TYPE "public"."case_priority" AS ENUM('Low', 'Normal', 'High', 'Critical')`);
        await queryRunner.query(`CREATE TYPE "public"."case_type" AS ENUM('Technical', 'Billing', 'General', 'Bug Report', 'Feature Request')`);
        await queryRunner.query(`CREATE TABLE "cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying(255) NOT NULL, "status" "public"."case_status" NOT NULL DEFAULT 'New', "priority" "public"."case_priority" NOT NULL DEFAULT 'Normal', "case_type" "public"."case_type", "description" text NOT NULL DEFAULT '', "account_id" uuid, "closed_on" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_cases_account" ON "cases"  ("account_id") `);
        await queryRunner.query(`CREATE INDEX "ix_cases_org_status_created" ON "cases"  ("org_id", "status", "created_on", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_cases_org_created" ON "cases"  ("org_id", "created_on", "id") `);
        await queryRunner.query(`CREATE TABLE "case_assignees" ("case_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_c39fc23352e92ced10b0170c7b4" PRIMARY KEY ("case_id", "user_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_771d933aab3adbe6f94ced42a5" ON "case_assignees"  ("case_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_3e940d8620488cc824c6447516" ON "case_assignees"  ("user_id") `);
        await queryRunner.query(`CREATE TABLE "case_teams" ("case_id" uuid NOT NULL, "team_id" uuid NOT NULL, CONSTRAINT "PK_f15978f586b7836af2cb7823ce6" PRIMARY KEY ("case_id", "team_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_f07e3b8252da7de148691bd657" ON "case_teams"  ("case_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_7c6bf01d58ed4fe03396e6019e" ON "case_teams"  ("team_id") `);
        await queryRunner.query(`CREATE TABLE "case_contacts" ("case_id" uuid NOT NULL, "contact_id" uuid NOT NULL, CONSTRAINT "PK_396e4390a5c82372c985aff0c25" PRIMARY KEY ("case_id", "contact_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_0827ca760537738691ed7afcb6" ON "case_contacts"  ("case_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_06e7116bd45981f5971504713d" ON "case_contacts"  ("contact_id") `);
        await queryRunner.query(`ALTER TABLE "attachments" ADD "case_id" uuid`);
        await queryRunner.query(`ALTER TABLE "comments" ADD "case_id" uuid`);
        await queryRunner.query(`CREATE INDEX "ix_attachments_case" ON "attachments"  ("case_id", "created_on") `);
        await queryRunner.query(`CREATE INDEX "ix_comments_case" ON "comments"  ("case_id", "created_on") `);
        await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_ada93fa46aad8d0590a281e662c" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_16623a33f4933798b679f058d0b" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_23d6581b66bb2cdcc7e72ba9bec" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attachments" ADD CONSTRAINT "FK_2ecf0bc117c5bfeac567475c871" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "comments" ADD CONSTRAINT "FK_680cff29f8e1f74b8d78107ade6" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "case_assignees" ADD CONSTRAINT "FK_771d933aab3adbe6f94ced42a54" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "case_assignees" ADD CONSTRAINT "FK_3e940d8620488cc824c64475161" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "case_teams" ADD CONSTRAINT "FK_f07e3b8252da7de148691bd6570" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "case_teams" ADD CONSTRAINT "FK_7c6bf01d58ed4fe03396e6019e1" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "case_contacts" ADD CONSTRAINT "FK_0827ca760537738691ed7afcb66" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "case_contacts" ADD CONSTRAINT "FK_06e7116bd45981f5971504713d5" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        // A comment or attachment now belongs to exactly one account or case.
        for (const table of ['comments', 'attachments']) {
            await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "ck_${table}_one_parent"`);
            await queryRunner.query(`ALTER TABLE "${table}" ADD CONSTRAINT "ck_${table}_one_parent" CHECK (num_nonnulls("account_id", "case_id") = 1)`);
        }
        await queryRunner.query(`CREATE INDEX "ix_cases_name_trgm" ON "cases" USING gin ("name" gin_trgm_ops)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_cases_name_trgm"`);
        for (const table of ['comments', 'attachments']) {
            await queryRunner.query(`DELETE FROM "${table}" WHERE "case_id" IS NOT NULL`);
            await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "ck_${table}_one_parent"`);
            await queryRunner.query(`ALTER TABLE "${table}" ADD CONSTRAINT "ck_${table}_one_parent" CHECK (num_nonnulls("account_id") = 1)`);
        }
        await queryRunner.query(`ALTER TABLE "case_contacts" DROP CONSTRAINT "FK_06e7116bd45981f5971504713d5"`);
        await queryRunner.query(`ALTER TABLE "case_contacts" DROP CONSTRAINT "FK_0827ca760537738691ed7afcb66"`);
        await queryRunner.query(`ALTER TABLE "case_teams" DROP CONSTRAINT "FK_7c6bf01d58ed4fe03396e6019e1"`);
        await queryRunner.query(`ALTER TABLE "case_teams" DROP CONSTRAINT "FK_f07e3b8252da7de148691bd6570"`);
        await queryRunner.query(`ALTER TABLE "case_assignees" DROP CONSTRAINT "FK_3e940d8620488cc824c64475161"`);
        await queryRunner.query(`ALTER TABLE "case_assignees" DROP CONSTRAINT "FK_771d933aab3adbe6f94ced42a54"`);
        await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "FK_680cff29f8e1f74b8d78107ade6"`);
        await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "FK_2ecf0bc117c5bfeac567475c871"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_23d6581b66bb2cdcc7e72ba9bec"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_16623a33f4933798b679f058d0b"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_ada93fa46aad8d0590a281e662c"`);
        await queryRunner.query(`DROP INDEX "public"."ix_comments_case"`);
        await queryRunner.query(`DROP INDEX "public"."ix_attachments_case"`);
        await queryRunner.query(`ALTER TABLE "comments" DROP COLUMN "case_id"`);
        await queryRunner.query(`ALTER TABLE "attachments" DROP COLUMN "case_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_06e7116bd45981f5971504713d"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_0827ca760537738691ed7afcb6"`);
        await queryRunner.query(`DROP TABLE "case_contacts"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_7c6bf01d58ed4fe03396e6019e"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_f07e3b8252da7de148691bd657"`);
        await queryRunner.query(`DROP TABLE "case_teams"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_3e940d8620488cc824c6447516"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_771d933aab3adbe6f94ced42a5"`);
        await queryRunner.query(`DROP TABLE "case_assignees"`);
        await queryRunner.query(`DROP INDEX "public"."ix_cases_org_created"`);
        await queryRunner.query(`DROP INDEX "public"."ix_cases_org_status_created"`);
        await queryRunner.query(`DROP INDEX "public"."ix_cases_account"`);
        await queryRunner.query(`DROP TABLE "cases"`);
        await queryRunner.query(`DROP TYPE "public"."case_type"`);
        await queryRunner.query(`DROP TYPE "public"."case_priority"`);
        await queryRunner.query(`DROP TYPE "public"."case_status"`);
    }

}
