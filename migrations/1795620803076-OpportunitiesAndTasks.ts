import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The sales pipeline and follow-up work: opportunities and tasks with their link tables, names
 * and titles unique per organization ignoring case, and each organization's default currency.
 */
export class OpportunitiesAndTasks1795620803076 implements MigrationInterface {
    name = 'OpportunitiesAndTasks1795620803076'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."task_status" AS ENUM('New', 'In Progress', 'Completed')`);
        await queryRunner.query(`CREATE TYPE "public"."task_priority" AS ENUM('Low', 'Medium', 'High')`);
        await queryRunner.query(`CREATE TABLE "tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "title" character varying(200) NOT NULL, "status" "public"."task_status" NOT NULL DEFAULT 'New', "priority" "public"."task_priority" NOT NULL DEFAULT 'Medium', "due_date" date, "description" text NOT NULL DEFAULT '', "account_id" uuid, "lead_id" uuid, "opportunity_id" uuid, "case_id" uuid, "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_tasks_one_related" CHECK (num_nonnulls("lead_id", "opportunity_id", "case_id") <= 1), CONSTRAINT "PK_8d12ff38fcc62aaba2cab748772" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_tasks_account" ON "tasks"  ("account_id") `);
        await queryRunner.query(`CREATE INDEX "ix_tasks_org_due" ON "tasks"  ("org_id", "due_date") `);
        await queryRunner.query(`CREATE INDEX "ix_tasks_org_created" ON "tasks"  ("org_id", "created_on", "id") `);
        await queryRunner.query(`CREATE TYPE "public"."opportunity_stage" AS ENUM('QUALIFICATION', 'NEEDS ANALYSIS', 'VALUE PROPOSITION', 'ID.DECISION MAKERS', 'PERCEPTION ANALYSIS', 'PROPOSAL/PRICE QUOTE', 'NEGOTIATION/REVIEW', 'CLOSED WON', 'CLOSED LOST')`);
        await queryRunner.query(`CREATE TABLE "opportunities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying(255) NOT NULL, "stage" "public"."opportunity_stage" NOT NULL, "account_id" uuid, "amount" numeric(14,2), "currency" character(3) NOT NULL, "probability" smallint NOT NULL, "lead_source" "public"."lead_source", "closed_on" date, "description" text NOT NULL DEFAULT '', "closed_by" uuid, "closed_at" TIMESTAMP WITH TIME ZONE, "lead_id" uuid, CONSTRAINT "PK_4bd9cd12ddc0ff48a5a97ddebce" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_opportunities_account" ON "opportunities"  ("account_id") `);
        await queryRunner.query(`CREATE INDEX "ix_opportunities_org_created" ON "opportunities"  ("org_id", "created_on", "id") `);
        await queryRunner.query(`CREATE TABLE "task_assignees" ("task_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_7ae8012667c1cc4ca8266002afc" PRIMARY KEY ("task_id", "user_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_0141288f2306f20da9a60ec8d6" ON "task_assignees"  ("task_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_bb8051e376a2b083e074678cb6" ON "task_assignees"  ("user_id") `);
        await queryRunner.query(`CREATE TABLE "task_teams" ("task_id" uuid NOT NULL, "team_id" uuid NOT NULL, CONSTRAINT "PK_b7bb1c6365e1b6fa601d335ea52" PRIMARY KEY ("task_id", "team_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_da5a226d4f7f5d3ad588304bf2" ON "task_teams"  ("task_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_7bb64be2e8bcfa2d7917356230" ON "task_teams"  ("team_id") `);
        await queryRunner.query(`CREATE TABLE "task_contacts" ("task_id" uuid NOT NULL, "contact_id" uuid NOT NULL, CONSTRAINT "PK_5c60081b6631f363f711399d7b0" PRIMARY KEY ("task_id", "contact_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_230c873505d4495c827d3d27e3" ON "task_contacts"  ("task_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_bc176856a36a6216fd6f19856b" ON "task_contacts"  ("contact_id") `);
        await queryRunner.query(`CREATE TABLE "opportunity_assignees" ("opportunity_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_ad78ac066651370c381e4e3e0b9" PRIMARY KEY ("opportunity_id", "user_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_b0d298d228c02bbf9c7257f749" ON "opportunity_assignees"  ("opportunity_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_ffdcb9fd24cdda4285bf319459" ON "opportunity_assignees"  ("user_id") `);
        await queryRunner.query(`CREATE TABLE "opportunity_teams" ("opportunity_id" uuid NOT NULL, "team_id" uuid NOT NULL, CONSTRAINT "PK_3b62b442755521b4e8a7fd04c06" PRIMARY KEY ("opportunity_id", "team_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_194c96dddeda1eff15a9d451b4" ON "opportunity_teams"  ("opportunity_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_a4563ead3470c713dedfb4ff0a" ON "opportunity_teams"  ("team_id") `);
        await queryRunner.query(`CREATE TABLE "opportunity_contacts" ("opportunity_id" uuid NOT NULL, "contact_id" uuid NOT NULL, CONSTRAINT "PK_5a9587af4fcc5e59e7359cf99e4" PRIMARY KEY ("opportunity_id", "contact_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_48c017a7f993c27cec569497e1" ON "opportunity_contacts"  ("opportunity_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_f20fb334d6f79ff7dbce29d566" ON "opportunity_contacts"  ("contact_id") `);
        await queryRunner.query(`CREATE TABLE "opportunity_tags" ("opportunity_id" uuid NOT NULL, "tag_id" uuid NOT NULL, CONSTRAINT "PK_eec176f15787a05e389f588d63c" PRIMARY KEY ("opportunity_id", "tag_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_63ae33dfaf59d4fa6ef52fe40a" ON "opportunity_tags"  ("opportunity_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_34d953beebffad90eadabc65b4" ON "opportunity_tags"  ("tag_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_opportunities_org_name" ON "opportunities" ("org_id", lower("name"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_tasks_org_title" ON "tasks" ("org_id", lower("title"))`);
        await queryRunner.query(`ALTER TABLE "organizations" ADD "default_currency" character(3) NOT NULL DEFAULT 'USD'`);
        await queryRunner.query(`ALTER TABLE "tasks" ADD CONSTRAINT "FK_6a7a4f687b74075698d59c172b5" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "tasks" ADD CONSTRAINT "FK_9fc727aef9e222ebd09dc8dac08" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "tasks" ADD CONSTRAINT "FK_717a91ca2ddf3dcfabaac10d4f2" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "tasks" ADD CONSTRAINT "FK_c45c4fbd19faf3ca1daa4c5f21e" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "tasks" ADD CONSTRAINT "FK_e43947425ae6cdc686e8a019644" FOREIGN KEY ("opportunity_id") REFERENCES "opportunities"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "tasks" ADD CONSTRAINT "FK_3e67786c246786713f779cc99b0" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "opportunities" ADD CONSTRAINT "FK_888cc17e51016210dbe2fde126a" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "opportunities" ADD CONSTRAINT "FK_d9ba0b74f35eae558a04a7b843d" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "opportunities" ADD CONSTRAINT "FK_b382ff2fc824b078245faddc84c" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "opportunities" ADD CONSTRAINT "FK_3fb545e3463e2b52c1df702d0ff" FOREIGN KEY ("closed_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "opportunities" ADD CONSTRAINT "FK_7db3650fcf0fedc967a882f565e" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "task_assignees" ADD CONSTRAINT "FK_0141288f2306f20da9a60ec8d69" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "task_assignees" ADD CONSTRAINT "FK_bb8051e376a2b083e074678cb60" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "task_teams" ADD CONSTRAINT "FK_da5a226d4f7f5d3ad588304bf2c" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "task_teams" ADD CONSTRAINT "FK_7bb64be2e8bcfa2d7917356230d" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "task_contacts" ADD CONSTRAINT "FK_230c873505d4495c827d3d27e3a" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "task_contacts" ADD CONSTRAINT "FK_bc176856a36a6216fd6f19856b2" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "opportunity_assignees" ADD CONSTRAINT "FK_b0d298d228c02bbf9c7257f7490" FOREIGN KEY ("opportunity_id") REFERENCES "opportunities"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "opportunity_assignees" ADD CONSTRAINT "FK_ffdcb9fd24cdda4285bf3194592" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "opportunity_teams" ADD CONSTRAINT "FK_194c96dddeda1eff15a9d451b4b" FOREIGN KEY ("opportunity_id") REFERENCES "opportunities"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "opportunity_teams" ADD CONSTRAINT "FK_a4563ead3470c713dedfb4ff0ad" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "opportunity_contacts" ADD CONSTRAINT "FK_48c017a7f993c27cec569497e15" FOREIGN KEY ("opportunity_id") REFERENCES "opportunities"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "opportunity_contacts" ADD CONSTRAINT "FK_f20fb334d6f79ff7dbce29d5660" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "opportunity_tags" ADD CONSTRAINT "FK_63ae33dfaf59d4fa6ef52fe40a2" FOREIGN KEY ("opportunity_id") REFERENCES "opportunities"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "opportunity_tags" ADD CONSTRAINT "FK_34d953beebffad90eadabc65b48" FOREIGN KEY ("tag_id") REFERENCES "tags"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "opportunity_tags" DROP CONSTRAINT "FK_34d953beebffad90eadabc65b48"`);
        await queryRunner.query(`ALTER TABLE "opportunity_tags" DROP CONSTRAINT "FK_63ae33dfaf59d4fa6ef52fe40a2"`);
        await queryRunner.query(`ALTER TABLE "opportunity_contacts" DROP CONSTRAINT "FK_f20fb334d6f79ff7dbce29d5660"`);
        await queryRunner.query(`ALTER TABLE "opportunity_contacts" DROP CONSTRAINT "FK_48c017a7f993c27cec569497e15"`);
        await queryRunner.query(`ALTER TABLE "opportunity_teams" DROP CONSTRAINT "FK_a4563ead3470c713dedfb4ff0ad"`);
        await queryRunner.query(`ALTER TABLE "opportunity_teams" DROP CONSTRAINT "FK_194c96dddeda1eff15a9d451b4b"`);
        await queryRunner.query(`ALTER TABLE "opportunity_assignees" DROP CONSTRAINT "FK_ffdcb9fd24cdda4285bf3194592"`);
        await queryRunner.query(`ALTER TABLE "opportunity_assignees" DROP CONSTRAINT "FK_b0d298d228c02bbf9c7257f7490"`);
        await queryRunner.query(`ALTER TABLE "task_contacts" DROP CONSTRAINT "FK_bc176856a36a6216fd6f19856b2"`);
        await queryRunner.query(`ALTER TABLE "task_contacts" DROP CONSTRAINT "FK_230c873505d4495c827d3d27e3a"`);
        await queryRunner.query(`ALTER TABLE "task_teams" DROP CONSTRAINT "FK_7bb64be2e8bcfa2d7917356230d"`);
        await queryRunner.query(`ALTER TABLE "task_teams" DROP CONSTRAINT "FK_da5a226d4f7f5d3ad588304bf2c"`);
        await queryRunner.query(`ALTER TABLE "task_assignees" DROP CONSTRAINT "FK_bb8051e376a2b083e074678cb60"`);
        await queryRunner.query(`ALTER TABLE "task_assignees" DROP CONSTRAINT "FK_0141288f2306f20da9a60ec8d69"`);
        await queryRunner.query(`ALTER TABLE "opportunities" DROP CONSTRAINT "FK_7db3650fcf0fedc967a882f565e"`);
        await queryRunner.query(`ALTER TABLE "opportunities" DROP CONSTRAINT "FK_3fb545e3463e2b52c1df702d0ff"`);
        await queryRunner.query(`ALTER TABLE "opportunities" DROP CONSTRAINT "FK_b382ff2fc824b078245faddc84c"`);
        await queryRunner.query(`ALTER TABLE "opportunities" DROP CONSTRAINT "FK_d9ba0b74f35eae558a04a7b843d"`);
        await queryRunner.query(`ALTER TABLE "opportunities" DROP CONSTRAINT "FK_888cc17e51016210dbe2fde126a"`);
        await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_3e67786c246786713f779cc99b0"`);
        await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_e43947425ae6cdc686e8a019644"`);
        await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_c45c4fbd19faf3ca1daa4c5f21e"`);
        await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_717a91ca2ddf3dcfabaac10d4f2"`);
        await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_9fc727aef9e222ebd09dc8dac08"`);
        await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_6a7a4f687b74075698d59c172b5"`);
        await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "default_currency"`);
        await queryRunner.query(`DROP INDEX "public"."uq_tasks_org_title"`);
        await queryRunner.query(`DROP INDEX "public"."uq_opportunities_org_name"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_34d953beebffad90eadabc65b4"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_63ae33dfaf59d4fa6ef52fe40a"`);
        await queryRunner.query(`DROP TABLE "opportunity_tags"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_f20fb334d6f79ff7dbce29d566"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_48c017a7f993c27cec569497e1"`);
        await queryRunner.query(`DROP TABLE "opportunity_contacts"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_a4563ead3470c713dedfb4ff0a"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_194c96dddeda1eff15a9d451b4"`);
        await queryRunner.query(`DROP TABLE "opportunity_teams"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_ffdcb9fd24cdda4285bf319459"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_b0d298d228c02bbf9c7257f749"`);
        await queryRunner.query(`DROP TABLE "opportunity_assignees"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_bc176856a36a6216fd6f19856b"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_230c873505d4495c827d3d27e3"`);
        await queryRunner.query(`DROP TABLE "task_contacts"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_7bb64be2e8bcfa2d7917356230"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_da5a226d4f7f5d3ad588304bf2"`);
        await queryRunner.query(`DROP TABLE "task_teams"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_bb8051e376a2b083e074678cb6"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_0141288f2306f20da9a60ec8d6"`);
        await queryRunner.query(`DROP TABLE "task_assignees"`);
        await queryRunner.query(`DROP INDEX "public"."ix_opportunities_org_created"`);
        await queryRunner.query(`DROP INDEX "public"."ix_opportunities_account"`);
        await queryRunner.query(`DROP TABLE "opportunities"`);
        await queryRunner.query(`DROP TYPE "public"."opportunity_stage"`);
        await queryRunner.query(`DROP INDEX "public"."ix_tasks_org_created"`);
        await queryRunner.query(`DROP INDEX "public"."ix_tasks_org_due"`);
        await queryRunner.query(`DROP INDEX "public"."ix_tasks_account"`);
        await queryRunner.query(`DROP TABLE "tasks"`);
        await queryRunner.query(`DROP TYPE "public"."task_priority"`);
        await queryRunner.query(`DROP TYPE "public"."task_status"`);
    }

}
