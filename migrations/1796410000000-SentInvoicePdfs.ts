import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Each sending of an invoice keeps what its PDF prints (pdfKeyOf) and where the mailed file is, so
 * a download that would print the same serves that file instead of drawing it again: in every
 * process and after a restart, a sent invoice downloads as the PDF its recipients got. Sendings
 * from before keep neither (null) and are drawn as before.
 */
export class SentInvoicePdfs1796410000000 implements MigrationInterface {
    name = 'SentInvoicePdfs1796410000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "invoice_emails" ADD "pdf_key" character varying(27)`);
        await queryRunner.query(`ALTER TABLE "invoice_emails" ADD "pdf_storage_key" character varying(500)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "invoice_emails" DROP COLUMN "pdf_storage_key"`);
        await queryRunner.query(`ALTER TABLE "invoice_emails" DROP COLUMN "pdf_key"`);
    }

}
