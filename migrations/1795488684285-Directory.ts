import type { MigrationInterface, QueryRunner } from "typeorm";

/** Users' invites, teams, contacts and tags: the directory CRM records point at. */

export class Directory1795488684285 implements MigrationInterface {
    name = 'Directory1795488684285'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "tags" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "name" character varying(100) NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e7dc17249a1148a1970748eda99" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "teams" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "name" character varying(255) NOT NULL, "description" text NOT NULL DEFAULT '', "created_by" uuid, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7e5523774a38b08a6236d322403" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_teams_org_created" ON "teams"  ("org_id", "created_on", "id") `);
        await queryRunner.query(`CREATE TABLE "contacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "salutation" character varying(20) NOT NULL DEFAULT '', "first_name" character varying(255) NOT NULL, "last_name" character varying(255) NOT NULL, "title" character varying(255) NOT NULL DEFAULT '', "primary_email" character varying(254) NOT NULL, "secondary_email" character varying(254) NOT NULL DEFAULT '', "mobile_number" character varying(32) NOT NULL DEFAULT '', "secondary_number" character varying(32) NOT NULL DEFAULT '', "department" character varying(255) NOT NULL DEFAULT '', "description" text NOT NULL DEFAULT '', "do_not_call" boolean NOT NULL DEFAULT false, "address_line" character varying(255) NOT NULL DEFAULT '', "street" character varying(255) NOT NULL DEFAULT '', "city" character varying(255) NOT NULL DEFAULT '', "state" character varying(255) NOT NULL DEFAULT '', "postcode" character varying(64) NOT NULL DEFAULT '', "country" character varying(255) NOT NULL DEFAULT '', "created_by" uuid, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b99cd40cfd66a99f1571f4f72e6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_contacts_org_created" ON "contacts"  ("org_id", "created_on", "id") `);
        await queryRunner.query(`CREATE TABLE "user_invites" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_45c9f79a9dc88d508d0169ab776" UNIQUE ("token_hash"), CONSTRAINT "PK_32ea679531e84878e97446e8d3f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_user_invites_user" ON "user_invites"  ("user_id") `);
        await queryRunner.query(`CREATE TABLE "team_members" ("team_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_1d3c06a8217a8785e2af0ec4ab8" PRIMARY KEY ("team_id", "user_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_fdad7d5768277e60c40e01cdce" ON "team_members"  ("team_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_c2bf4967c8c2a6b845dadfbf3d" ON "team_members"  ("user_id") `);
        await queryRunner.query(`CREATE TABLE "contact_assignees" ("contact_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_6a39387a09c7140d7b50b603722" PRIMARY KEY ("contact_id", "user_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_35a6daee757e4658664c9a2d78" ON "contact_assignees"  ("contact_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_238928cd7be5f1303066bf61d6" ON "contact_assignees"  ("user_id") `);
        await queryRunner.query(`CREATE TABLE "contact_teams" ("contact_id" uuid NOT NULL, "team_id" uuid NOT NULL, CONSTRAINT "PK_562f613a2d378e1c806f7815cd2" PRIMARY KEY ("contact_id", "team_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_98e09b292ce94302d925023006" ON "contact_teams"  ("contact_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_c1fa101a2117aa1c1eb6851866" ON "contact_teams"  ("team_id") `);
        await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL`);
        await queryRunner.query(`ALTER TABLE "tags" ADD CONSTRAINT "FK_799a8c3d884f8de1a7e377c6dce" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "teams" ADD CONSTRAINT "FK_b729d9a1986ed0c3ae018e61310" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "teams" ADD CONSTRAINT "FK_e9998d2ac53a30bf287cb328b26" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "contacts" ADD CONSTRAINT "FK_1d08650bc5dee86e125aa413a13" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "contacts" ADD CONSTRAINT "FK_06dcbcd88c5647753f0f0a4f1cc" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "user_invites" ADD CONSTRAINT "FK_d2cbcf61d82605830d526e47fdd" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "team_members" ADD CONSTRAINT "FK_fdad7d5768277e60c40e01cdcea" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "team_members" ADD CONSTRAINT "FK_c2bf4967c8c2a6b845dadfbf3d4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "contact_assignees" ADD CONSTRAINT "FK_35a6daee757e4658664c9a2d78a" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "contact_assignees" ADD CONSTRAINT "FK_238928cd7be5f1303066bf61d65" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "contact_teams" ADD CONSTRAINT "FK_98e09b292ce94302d925023006d" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "contact_teams" ADD CONSTRAINT "FK_c1fa101a2117aa1c1eb68518660" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        // Expression and trigram indexes TypeORM cannot declare: per-organization uniqueness
        // ignoring case, and partial case-insensitive text filters that stay fast on large tables.
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_tags_org_name" ON "tags" ("org_id", lower("name"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_teams_org_name" ON "teams" ("org_id", lower("name"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_contacts_org_primary_email" ON "contacts" ("org_id", lower("primary_email"))`);
        await queryRunner.query(`CREATE INDEX "ix_contacts_first_name_trgm" ON "contacts" USING gin ("first_name" gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX "ix_contacts_last_name_trgm" ON "contacts" USING gin ("last_name" gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX "ix_contacts_primary_email_trgm" ON "contacts" USING gin ("primary_email" gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX "ix_contacts_city_trgm" ON "contacts" USING gin ("city" gin_trgm_ops)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const index of [
            'ix_contacts_city_trgm', 'ix_contacts_primary_email_trgm', 'ix_contacts_last_name_trgm',
            'ix_contacts_first_name_trgm', 'uq_contacts_org_primary_email', 'uq_teams_org_name', 'uq_tags_org_name',
        ]) {
            await queryRunner.query(`DROP INDEX "public"."${index}"`);
        }
        await queryRunner.query(`ALTER TABLE "contact_teams" DROP CONSTRAINT "FK_c1fa101a2117aa1c1eb68518660"`);
        await queryRunner.query(`ALTER TABLE "contact_teams" DROP CONSTRAINT "FK_98e09b292ce94302d925023006d"`);
        await queryRunner.query(`ALTER TABLE "contact_assignees" DROP CONSTRAINT "FK_238928cd7be5f1303066bf61d65"`);
        await queryRunner.query(`ALTER TABLE "contact_assignees" DROP CONSTRAINT "FK_35a6daee757e4658664c9a2d78a"`);
        await queryRunner.query(`ALTER TABLE "team_members" DROP CONSTRAINT "FK_c2bf4967c8c2a6b845dadfbf3d4"`);
        await queryRunner.query(`ALTER TABLE "team_members" DROP CONSTRAINT "FK_fdad7d5768277e60c40e01cdcea"`);
        await queryRunner.query(`ALTER TABLE "user_invites" DROP CONSTRAINT "FK_d2cbcf61d82605830d526e47fdd"`);
        await queryRunner.query(`ALTER TABLE "contacts" DROP CONSTRAINT "FK_06dcbcd88c5647753f0f0a4f1cc"`);
        await queryRunner.query(`ALTER TABLE "contacts" DROP CONSTRAINT "FK_1d08650bc5dee86e125aa413a13"`);
        await queryRunner.query(`ALTER TABLE "teams" DROP CONSTRAINT "FK_e9998d2ac53a30bf287cb328b26"`);
        await queryRunner.query(`ALTER TABLE "teams" DROP CONSTRAINT "FK_b729d9a1986ed0c3ae018e61310"`);
        await queryRunner.query(`ALTER TABLE "tags" DROP CONSTRAINT "FK_799a8c3d884f8de1a7e377c6dce"`);
        await queryRunner.query(`ALTER TABLE "users" ALTER COLUMN "password_hash" SET NOT NULL`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c1fa101a2117aa1c1eb6851866"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_98e09b292ce94302d925023006"`);
        await queryRunner.query(`DROP TABLE "contact_teams"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_238928cd7be5f1303066bf61d6"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_35a6daee757e4658664c9a2d78"`);
        await queryRunner.query(`DROP TABLE "contact_assignees"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_c2bf4967c8c2a6b845dadfbf3d"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_fdad7d5768277e60c40e01cdce"`);
        await queryRunner.query(`DROP TABLE "team_members"`);
        await queryRunner.query(`DROP INDEX "public"."ix_user_invites_user"`);
        await queryRunner.query(`DROP TABLE "user_invites"`);
        await queryRunner.query(`DROP INDEX "public"."ix_contacts_org_created"`);
        await queryRunner.query(`DROP TABLE "contacts"`);
        await queryRunner.query(`DROP INDEX "public"."ix_teams_org_created"`);
        await queryRunner.query(`DROP TABLE "teams"`);
        await queryRunner.query(`DROP TABLE "tags"`);
    }

}
