import type { MigrationInterface, QueryRunner } from "typeorm";

/** Writes made with an Idempotency-Key and their answers, stored in the write's transaction. */
export class IdempotencyKeys1796234419174 implements MigrationInterface {
    name = 'IdempotencyKeys1796234419174'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "idempotency_keys" ("org_id" uuid NOT NULL, "principal" character varying(60) NOT NULL, "method" character varying(10) NOT NULL, "route" character varying(255) NOT NULL, "key" character varying(255) NOT NULL, "request_hash" character(64) NOT NULL, "status" smallint NOT NULL, "headers" jsonb NOT NULL, "body" text, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4907ea0edb1cdd09533575be303" PRIMARY KEY ("org_id", "principal", "method", "route", "key"))`);
        await queryRunner.query(`CREATE INDEX "ix_idempotency_keys_created" ON "idempotency_keys"  ("created_on") `);
        await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD CONSTRAINT "FK_1eaac38e984e753ad348af8d3f9" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP CONSTRAINT "FK_1eaac38e984e753ad348af8d3f9"`);
        await queryRunner.query(`DROP INDEX "public"."ix_idempotency_keys_created"`);
        await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    }

}
