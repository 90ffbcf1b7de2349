import type { MigrationInterface, QueryRunner } from "typeorm";

/** Server API keys (scoped, expiring, revocable, rotatable), beside the web-form keys of api_settings. */
export class ApiKeys1796233856750 implements MigrationInterface {
    name = 'ApiKeys1796233856750'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying(100) NOT NULL, "scopes" character varying array NOT NULL, "key_digest" character(64) NOT NULL, "last4" character(4) NOT NULL, "previous_digest" character(64), "previous_valid_until" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_api_keys_digest" ON "api_keys"  ("key_digest") `);
        await queryRunner.query(`CREATE INDEX "ix_api_keys_previous_digest" ON "api_keys"  ("previous_digest") `);
        await queryRunner.query(`CREATE INDEX "ix_api_keys_org_created" ON "api_keys"  ("org_id", "created_on", "id") `);
        await queryRunner.query(`ALTER TABLE "api_keys" ADD CONSTRAINT "FK_ba7f5748f500d24aa18041d0439" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "api_keys" ADD CONSTRAINT "FK_983d7eb19ca94bb8e343293068e" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "FK_983d7eb19ca94bb8e343293068e"`);
        await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "FK_ba7f5748f500d24aa18041d0439"`);
        await queryRunner.query(`DROP INDEX "public"."ix_api_keys_org_created"`);
        await queryRunner.query(`DROP INDEX "public"."ix_api_keys_previous_digest"`);
        await queryRunner.query(`DROP INDEX "public"."ix_api_keys_digest"`);
        await queryRunner.query(`DROP TABLE "api_keys"`);
    }

}
