import type { MigrationInterface, QueryRunner } from "typeorm";

/** Companies (names unique per organization, ignoring case) and web-form API keys (stored as digests). */

export class CompaniesAndApiKeys1795490659728 implements MigrationInterface {
    name = 'CompaniesAndApiKeys1795490659728'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "api_settings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "title" character varying(255) NOT NULL, "website" character varying(2048) NOT NULL DEFAULT '', "key_prefix" character varying(16) NOT NULL, "key_digest" character(64) NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_3ef8469e58c2c33589ee29455f1" UNIQUE ("key_digest"), CONSTRAINT "PK_14bbb118ae1b2bd2385186cffb9" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_api_settings_org_created" ON "api_settings"  ("org_id", "created_on", "id") `);
        await queryRunner.query(`CREATE TABLE "companies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying(255) NOT NULL, "industry" character varying(255) NOT NULL DEFAULT '', "website" character varying(2048) NOT NULL DEFAULT '', "created_from_lead" uuid, CONSTRAINT "PK_d4bc3e82a314fa9e29f652c2c22" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_companies_org_created" ON "companies"  ("org_id", "created_on", "id") `);
        await queryRunner.query(`CREATE TABLE "api_setting_assignees" ("api_setting_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_c0b2fa602fad93f5fa47f123e73" PRIMARY KEY ("api_setting_id", "user_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_e395391fc55b7561630be239c4" ON "api_setting_assignees"  ("api_setting_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_8cd3672c5640e3984375ff923a" ON "api_setting_assignees"  ("user_id") `);
        await queryRunner.query(`CREATE TABLE "api_setting_tags" ("api_setting_id" uuid NOT NULL, "tag_id" uuid NOT NULL, CONSTRAINT "PK_11724bd303d53d2d1c480445952" PRIMARY KEY ("api_setting_id", "tag_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_b41436311243b3f123ec18847b" ON "api_setting_tags"  ("api_setting_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_c91cb65264ff822355ac83af9f" ON "api_setting_tags"  ("tag_id") `);
        await queryRunner.query(`ALTER TABLE "api_settings" ADD CONSTRAINT "FK_6aab0961b404f651d8c82ae76ff" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "api_settings" ADD CONSTRAINT "FK_5557e3a74df6293e9de488e938b" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "companies" ADD CONSTRAINT "FK_8cc5e00a8fda8fea1b0479d2bfe" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "companies" ADD CONSTRAINT "FK_ca4df9b8772f1c1a02f3a560555" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "companies" ADD CONSTRAINT "FK_c5a3c751e3a4b1aed0c283fb6ae" FOREIGN KEY ("created_from_lead") REFERENCES "leads"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "api_setting_assignees" ADD CONSTRAINT "FK_e395391fc55b7561630be239c4e" FOREIGN KEY ("api_setting_id") REFERENCES "api_settings"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "api_setting_assignees" ADD CONSTRAINT "FK_8cd3672c5640e3984375ff923a9" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "api_setting_tags" ADD CONSTRAINT "FK_b41436311243b3f123ec18847b5" FOREIGN KEY ("api_setting_id") REFERENCES "api_settings"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "api_setting_tags" ADD CONSTRAINT "FK_c91cb65264ff822355ac83af9f1" FOREIGN KEY ("tag_id") REFERENCES "tags"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_companies_org_name" ON "companies" ("org_id", lower("name"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."uq_companies_org_name"`);
        await queryRunner.query(`ALTER TABLE "api_setting_tags" DROP CONSTRAINT "FK_c91cb65264ff822355ac83af9f1"`);
        await queryRunner.query(`ALTER TABLE "api_setting_tags" DROP CONSTRAINT "FK_b41436311243b3f123ec18847b5"`);
        await queryRunner.query(`ALTER TABLE "api_setting_assignees" DROP CONSTRAINT "FK_8cd3672c5640e3984375ff923a9"`);
        await queryRunner.query(`ALTER TABLE "api_setting_assignees" DROP CONSTRAINT "FK_e395391fc55b7561630be239c4e"`);
        await queryRunner.query(`ALTER TABLE "companies" DROP CONSTRAINT "FK_c5a3c751e3a4b1aed0c283fb6ae"`);
        await queryRunner.query(`ALTER TABLE "companies" DROP CONSTRAINT "FK_ca4df9b8772f1c1a02f3a560555"`);
        await queryRunner.query(`ALTER TABLE "companies" DROP CONSTRAINT "FK_8cc5e00a8fda8fea1b0479d2bfe"`);
        await queryRunner.query(`ALTER TABLE "api_settings" DROP CONSTRAINT "FK_5557e3a74df6293e9de488e938b"`);
        await queryRunner.query(`ALTER TABLE "api_settings" DROP CONSTRAINT "FK_6aab0961b404f651d8c82ae76ff"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c91cb65264ff822355ac83af9f"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_b41436311243b3f123ec18847b"`);
        await queryRunner.query(`DROP TABLE "api_setting_tags"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_8cd3672c5640e3984375ff923a"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_e395391fc55b7561630be239c4"`);
        await queryRunner.query(`DROP TABLE "api_setting_assignees"`);
        await queryRunner.query(`DROP INDEX "public"."ix_companies_org_created"`);
        await queryRunner.query(`DROP TABLE "companies"`);
        await queryRunner.query(`DROP INDEX "public"."ix_api_settings_org_created"`);
        await queryRunner.query(`DROP TABLE "api_settings"`);
    }

}
