import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The bytes each organization keeps in file storage, from the rows that own the files (comment
 * attachments, document versions, the PDFs invoice mail carries): what STORAGE_QUOTA_BYTES is
 * checked against. A view, so a file's bytes stop counting the moment its row is deleted.
 */
export class OrganizationStorage1796170000000 implements MigrationInterface {
    name = 'OrganizationStorage1796170000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE VIEW "organization_storage" AS
            SELECT org_id, sum(bytes)::bigint AS bytes FROM (
                SELECT org_id, size::bigint AS bytes FROM attachments
                UNION ALL SELECT org_id, size FROM document_versions
                UNION ALL SELECT e.org_id, (file->>'size')::bigint FROM account_emails e, jsonb_array_elements(e.attachments) file
            ) stored GROUP BY org_id`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP VIEW "organization_storage"`);
    }
}
