import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * An index per sort a record list offers (`created_on`, `updated_on`, `name`; KeysetPages), so a
 * page after a cursor reads from its place in the index instead of sorting every row of the
 * organization: an export or a walk of a million records stays linear.
 */
export class SortIndexes1796320000000 implements MigrationInterface {
    name = 'SortIndexes1796320000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "ix_contacts_org_updated" ON "contacts"  ("org_id", "updated_on", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_accounts_org_name" ON "accounts"  ("org_id", "name", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_accounts_org_updated" ON "accounts"  ("org_id", "updated_on", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_accounts_org_created" ON "accounts"  ("org_id", "created_on", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_cases_org_name" ON "cases"  ("org_id", "name", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_cases_org_updated" ON "cases"  ("org_id", "updated_on", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_documents_org_updated" ON "documents"  ("org_id", "updated_on", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_documents_org_created" ON "documents"  ("org_id", "created_on", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_invoices_org_updated" ON "invoices"  ("org_id", "updated_on", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_events_org_name" ON "events"  ("org_id", "name", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_events_org_updated" ON "events"  ("org_id", "updated_on", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_tasks_org_updated" ON "tasks"  ("org_id", "updated_on", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_opportunities_org_name" ON "opportunities"  ("org_id", "name", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_opportunities_org_updated" ON "opportunities"  ("org_id", "updated_on", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_leads_org_updated" ON "leads"  ("org_id", "updated_on", "id") `);
        await queryRunner.query(`CREATE INDEX "ix_leads_org_created" ON "leads"  ("org_id", "created_on", "id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_leads_org_created"`);
        await queryRunner.query(`DROP INDEX "public"."ix_leads_org_updated"`);
        await queryRunner.query(`DROP INDEX "public"."ix_opportunities_org_updated"`);
        await queryRunner.query(`DROP INDEX "public"."ix_opportunities_org_name"`);
        await queryRunner.query(`DROP INDEX "public"."ix_tasks_org_updated"`);
        await queryRunner.query(`DROP INDEX "public"."ix_events_org_updated"`);
        await queryRunner.query(`DROP INDEX "public"."ix_events_org_name"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invoices_org_updated"`);
        await queryRunner.query(`DROP INDEX "public"."ix_documents_org_created"`);
        await queryRunner.query(`DROP INDEX "public"."ix_documents_org_updated"`);
        await queryRunner.query(`DROP INDEX "public"."ix_cases_org_updated"`);
        await queryRunner.query(`DROP INDEX "public"."ix_cases_org_name"`);
        await queryRunner.query(`DROP INDEX "public"."ix_accounts_org_created"`);
        await queryRunner.query(`DROP INDEX "public"."ix_accounts_org_updated"`);
        await queryRunner.query(`DROP INDEX "public"."ix_accounts_org_name"`);
        await queryRunner.query(`DROP INDEX "public"."ix_contacts_org_updated"`);
    }

}
