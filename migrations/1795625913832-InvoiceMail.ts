import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Mail can carry stored files (an invoice's PDF), and an invoice keeps the mails that carried it so
 * it can show each recipient's delivery.
 */
export class InvoiceMail1795625913832 implements MigrationInterface {
    name = 'InvoiceMail1795625913832'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "invoice_emails" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "invoice_id" uuid NOT NULL, "email_id" uuid NOT NULL, CONSTRAINT "PK_b279aa3f7dcee198f30cf22d9eb" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_invoice_emails_invoice" ON "invoice_emails"  ("invoice_id", "created_on") `);
        await queryRunner.query(`ALTER TABLE "account_emails" ADD "attachments" jsonb NOT NULL DEFAULT '[]'`);
        await queryRunner.query(`ALTER TABLE "invoice_emails" ADD CONSTRAINT "FK_2832c51eef7c1a2338a46fdd9b0" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invoice_emails" ADD CONSTRAINT "FK_4be259e65ef57062d4da81d6749" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invoice_emails" ADD CONSTRAINT "FK_e60f0edbedc4b4114b875b39b20" FOREIGN KEY ("email_id") REFERENCES "account_emails"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "invoice_emails" DROP CONSTRAINT "FK_e60f0edbedc4b4114b875b39b20"`);
        await queryRunner.query(`ALTER TABLE "invoice_emails" DROP CONSTRAINT "FK_4be259e65ef57062d4da81d6749"`);
        await queryRunner.query(`ALTER TABLE "invoice_emails" DROP CONSTRAINT "FK_2832c51eef7c1a2338a46fdd9b0"`);
        await queryRunner.query(`ALTER TABLE "account_emails" DROP COLUMN "attachments"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invoice_emails_invoice"`);
        await queryRunner.query(`DROP TABLE "invoice_emails"`);
    }

}
