import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * An index on every column that references another record (a task's lead, a lead's converted
 * account, an invoice line's invoice), so that deleting the referenced row finds the rows that
 * point at it through an index: the foreign keys' SET NULL and CASCADE actions read the
 * referencing table by that column alone. Without them, deleting one lead scanned every task and
 * opportunity (15 ms at 100,000 of each), and deleting 10,000 leads took 150 s. Nullable columns,
 * mostly empty, are indexed where set.
 */
export class IndexedReferences1796380000000 implements MigrationInterface {
    name = 'IndexedReferences1796380000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "ix_accounts_lead" ON "accounts"  ("lead_id") WHERE lead_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_document_versions_document" ON "document_versions"  ("document_id") `);
        await queryRunner.query(`CREATE INDEX "ix_invoice_lines_invoice_id" ON "invoice_lines"  ("invoice_id") `);
        await queryRunner.query(`CREATE INDEX "ix_invoice_payments_invoice_id" ON "invoice_payments"  ("invoice_id") `);
        await queryRunner.query(`CREATE INDEX "ix_invoice_emails_email" ON "invoice_emails"  ("email_id") `);
        await queryRunner.query(`CREATE INDEX "ix_invoice_emails_invoice_id" ON "invoice_emails"  ("invoice_id") `);
        await queryRunner.query(`CREATE INDEX "ix_account_emails_account" ON "account_emails"  ("account_id") `);
        await queryRunner.query(`CREATE INDEX "ix_email_deliveries_contact" ON "email_deliveries"  ("contact_id") WHERE contact_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_events_case" ON "events"  ("case_id") WHERE case_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_events_opportunity" ON "events"  ("opportunity_id") WHERE opportunity_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_events_lead" ON "events"  ("lead_id") WHERE lead_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_events_account" ON "events"  ("account_id") WHERE account_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_tasks_case" ON "tasks"  ("case_id") WHERE case_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_tasks_opportunity" ON "tasks"  ("opportunity_id") WHERE opportunity_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_tasks_lead" ON "tasks"  ("lead_id") WHERE lead_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_opportunities_lead" ON "opportunities"  ("lead_id") WHERE lead_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_leads_converted_opportunity" ON "leads"  ("converted_opportunity_id") WHERE converted_opportunity_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_leads_converted_contact" ON "leads"  ("converted_contact_id") WHERE converted_contact_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_leads_converted_account" ON "leads"  ("converted_account_id") WHERE converted_account_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_companies_created_from_lead" ON "companies"  ("created_from_lead") WHERE created_from_lead IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_companies_created_from_lead"`);
        await queryRunner.query(`DROP INDEX "public"."ix_leads_converted_account"`);
        await queryRunner.query(`DROP INDEX "public"."ix_leads_converted_contact"`);
        await queryRunner.query(`DROP INDEX "public"."ix_leads_converted_opportunity"`);
        await queryRunner.query(`DROP INDEX "public"."ix_opportunities_lead"`);
        await queryRunner.query(`DROP INDEX "public"."ix_tasks_lead"`);
        await queryRunner.query(`DROP INDEX "public"."ix_tasks_opportunity"`);
        await queryRunner.query(`DROP INDEX "public"."ix_tasks_case"`);
        await queryRunner.query(`DROP INDEX "public"."ix_events_account"`);
        await queryRunner.query(`DROP INDEX "public"."ix_events_lead"`);
        await queryRunner.query(`DROP INDEX "public"."ix_events_opportunity"`);
        await queryRunner.query(`DROP INDEX "public"."ix_events_case"`);
        await queryRunner.query(`DROP INDEX "public"."ix_email_deliveries_contact"`);
        await queryRunner.query(`DROP INDEX "public"."ix_account_emails_account"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invoice_emails_invoice_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invoice_emails_email"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invoice_payments_invoice_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invoice_lines_invoice_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_document_versions_document"`);
        await queryRunner.query(`DROP INDEX "public"."ix_accounts_lead"`);
    }

}
