import type { MigrationInterface, QueryRunner } from "typeorm";

/** Account e-mail and one delivery row per recipient, so retried jobs never send twice. */

export class AccountMail1795491370364 implements MigrationInterface {
    name = 'AccountMail1795491370364'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "account_emails" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "account_id" uuid NOT NULL, "subject" character varying(998) NOT NULL, "html" text NOT NULL, "from_account" character varying(254) NOT NULL DEFAULT '', "scheduled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_e3f73cc52692bc91fc95abcb4d0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_account_emails_account_created" ON "account_emails"  ("account_id", "created_on", "id") `);
        await queryRunner.query(`CREATE TYPE "public"."delivery_status" AS ENUM('queued', 'sending', 'sent', 'failed')`);
        await queryRunner.query(`CREATE TABLE "email_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email_id" uuid NOT NULL, "address" character varying(254) NOT NULL, "contact_id" uuid, "status" "public"."delivery_status" NOT NULL DEFAULT 'queued', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "uq_email_deliveries_email_address" UNIQUE ("email_id", "address"), CONSTRAINT "PK_aa4e94683dafee7c55aaeb9f59d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_email_deliveries_status" ON "email_deliveries"  ("status") `);
        await queryRunner.query(`ALTER TABLE "account_emails" ADD CONSTRAINT "FK_aa7ed0aeb8bc2a3a3961d1e7d73" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "account_emails" ADD CONSTRAINT "FK_e3f2caecd53fe0ef88c5b0e1079" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "account_emails" ADD CONSTRAINT "FK_04b81fd88861bb294ae5e445ade" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "email_deliveries" ADD CONSTRAINT "FK_9ed9ab5c0c4d3096d72b0f46bb6" FOREIGN KEY ("email_id") REFERENCES "account_emails"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "email_deliveries" ADD CONSTRAINT "FK_3c3c65fbdca5c0dea2f8ef3afbc" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "email_deliveries" DROP CONSTRAINT "FK_3c3c65fbdca5c0dea2f8ef3afbc"`);
        await queryRunner.query(`ALTER TABLE "email_deliveries" DROP CONSTRAINT "FK_9ed9ab5c0c4d3096d72b0f46bb6"`);
        await queryRunner.query(`ALTER TABLE "account_emails" DROP CONSTRAINT "FK_04b81fd88861bb294ae5e445ade"`);
        await queryRunner.query(`ALTER TABLE "account_emails" DROP CONSTRAINT "FK_e3f2caecd53fe0ef88c5b0e1079"`);
        await queryRunner.query(`ALTER TABLE "account_emails" DROP CONSTRAINT "FK_aa7ed0aeb8bc2a3a3961d1e7d73"`);
        await queryRunner.query(`DROP INDEX "public"."ix_email_deliveries_status"`);
        await queryRunner.query(`DROP TABLE "email_deliveries"`);
        await queryRunner.query(`DROP TYPE "public"."delivery_status"`);
        await queryRunner.query(`DROP INDEX "public"."ix_account_emails_account_created"`);
        await queryRunner.query(`DROP TABLE "account_emails"`);
    }

}
