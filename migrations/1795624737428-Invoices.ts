import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Invoices with their lines, payments and history (rows owned by the invoice), a per-organization
 * number sequence and prefix. One status enum serves the invoice and its history.
 */
export class Invoices1795624737428 implements MigrationInterface {
    name = 'Invoices1795624737428'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."invoice_status" AS ENUM('Draft', 'Sent', 'Paid', 'Pending', 'Cancelled')`);
        await queryRunner.query(`CREATE TABLE "invoices" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "invoice_title" character varying(255) NOT NULL, "invoice_number" character varying(40) NOT NULL, "status" "public"."invoice_status" NOT NULL DEFAULT 'Draft', "account_id" uuid, "currency" character(3) NOT NULL, "issue_date" date, "due_date" date, "notes" text NOT NULL DEFAULT '', "terms" text NOT NULL DEFAULT '', "subtotal" numeric(18,3) NOT NULL, "tax_total" numeric(18,3) NOT NULL, "discount_total" numeric(18,3) NOT NULL, "total" numeric(18,3) NOT NULL, "amount_paid" numeric(18,3) NOT NULL DEFAULT '0', "paid_at" TIMESTAMP WITH TIME ZONE, "overdue_since" TIMESTAMP WITH TIME ZONE, "billing_address_line" character varying(255) NOT NULL DEFAULT '', "billing_street" character varying(255) NOT NULL DEFAULT '', "billing_city" character varying(255) NOT NULL DEFAULT '', "billing_state" character varying(255) NOT NULL DEFAULT '', "billing_postcode" character varying(64) NOT NULL DEFAULT '', "billing_country" character varying(255) NOT NULL DEFAULT '', CONSTRAINT "PK_668cef7c22a427fd822cc1be3ce" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_invoices_org_number" ON "invoices"  ("org_id", "invoice_number") `);
        await queryRunner.query(`CREATE INDEX "ix_invoices_account" ON "invoices"  ("account_id") `);
        await queryRunner.query(`CREATE INDEX "ix_invoices_org_due" ON "invoices"  ("org_id", "status", "due_date") `);
        await queryRunner.query(`CREATE INDEX "ix_invoices_org_created" ON "invoices"  ("org_id", "created_on", "id") `);
        await queryRunner.query(`CREATE TABLE "invoice_lines" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "invoice_id" uuid NOT NULL, "position" integer NOT NULL, "description" character varying(1000) NOT NULL, "quantity" numeric(15,3) NOT NULL, "unit_price" numeric(14,2) NOT NULL, "tax_rate" numeric(6,3) NOT NULL, "discount" numeric(6,3) NOT NULL, "amount" numeric(18,3) NOT NULL, CONSTRAINT "PK_3d18eb48142b916f581f0c21a65" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_invoice_lines_invoice" ON "invoice_lines"  ("invoice_id", "position") `);
        await queryRunner.query(`CREATE TABLE "invoice_payments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "invoice_id" uuid NOT NULL, "amount" numeric(18,3) NOT NULL, "paid_on" date NOT NULL, "method" character varying(50) NOT NULL DEFAULT '', "reference" character varying(255) NOT NULL DEFAULT '', "created_by" uuid, CONSTRAINT "PK_e19c9ebfa432289f510de7b4e99" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_invoice_payments_invoice" ON "invoice_payments"  ("invoice_id", "created_on") `);
        await queryRunner.query(`CREATE TABLE "invoice_history" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "invoice_id" uuid NOT NULL, "created_by" uuid, "from_status" "public"."invoice_status", "to_status" "public"."invoice_status" NOT NULL, "note" character varying(500) NOT NULL DEFAULT '', CONSTRAINT "PK_177c3e485223573621ff7f57ac6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_invoice_history_invoice" ON "invoice_history"  ("invoice_id", "created_on") `);
        await queryRunner.query(`CREATE TABLE "invoice_sequences" ("org_id" uuid NOT NULL, "next_number" bigint NOT NULL DEFAULT '1', CONSTRAINT "PK_2030f90a5dc4df7bd6da58404d3" PRIMARY KEY ("org_id"))`);
        await queryRunner.query(`CREATE TABLE "invoice_contacts" ("invoice_id" uuid NOT NULL, "contact_id" uuid NOT NULL, CONSTRAINT "PK_05b3d0973bcecbb588f42036b65" PRIMARY KEY ("invoice_id", "contact_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_830a05dc2ab83c4558db590cc9" ON "invoice_contacts"  ("invoice_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_07cec2bb28b47fea877847e4aa" ON "invoice_contacts"  ("contact_id") `);
        await queryRunner.query(`CREATE TABLE "invoice_assignees" ("invoice_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_5b369e580b2d02f07b715c9c4cb" PRIMARY KEY ("invoice_id", "user_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_94cb99103fd3206a530fd21b94" ON "invoice_assignees"  ("invoice_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_7dcf700edc80e01b0b1fd722d4" ON "invoice_assignees"  ("user_id") `);
        await queryRunner.query(`CREATE TABLE "invoice_teams" ("invoice_id" uuid NOT NULL, "team_id" uuid NOT NULL, CONSTRAINT "PK_57567da3da009e16a81e4658911" PRIMARY KEY ("invoice_id", "team_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_edbf60f8d225f7af70b215f2e4" ON "invoice_teams"  ("invoice_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_aebe8ef2f508ab0df57b3fc3e9" ON "invoice_teams"  ("team_id") `);
        await queryRunner.query(`ALTER TABLE "organizations" ADD "invoice_prefix" character varying(20) NOT NULL DEFAULT 'INV-'`);
        await queryRunner.query(`ALTER TABLE "invoices" ADD CONSTRAINT "FK_824ca52f970e3ca5c8475ccee59" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invoices" ADD CONSTRAINT "FK_39a202af5d1dd1744458820ecb5" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invoices" ADD CONSTRAINT "FK_0be7d62c458b5f7c226f3df2cad" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invoice_lines" ADD CONSTRAINT "FK_932e69dc3ad16214fb873fdfd3a" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invoice_lines" ADD CONSTRAINT "FK_2da95dc86a54a00ff20ce46d0fe" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invoice_payments" ADD CONSTRAINT "FK_2a77accc932e5321150344fa926" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invoice_payments" ADD CONSTRAINT "FK_e94fa427d3da279450dba6f4aa6" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invoice_history" ADD CONSTRAINT "FK_646cd4959372bc69badf4d5c916" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invoice_history" ADD CONSTRAINT "FK_4627106a3e19230e386b0a5e8f2" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invoice_sequences" ADD CONSTRAINT "FK_2030f90a5dc4df7bd6da58404d3" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invoice_contacts" ADD CONSTRAINT "FK_830a05dc2ab83c4558db590cc93" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "invoice_contacts" ADD CONSTRAINT "FK_07cec2bb28b47fea877847e4aa0" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "invoice_assignees" ADD CONSTRAINT "FK_94cb99103fd3206a530fd21b94e" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "invoice_assignees" ADD CONSTRAINT "FK_7dcf700edc80e01b0b1fd722d45" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "invoice_teams" ADD CONSTRAINT "FK_edbf60f8d225f7af70b215f2e4e" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "invoice_teams" ADD CONSTRAINT "FK_aebe8ef2f508ab0df57b3fc3e99" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "invoice_teams" DROP CONSTRAINT "FK_aebe8ef2f508ab0df57b3fc3e99"`);
        await queryRunner.query(`ALTER TABLE "invoice_teams" DROP CONSTRAINT "FK_edbf60f8d225f7af70b215f2e4e"`);
        await queryRunner.query(`ALTER TABLE "invoice_assignees" DROP CONSTRAINT "FK_7dcf700edc80e01b0b1fd722d45"`);
        await queryRunner.query(`ALTER TABLE "invoice_assignees" DROP CONSTRAINT "FK_94cb99103fd3206a530fd21b94e"`);
        await queryRunner.query(`ALTER TABLE "invoice_contacts" DROP CONSTRAINT "FK_07cec2bb28b47fea877847e4aa0"`);
        await queryRunner.query(`ALTER TABLE "invoice_contacts" DROP CONSTRAINT "FK_830a05dc2ab83c4558db590cc93"`);
        await queryRunner.query(`ALTER TABLE "invoice_sequences" DROP CONSTRAINT "FK_2030f90a5dc4df7bd6da58404d3"`);
        await queryRunner.query(`ALTER TABLE "invoice_history" DROP CONSTRAINT "FK_4627106a3e19230e386b0a5e8f2"`);
        await queryRunner.query(`ALTER TABLE "invoice_history" DROP CONSTRAINT "FK_646cd4959372bc69badf4d5c916"`);
        await queryRunner.query(`ALTER TABLE "invoice_payments" DROP CONSTRAINT "FK_e94fa427d3da279450dba6f4aa6"`);
        await queryRunner.query(`ALTER TABLE "invoice_payments" DROP CONSTRAINT "FK_2a77accc932e5321150344fa926"`);
        await queryRunner.query(`ALTER TABLE "invoice_lines" DROP CONSTRAINT "FK_2da95dc86a54a00ff20ce46d0fe"`);
        await queryRunner.query(`ALTER TABLE "invoice_lines" DROP CONSTRAINT "FK_932e69dc3ad16214fb873fdfd3a"`);
        await queryRunner.query(`ALTER TABLE "invoices" DROP CONSTRAINT "FK_0be7d62c458b5f7c226f3df2cad"`);
        await queryRunner.query(`ALTER TABLE "invoices" DROP CONSTRAINT "FK_39a202af5d1dd1744458820ecb5"`);
        await queryRunner.query(`ALTER TABLE "invoices" DROP CONSTRAINT "FK_824ca52f970e3ca5c8475ccee59"`);
        await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "invoice_prefix"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_aebe8ef2f508ab0df57b3fc3e9"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_edbf60f8d225f7af70b215f2e4"`);
        await queryRunner.query(`DROP TABLE "invoice_teams"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_7dcf700edc80e01b0b1fd722d4"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_94cb99103fd3206a530fd21b94"`);
        await queryRunner.query(`DROP TABLE "invoice_assignees"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_07cec2bb28b47fea877847e4aa"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_830a05dc2ab83c4558db590cc9"`);
        await queryRunner.query(`DROP TABLE "invoice_contacts"`);
        await queryRunner.query(`DROP TABLE "invoice_sequences"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invoice_history_invoice"`);
        await queryRunner.query(`DROP TABLE "invoice_history"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invoice_payments_invoice"`);
        await queryRunner.query(`DROP TABLE "invoice_payments"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invoice_lines_invoice"`);
        await queryRunner.query(`DROP TABLE "invoice_lines"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invoices_org_created"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invoices_org_due"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invoices_account"`);
        await queryRunner.query(`DROP INDEX "public"."uq_invoices_org_number"`);
        await queryRunner.query(`DROP TABLE "invoices"`);
        await queryRunner.query(`DROP TYPE "public"."invoice_status"`);
    }

}
