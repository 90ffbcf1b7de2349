import type { MigrationInterface, QueryRunner } from "typeorm";

/** Accounts with their links, and comments and attachments (one nullable parent column per kind). */

export class Accounts1795489590942 implements MigrationInterface {
    name = 'Accounts1795489590942'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."account_status" AS ENUM('open', 'closed')`);
        await queryRunner.query(`CREATE TABLE "accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying(255) NOT NULL, "email" character varying(254) NOT NULL DEFAULT '', "phone" character varying(32) NOT NULL DEFAULT '', "industry" character varying(255) NOT NULL DEFAULT '', "description" text NOT NULL DEFAULT '', "website" character varying(2048) NOT NULL DEFAULT '', "status" "public"."account_status" NOT NULL DEFAULT 'open', "billing_address_line" character varying(255) NOT NULL DEFAULT '', "billing_street" character varying(255) NOT NULL DEFAULT '', "billing_city" character varying(255) NOT NULL DEFAULT '', "billing_state" character varying(255) NOT NULL DEFAULT '', "billing_postcode" character varying(64) NOT NULL DEFAULT '', "billing_country" character varying(255) NOT NULL DEFAULT '', CONSTRAINT "PK_5a7a02c20412299d198e097a8fe" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_accounts_org_status_created" ON "accounts"  ("org_id", "status", "created_on", "id") `);
        await queryRunner.query(`CREATE TABLE "attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "file_name" character varying(255) NOT NULL, "storage_key" character varying(255) NOT NULL, "content_type" character varying(255) NOT NULL, "size" bigint NOT NULL, "created_by" uuid, "account_id" uuid, CONSTRAINT "UQ_ec3648b85f6af7eafe865a3257b" UNIQUE ("storage_key"), CONSTRAINT "ck_attachments_one_parent" CHECK (num_nonnulls("account_id") = 1), CONSTRAINT "PK_5e1f050bcff31e3084a1d662412" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_attachments_account" ON "attachments"  ("account_id", "created_on") `);
        await queryRunner.query(`CREATE TABLE "comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "comment" text NOT NULL, "commented_by" uuid, "updated_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "account_id" uuid, CONSTRAINT "ck_comments_one_parent" CHECK (num_nonnulls("account_id") = 1), CONSTRAINT "PK_8bf68bc960f2b69e818bdb90dcb" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_comments_account" ON "comments"  ("account_id", "created_on") `);
        await queryRunner.query(`CREATE TABLE "account_assignees" ("account_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_d26142b3d2dcf72c560e5c84057" PRIMARY KEY ("account_id", "user_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_d4f4105b440e0a607aeabc8ff4" ON "account_assignees"  ("account_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_8f14096119520d0cbb006810a3" ON "account_assignees"  ("user_id") `);
        await queryRunner.query(`CREATE TABLE "account_teams" ("account_id" uuid NOT NULL, "team_id" uuid NOT NULL, CONSTRAINT "PK_9e602ed3039644522d4e4452469" PRIMARY KEY ("account_id", "team_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_7dc09b21b5ef6a02e32e477301" ON "account_teams"  ("account_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_fefaacb9c5a646772f03a6e1a7" ON "account_teams"  ("team_id") `);
        await queryRunner.query(`CREATE TABLE "account_contacts" ("account_id" uuid NOT NULL, "contact_id" uuid NOT NULL, CONSTRAINT "PK_f2477969b440201533a5af3d7ba" PRIMARY KEY ("account_id", "contact_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_48cd27c7ee65bf9035b2ea434f" ON "account_contacts"  ("account_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_1e50a5c8c8f700fc8acd68e473" ON "account_contacts"  ("contact_id") `);
        await queryRunner.query(`CREATE TABLE "account_tags" ("account_id" uuid NOT NULL, "tag_id" uuid NOT NULL, CONSTRAINT "PK_04f319f64fd101ca250d6972688" PRIMARY KEY ("account_id", "tag_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_1c68de22c8a5813e66d636289b" ON "account_tags"  ("account_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_8afb1c6934d08f9662e8623278" ON "account_tags"  ("tag_id") `);
        await queryRunner.query(`ALTER TABLE "accounts" ADD CONSTRAINT "FK_f1930a1c7b1da392e23520a388e" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "accounts" ADD CONSTRAINT "FK_6ce484b7743042752cdecc41c99" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attachments" ADD CONSTRAINT "FK_65a6ef3c764b1e40fd61cfd9713" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attachments" ADD CONSTRAINT "FK_2d59febd2d8b3c772a11c35487e" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attachments" ADD CONSTRAINT "FK_bfab5abec1db19150a4452e46b2" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "comments" ADD CONSTRAINT "FK_d0d8bd8ebb462bd2d8fd29368e8" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "comments" ADD CONSTRAINT "FK_774ba1d88b70935793ca5ebb6e5" FOREIGN KEY ("commented_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "comments" ADD CONSTRAINT "FK_53212c33f873f031f88ef8bbe29" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "account_assignees" ADD CONSTRAINT "FK_d4f4105b440e0a607aeabc8ff49" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "account_assignees" ADD CONSTRAINT "FK_8f14096119520d0cbb006810a39" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "account_teams" ADD CONSTRAINT "FK_7dc09b21b5ef6a02e32e4773010" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "account_teams" ADD CONSTRAINT "FK_fefaacb9c5a646772f03a6e1a74" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "account_contacts" ADD CONSTRAINT "FK_48cd27c7ee65bf9035b2ea434ff" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "account_contacts" ADD CONSTRAINT "FK_1e50a5c8c8f700fc8acd68e4733" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "account_tags" ADD CONSTRAINT "FK_1c68de22c8a5813e66d636289be" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "account_tags" ADD CONSTRAINT "FK_8afb1c6934d08f9662e86232783" FOREIGN KEY ("tag_id") REFERENCES "tags"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        // Partial, case-insensitive text filters of the account list stay fast on large tables.
        await queryRunner.query(`CREATE INDEX "ix_accounts_name_trgm" ON "accounts" USING gin ("name" gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX "ix_accounts_billing_city_trgm" ON "accounts" USING gin ("billing_city" gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX "ix_accounts_industry_trgm" ON "accounts" USING gin ("industry" gin_trgm_ops)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const index of ['ix_accounts_industry_trgm', 'ix_accounts_billing_city_trgm', 'ix_accounts_name_trgm']) {
            await queryRunner.query(`DROP INDEX "public"."${index}"`);
        }
        await queryRunner.query(`ALTER TABLE "account_tags" DROP CONSTRAINT "FK_8afb1c6934d08f9662e86232783"`);
        await queryRunner.query(`ALTER TABLE "account_tags" DROP CONSTRAINT "FK_1c68de22c8a5813e66d636289be"`);
        await queryRunner.query(`ALTER TABLE "account_contacts" DROP CONSTRAINT "FK_1e50a5c8c8f700fc8acd68e4733"`);
        await queryRunner.query(`ALTER TABLE "account_contacts" DROP CONSTRAINT "FK_48cd27c7ee65bf9035b2ea434ff"`);
        await queryRunner.query(`ALTER TABLE "account_teams" DROP CONSTRAINT "FK_fefaacb9c5a646772f03a6e1a74"`);
        await queryRunner.query(`ALTER TABLE "account_teams" DROP CONSTRAINT "FK_7dc09b21b5ef6a02e32e4773010"`);
        await queryRunner.query(`ALTER TABLE "account_assignees" DROP CONSTRAINT "FK_8f14096119520d0cbb006810a39"`);
        await queryRunner.query(`ALTER TABLE "account_assignees" DROP CONSTRAINT "FK_d4f4105b440e0a607aeabc8ff49"`);
        await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "FK_53212c33f873f031f88ef8bbe29"`);
        await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "FK_774ba1d88b70935793ca5ebb6e5"`);
        await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "FK_d0d8bd8ebb462bd2d8fd29368e8"`);
        await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "FK_bfab5abec1db19150a4452e46b2"`);
        await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "FK_2d59febd2d8b3c772a11c35487e"`);
        await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "FK_65a6ef3c764b1e40fd61cfd9713"`);
        await queryRunner.query(`ALTER TABLE "accounts" DROP CONSTRAINT "FK_6ce484b7743042752cdecc41c99"`);
        await queryRunner.query(`ALTER TABLE "accounts" DROP CONSTRAINT "FK_f1930a1c7b1da392e23520a388e"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_8afb1c6934d08f9662e8623278"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_1c68de22c8a5813e66d636289b"`);
        await queryRunner.query(`DROP TABLE "account_tags"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_1e50a5c8c8f700fc8acd68e473"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_48cd27c7ee65bf9035b2ea434f"`);
        await queryRunner.query(`DROP TABLE "account_contacts"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_fefaacb9c5a646772f03a6e1a7"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_7dc09b21b5ef6a02e32e477301"`);
        await queryRunner.query(`DROP TABLE "account_teams"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_8f14096119520d0cbb006810a3"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_d4f4105b440e0a607aeabc8ff4"`);
        await queryRunner.query(`DROP TABLE "account_assignees"`);
        await queryRunner.query(`DROP INDEX "public"."ix_comments_account"`);
        await queryRunner.query(`DROP TABLE "comments"`);
        await queryRunner.query(`DROP INDEX "public"."ix_attachments_account"`);
        await queryRunner.query(`DROP TABLE "attachments"`);
        await queryRunner.query(`DROP INDEX "public"."ix_accounts_org_status_created"`);
        await queryRunner.query(`DROP TABLE "accounts"`);
        await queryRunner.query(`DROP TYPE "public"."account_status"`);
    }

}
