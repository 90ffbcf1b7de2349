import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Documents (current file on the row, titles unique per organization ignoring case), every upload
 * kept as a version, and sharing with members and teams.
 */
export class DocumentsWithVersions1795624034381 implements MigrationInterface {
    name = 'DocumentsWithVersions1795624034381'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."document_status" AS ENUM('active', 'inactive')`);
        await queryRunner.query(`CREATE TABLE "documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "title" character varying(255) NOT NULL, "status" "public"."document_status" NOT NULL DEFAULT 'active', "version" integer NOT NULL DEFAULT '1', "file_name" character varying(255) NOT NULL, "size" bigint NOT NULL, "content_type" character varying(100) NOT NULL, "sha256" character(64) NOT NULL, "storage_key" character varying(255) NOT NULL, CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_documents_org_status_created" ON "documents"  ("org_id", "status", "created_on", "id") `);
        await queryRunner.query(`CREATE TABLE "document_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "document_id" uuid NOT NULL, "version" integer NOT NULL, "created_by" uuid, "file_name" character varying(255) NOT NULL, "size" bigint NOT NULL, "content_type" character varying(100) NOT NULL, "sha256" character(64) NOT NULL, "storage_key" character varying(255) NOT NULL, CONSTRAINT "PK_baf26dab035c6d6fc433f9dc6a2" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_documents_org_title" ON "documents" ("org_id", lower("title"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_document_versions_number" ON "document_versions"  ("document_id", "version") `);
        await queryRunner.query(`CREATE TABLE "document_shares" ("document_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_e22da3ed993d61527a40ae1d5d3" PRIMARY KEY ("document_id", "user_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_76861e417382761ff9e925c7e4" ON "document_shares"  ("document_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_dcd5fa0c02a5f77787ec356baf" ON "document_shares"  ("user_id") `);
        await queryRunner.query(`CREATE TABLE "document_teams" ("document_id" uuid NOT NULL, "team_id" uuid NOT NULL, CONSTRAINT "PK_fb74c8f0bb2228def89560a60f0" PRIMARY KEY ("document_id", "team_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_1c5201a255d2485e8212b9f971" ON "document_teams"  ("document_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_6f2c25509affad988a974a564e" ON "document_teams"  ("team_id") `);
        await queryRunner.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_5905843a9aa23f27a76a1230aac" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "documents" ADD CONSTRAINT "FK_14371caaff44d0801b59b284166" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "document_versions" ADD CONSTRAINT "FK_a76e173c6565a4dca73dae1ca40" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "document_versions" ADD CONSTRAINT "FK_ac75577bca976d6d581b0f459b6" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "document_versions" ADD CONSTRAINT "FK_b2932438efe15477a92ee9aae85" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "document_shares" ADD CONSTRAINT "FK_76861e417382761ff9e925c7e4e" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "document_shares" ADD CONSTRAINT "FK_dcd5fa0c02a5f77787ec356baf4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "document_teams" ADD CONSTRAINT "FK_1c5201a255d2485e8212b9f971a" FOREIGN KEY ("document_id") REFERENCES "documents"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "document_teams" ADD CONSTRAINT "FK_6f2c25509affad988a974a564eb" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "document_teams" DROP CONSTRAINT "FK_6f2c25509affad988a974a564eb"`);
        await queryRunner.query(`ALTER TABLE "document_teams" DROP CONSTRAINT "FK_1c5201a255d2485e8212b9f971a"`);
        await queryRunner.query(`ALTER TABLE "document_shares" DROP CONSTRAINT "FK_dcd5fa0c02a5f77787ec356baf4"`);
        await queryRunner.query(`ALTER TABLE "document_shares" DROP CONSTRAINT "FK_76861e417382761ff9e925c7e4e"`);
        await queryRunner.query(`ALTER TABLE "document_versions" DROP CONSTRAINT "FK_b2932438efe15477a92ee9aae85"`);
        await queryRunner.query(`ALTER TABLE "document_versions" DROP CONSTRAINT "FK_ac75577bca976d6d581b0f459b6"`);
        await queryRunner.query(`ALTER TABLE "document_versions" DROP CONSTRAINT "FK_a76e173c6565a4dca73dae1ca40"`);
        await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "FK_14371caaff44d0801b59b284166"`);
        await queryRunner.query(`ALTER TABLE "documents" DROP CONSTRAINT "FK_5905843a9aa23f27a76a1230aac"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_6f2c25509affad988a974a564e"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_1c5201a255d2485e8212b9f971"`);
        await queryRunner.query(`DROP TABLE "document_teams"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_dcd5fa0c02a5f77787ec356baf"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_76861e417382761ff9e925c7e4"`);
        await queryRunner.query(`DROP TABLE "document_shares"`);
        await queryRunner.query(`DROP INDEX "public"."uq_document_versions_number"`);
        await queryRunner.query(`DROP TABLE "document_versions"`);
        await queryRunner.query(`DROP INDEX "public"."ix_documents_org_status_created"`);
        await queryRunner.query(`DROP INDEX "public"."uq_documents_org_title"`);
        await queryRunner.query(`DROP TABLE "documents"`);
        await queryRunner.query(`DROP TYPE "public"."document_status"`);
    }

}
