import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Every index and unique constraint of a tenant table leads with, or includes, org_id, so each holds
 * within one organization's shard when rows are distributed by organization (docs/scaling.md).
 * Secrets looked up before their organization is known keep a plain index on the digest.
 */
export class TenantKeysLeadWithOrg1795627488288 implements MigrationInterface {
    name = 'TenantKeysLeadWithOrg1795627488288'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."uq_document_versions_number"`);
        await queryRunner.query(`DROP INDEX "public"."uq_calendar_feeds_digest"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invoice_lines_invoice"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invoice_payments_invoice"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invoice_history_invoice"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invoice_emails_invoice"`);
        await queryRunner.query(`DROP INDEX "public"."ix_account_emails_account_created"`);
        await queryRunner.query(`ALTER TABLE "api_settings" DROP CONSTRAINT "UQ_3ef8469e58c2c33589ee29455f1"`);
        await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "UQ_ec3648b85f6af7eafe865a3257b"`);
        await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "UQ_872ac94a64b3d44fc4b554780cd"`);
        await queryRunner.query(`CREATE INDEX "ix_api_settings_key" ON "api_settings"  ("key_digest") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_document_versions_number" ON "document_versions"  ("org_id", "document_id", "version") `);
        await queryRunner.query(`CREATE INDEX "ix_calendar_feeds_digest" ON "calendar_feeds"  ("digest") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_calendar_feeds_org_digest" ON "calendar_feeds"  ("org_id", "digest") `);
        await queryRunner.query(`CREATE INDEX "ix_invoice_lines_invoice" ON "invoice_lines"  ("org_id", "invoice_id", "position") `);
        await queryRunner.query(`CREATE INDEX "ix_invoice_payments_invoice" ON "invoice_payments"  ("org_id", "invoice_id", "created_on") `);
        await queryRunner.query(`CREATE INDEX "ix_invoice_history_invoice" ON "invoice_history"  ("org_id", "invoice_id", "created_on") `);
        await queryRunner.query(`CREATE INDEX "ix_invoice_emails_invoice" ON "invoice_emails"  ("org_id", "invoice_id", "created_on") `);
        await queryRunner.query(`CREATE INDEX "ix_account_emails_account_created" ON "account_emails"  ("org_id", "account_id", "created_on", "id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_attachments_org_storage_key" ON "attachments"  ("org_id", "storage_key") `);
        await queryRunner.query(`CREATE INDEX "ix_invitations_token" ON "invitations"  ("token_hash") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_invitations_org_token" ON "invitations"  ("org_id", "token_hash") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."uq_invitations_org_token"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invitations_token"`);
        await queryRunner.query(`DROP INDEX "public"."uq_attachments_org_storage_key"`);
        await queryRunner.query(`DROP INDEX "public"."ix_account_emails_account_created"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invoice_emails_invoice"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invoice_history_invoice"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invoice_payments_invoice"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invoice_lines_invoice"`);
        await queryRunner.query(`DROP INDEX "public"."uq_calendar_feeds_org_digest"`);
        await queryRunner.query(`DROP INDEX "public"."ix_calendar_feeds_digest"`);
        await queryRunner.query(`DROP INDEX "public"."uq_document_versions_number"`);
        await queryRunner.query(`DROP INDEX "public"."ix_api_settings_key"`);
        await queryRunner.query(`ALTER TABLE "invitations" ADD CONSTRAINT "UQ_872ac94a64b3d44fc4b554780cd" UNIQUE ("token_hash")`);
        await queryRunner.query(`ALTER TABLE "attachments" ADD CONSTRAINT "UQ_ec3648b85f6af7eafe865a3257b" UNIQUE ("storage_key")`);
        await queryRunner.query(`ALTER TABLE "api_settings" ADD CONSTRAINT "UQ_3ef8469e58c2c33589ee29455f1" UNIQUE ("key_digest")`);
        await queryRunner.query(`CREATE INDEX "ix_account_emails_account_created" ON "account_emails" USING btree ("account_id", "created_on", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_invoice_emails_invoice" ON "invoice_emails" USING btree ("invoice_id", "created_on") `);
        await queryRunner.query(`CREATE INDEX "ix_invoice_history_invoice" ON "invoice_history" USING btree ("invoice_id", "created_on") `);
        await queryRunner.query(`CREATE INDEX "ix_invoice_payments_invoice" ON "invoice_payments" USING btree ("invoice_id", "created_on") `);
        await queryRunner.query(`CREATE INDEX "ix_invoice_lines_invoice" ON "invoice_lines" USING btree ("invoice_id", "position") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_calendar_feeds_digest" ON "calendar_feeds" USING btree ("digest") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_document_versions_number" ON "document_versions" USING btree ("document_id", "version") `);
    }

}
