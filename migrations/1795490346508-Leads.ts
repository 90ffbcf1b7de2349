import type { MigrationInterface, QueryRunner } from "typeorm";

/** Leads, linked both ways with the accounts they convert to; comments and attachments gain a lead parent. */

export class Leads1795490346508 implements MigrationInterface {
    name = 'Leads1795490346508'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."lead_status" AS ENUM('assigned', 'in process', 'converted', 'recycled', 'closed')`);
        await queryRunner.query(`CREATE TYPE "public"."lead_source" AS ENUM('Website Form', 'Cold Call', 'Referral', 'Trade Show', 'Email Campaign', 'Social Media', 'Advertisement', 'Other')`);
        await queryRunner.query(`CREATE TABLE "leads" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "title" character varying(255) NOT NULL DEFAULT '', "first_name" character varying(255) NOT NULL, "last_name" character varying(255) NOT NULL, "email" character varying(254) NOT NULL DEFAULT '', "phone" character varying(32) NOT NULL DEFAULT '', "status" "public"."lead_status" NOT NULL DEFAULT 'assigned', "source" "public"."lead_source", "account_name" character varying(255) NOT NULL DEFAULT '', "website" character varying(2048) NOT NULL DEFAULT '', "description" text NOT NULL DEFAULT '', "opportunity_amount" numeric(14,2), "address_line" character varying(255) NOT NULL DEFAULT '', "street" character varying(255) NOT NULL DEFAULT '', "city" character varying(255) NOT NULL DEFAULT '', "state" character varying(255) NOT NULL DEFAULT '', "postcode" character varying(64) NOT NULL DEFAULT '', "country" character varying(255) NOT NULL DEFAULT '', "converted_account_id" uuid, CONSTRAINT "PK_cd102ed7a9a4ca7d4d8bfeba406" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_leads_org_status_created" ON "leads"  ("org_id", "status", "created_on", "id") `);
        await queryRunner.query(`CREATE TABLE "lead_assignees" ("lead_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_0e51c4fe4b865a8013b8712c613" PRIMARY KEY ("lead_id", "user_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_be9b970765af7f16765989f474" ON "lead_assignees"  ("lead_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_5667c6e98f4ac112959dad72c3" ON "lead_assignees"  ("user_id") `);
        await queryRunner.query(`CREATE TABLE "lead_teams" ("lead_id" uuid NOT NULL, "team_id" uuid NOT NULL, CONSTRAINT "PK_a507de2703114ceebf998f0bedc" PRIMARY KEY ("lead_id", "team_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_6d484373762ac843f94a8b17d3" ON "lead_teams"  ("lead_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_249e05a1b43ad81237f0571396" ON "lead_teams"  ("team_id") `);
        await queryRunner.query(`CREATE TABLE "lead_contacts" ("lead_id" uuid NOT NULL, "contact_id" uuid NOT NULL, CONSTRAINT "PK_4dab7932e3a842f53c1c81f015f" PRIMARY KEY ("lead_id", "contact_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_4557ffa610c0747722ec054eaa" ON "lead_contacts"  ("lead_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_a66a1822975fd976bc9b7ce3fb" ON "lead_contacts"  ("contact_id") `);
        await queryRunner.query(`CREATE TABLE "lead_tags" ("lead_id" uuid NOT NULL, "tag_id" uuid NOT NULL, CONSTRAINT "PK_36ac6aa92795030d403daae327c" PRIMARY KEY ("lead_id", "tag_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_e3a0fa8f9aeec2dfc06df1fb5c" ON "lead_tags"  ("lead_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_5ae5a80a6cf9045830a21b05d1" ON "lead_tags"  ("tag_id") `);
        await queryRunner.query(`ALTER TABLE "accounts" ADD "lead_id" uuid`);
        await queryRunner.query(`ALTER TABLE "comments" ADD "lead_id" uuid`);
        await queryRunner.query(`ALTER TABLE "attachments" ADD "lead_id" uuid`);
        await queryRunner.query(`CREATE INDEX "ix_comments_lead" ON "comments"  ("lead_id", "created_on") `);
        await queryRunner.query(`CREATE INDEX "ix_attachments_lead" ON "attachments"  ("lead_id", "created_on") `);
        await queryRunner.query(`ALTER TABLE "leads" ADD CONSTRAINT "FK_7b527ccf6e5af668eb0fe249ad1" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "leads" ADD CONSTRAINT "FK_c99cd25033cfe84de5cdf790754" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "leads" ADD CONSTRAINT "FK_ee66d2c7c5b8567bcbdd5035972" FOREIGN KEY ("converted_account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "accounts" ADD CONSTRAINT "FK_b523641d3463566f7fff333b2b5" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "comments" ADD CONSTRAINT "FK_948c02b0d060ca84229ead46576" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attachments" ADD CONSTRAINT "FK_294ab3d18d93956cc6dfa642c46" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "lead_assignees" ADD CONSTRAINT "FK_be9b970765af7f16765989f4741" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "lead_assignees" ADD CONSTRAINT "FK_5667c6e98f4ac112959dad72c3e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "lead_teams" ADD CONSTRAINT "FK_6d484373762ac843f94a8b17d3d" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "lead_teams" ADD CONSTRAINT "FK_249e05a1b43ad81237f0571396d" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "lead_contacts" ADD CONSTRAINT "FK_4557ffa610c0747722ec054eaa2" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "lead_contacts" ADD CONSTRAINT "FK_a66a1822975fd976bc9b7ce3fbb" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "lead_tags" ADD CONSTRAINT "FK_e3a0fa8f9aeec2dfc06df1fb5cb" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "lead_tags" ADD CONSTRAINT "FK_5ae5a80a6cf9045830a21b05d17" FOREIGN KEY ("tag_id") REFERENCES "tags"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        // A comment or attachment now belongs to exactly one account, lead or case.
        for (const table of ['comments', 'attachments']) {
            await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "ck_${table}_one_parent"`);
            await queryRunner.query(`ALTER TABLE "${table}" ADD CONSTRAINT "ck_${table}_one_parent" CHECK (num_nonnulls("account_id", "lead_id", "case_id") = 1)`);
        }
        // Duplicate e-mail lookups (imports) and the list's partial, case-insensitive filters.
        await queryRunner.query(`CREATE INDEX "ix_leads_org_email" ON "leads" ("org_id", lower("email"))`);
        for (const column of ['first_name', 'last_name', 'email', 'city', 'title']) {
            await queryRunner.query(`CREATE INDEX "ix_leads_${column}_trgm" ON "leads" USING gin ("${column}" gin_trgm_ops)`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const column of ['first_name', 'last_name', 'email', 'city', 'title']) {
            await queryRunner.query(`DROP INDEX "public"."ix_leads_${column}_trgm"`);
        }
        await queryRunner.query(`DROP INDEX "public"."ix_leads_org_email"`);
        for (const table of ['comments', 'attachments']) {
            await queryRunner.query(`DELETE FROM "${table}" WHERE "lead_id" IS NOT NULL`);
            await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "ck_${table}_one_parent"`);
            await queryRunner.query(`ALTER TABLE "${table}" ADD CONSTRAINT "ck_${table}_one_parent" CHECK (num_nonnulls("account_id", "case_id") = 1)`);
        }
        await queryRunner.query(`ALTER TABLE "lead_tags" DROP CONSTRAINT "FK_5ae5a80a6cf9045830a21b05d17"`);
        await queryRunner.query(`ALTER TABLE "lead_tags" DROP CONSTRAINT "FK_e3a0fa8f9aeec2dfc06df1fb5cb"`);
        await queryRunner.query(`ALTER TABLE "lead_contacts" DROP CONSTRAINT "FK_a66a1822975fd976bc9b7ce3fbb"`);
        await queryRunner.query(`ALTER TABLE "lead_contacts" DROP CONSTRAINT "FK_4557ffa610c0747722ec054eaa2"`);
        await queryRunner.query(`ALTER TABLE "lead_teams" DROP CONSTRAINT "FK_249e05a1b43ad81237f0571396d"`);
        await queryRunner.query(`ALTER TABLE "lead_teams" DROP CONSTRAINT "FK_6d484373762ac843f94a8b17d3d"`);
        await queryRunner.query(`ALTER TABLE "lead_assignees" DROP CONSTRAINT "FK_5667c6e98f4ac112959dad72c3e"`);
        await queryRunner.query(`ALTER TABLE "lead_assignees" DROP CONSTRAINT "FK_be9b970765af7f16765989f4741"`);
        await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "FK_294ab3d18d93956cc6dfa642c46"`);
        await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "FK_948c02b0d060ca84229ead46576"`);
        await queryRunner.query(`ALTER TABLE "accounts" DROP CONSTRAINT "FK_b523641d3463566f7fff333b2b5"`);
        await queryRunner.query(`ALTER TABLE "leads" DROP CONSTRAINT "FK_ee66d2c7c5b8567bcbdd5035972"`);
        await queryRunner.query(`ALTER TABLE "leads" DROP CONSTRAINT "FK_c99cd25033cfe84de5cdf790754"`);
        await queryRunner.query(`ALTER TABLE "leads" DROP CONSTRAINT "FK_7b527ccf6e5af668eb0fe249ad1"`);
        await queryRunner.query(`DROP INDEX "public"."ix_attachments_lead"`);
        await queryRunner.query(`DROP INDEX "public"."ix_comments_lead"`);
        await queryRunner.query(`ALTER TABLE "attachments" DROP COLUMN "lead_id"`);
        await queryRunner.query(`ALTER TABLE "comments" DROP COLUMN "lead_id"`);
        await queryRunner.query(`ALTER TABLE "accounts" DROP COLUMN "lead_id"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_5ae5a80a6cf9045830a21b05d1"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_e3a0fa8f9aeec2dfc06df1fb5c"`);
        await queryRunner.query(`DROP TABLE "lead_tags"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_a66a1822975fd976bc9b7ce3fb"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_4557ffa610c0747722ec054eaa"`);
        await queryRunner.query(`DROP TABLE "lead_contacts"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_249e05a1b43ad81237f0571396"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_6d484373762ac843f94a8b17d3"`);
        await queryRunner.query(`DROP TABLE "lead_teams"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_5667c6e98f4ac112959dad72c3"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_be9b970765af7f16765989f474"`);
        await queryRunner.query(`DROP TABLE "lead_assignees"`);
        await queryRunner.query(`DROP INDEX "public"."ix_leads_org_status_created"`);
        await queryRunner.query(`DROP TABLE "leads"`);
        await queryRunner.query(`DROP TYPE "public"."lead_source"`);
        await queryRunner.query(`DROP TYPE "public"."lead_status"`);
    }

}
