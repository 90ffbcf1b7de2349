import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The fields Django-CRM's models keep that the seeds do not name, so a team moving from it loses
 * nothing: leads' probability, industry, skype_ID, organization, close_date, enquiry_type and
 * company; accounts' contact_name; contacts' organization, language, social links and date of
 * birth; profiles' phones, address and sales/marketing flags; the lead sources Django-CRM offers
 * that no seed value means (Existing Customer, Partner, Public Relations, Campaign). Every column has a default or is
 * nullable, so existing rows and running instances are unaffected.
 */

export class DjangoCrmFields1796330000000 implements MigrationInterface {
    name = 'DjangoCrmFields1796330000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Added in place (not by recreating the type, as TypeORM would): no table rewrite, no lock on leads.
        for (const source of ['Existing Customer', 'Partner', 'Public Relations', 'Campaign']) {
            await queryRunner.query(`ALTER TYPE "public"."lead_source" ADD VALUE IF NOT EXISTS '${source}'`);
        }
        await queryRunner.query(`ALTER TABLE "contacts" ADD "organization" character varying(255) NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE "contacts" ADD "language" character varying(255) NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE "contacts" ADD "linked_in_url" character varying(2048) NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE "contacts" ADD "facebook_url" character varying(2048) NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE "contacts" ADD "twitter_username" character varying(255) NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE "contacts" ADD "date_of_birth" date`);
        await queryRunner.query(`ALTER TABLE "accounts" ADD "contact_name" character varying(255) NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE "leads" ADD "probability" smallint`);
        await queryRunner.query(`ALTER TABLE "leads" ADD "industry" character varying(255) NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE "leads" ADD "skype_id" character varying(100) NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE "leads" ADD "organization" character varying(255) NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE "leads" ADD "close_date" date`);
        await queryRunner.query(`ALTER TABLE "leads" ADD "enquiry_type" character varying(255) NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE "leads" ADD "company_id" uuid`);
        await queryRunner.query(`ALTER TABLE "profiles" ADD "phone" character varying(32) NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE "profiles" ADD "alternate_phone" character varying(32) NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE "profiles" ADD "has_sales_access" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "profiles" ADD "has_marketing_access" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "profiles" ADD "address_line" character varying(255) NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE "profiles" ADD "street" character varying(255) NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE "profiles" ADD "city" character varying(255) NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE "profiles" ADD "state" character varying(255) NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE "profiles" ADD "postcode" character varying(64) NOT NULL DEFAULT ''`);
        await queryRunner.query(`ALTER TABLE "profiles" ADD "country" character varying(255) NOT NULL DEFAULT ''`);
        await queryRunner.query(`CREATE INDEX "ix_leads_company" ON "leads"  ("company_id") WHERE company_id IS NOT NULL`);
        await queryRunner.query(`ALTER TABLE "leads" ADD CONSTRAINT "FK_1f14eab87273052d6a45373601c" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "leads" DROP CONSTRAINT "FK_1f14eab87273052d6a45373601c"`);
        await queryRunner.query(`DROP INDEX "public"."ix_leads_company"`);
        await queryRunner.query(`ALTER TABLE "profiles" DROP COLUMN "country"`);
        await queryRunner.query(`ALTER TABLE "profiles" DROP COLUMN "postcode"`);
        await queryRunner.query(`ALTER TABLE "profiles" DROP COLUMN "state"`);
        await queryRunner.query(`ALTER TABLE "profiles" DROP COLUMN "city"`);
        await queryRunner.query(`ALTER TABLE "profiles" DROP COLUMN "street"`);
        await queryRunner.query(`ALTER TABLE "profiles" DROP COLUMN "address_line"`);
        await queryRunner.query(`ALTER TABLE "profiles" DROP COLUMN "has_marketing_access"`);
        await queryRunner.query(`ALTER TABLE "profiles" DROP COLUMN "has_sales_access"`);
        await queryRunner.query(`ALTER TABLE "profiles" DROP COLUMN "alternate_phone"`);
        await queryRunner.query(`ALTER TABLE "profiles" DROP COLUMN "phone"`);
        await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "company_id"`);
        await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "enquiry_type"`);
        await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "close_date"`);
        await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "organization"`);
        await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "skype_id"`);
        await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "industry"`);
        await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "probability"`);
        await queryRunner.query(`ALTER TABLE "accounts" DROP COLUMN "contact_name"`);
        await queryRunner.query(`ALTER TABLE "contacts" DROP COLUMN "date_of_birth"`);
        await queryRunner.query(`ALTER TABLE "contacts" DROP COLUMN "twitter_username"`);
        await queryRunner.query(`ALTER TABLE "contacts" DROP COLUMN "facebook_url"`);
        await queryRunner.query(`ALTER TABLE "contacts" DROP COLUMN "linked_in_url"`);
        await queryRunner.query(`ALTER TABLE "contacts" DROP COLUMN "language"`);
        await queryRunner.query(`ALTER TABLE "contacts" DROP COLUMN "organization"`);
        // PostgreSQL cannot drop an enum value; the four sources stay (unused by older code).
    }

}
