import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Comments and attachments point at their parent by kind and id instead of one foreign-key column
 * per kind, so a new record kind needs no change here. Existing rows keep their parents.
 */
export class CommentsOnAnyKind1795618782766 implements MigrationInterface {
    name = 'CommentsOnAnyKind1795618782766'

    public async up(queryRunner: QueryRunner): Promise<void> {
        for (const table of ["comments", "attachments"]) {
            await queryRunner.query(`ALTER TABLE "${table}" ADD "parent_kind" character varying(32)`);
            await queryRunner.query(`ALTER TABLE "${table}" ADD "parent_id" uuid`);
            await queryRunner.query(`UPDATE "${table}" SET
                parent_kind = CASE WHEN account_id IS NOT NULL THEN 'account' WHEN lead_id IS NOT NULL THEN 'lead' ELSE 'case' END,
                parent_id = coalesce(account_id, lead_id, case_id)`);
            await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "parent_kind" SET NOT NULL`);
            await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "parent_id" SET NOT NULL`);
        }
        await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "FK_bfab5abec1db19150a4452e46b2"`);
        await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "FK_2ecf0bc117c5bfeac567475c871"`);
        await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "FK_294ab3d18d93956cc6dfa642c46"`);
        await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "FK_53212c33f873f031f88ef8bbe29"`);
        await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "FK_680cff29f8e1f74b8d78107ade6"`);
        await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "FK_948c02b0d060ca84229ead46576"`);
        await queryRunner.query(`DROP INDEX "public"."ix_attachments_account"`);
        await queryRunner.query(`DROP INDEX "public"."ix_attachments_case"`);
        await queryRunner.query(`DROP INDEX "public"."ix_attachments_lead"`);
        await queryRunner.query(`DROP INDEX "public"."ix_comments_account"`);
        await queryRunner.query(`DROP INDEX "public"."ix_comments_case"`);
        await queryRunner.query(`DROP INDEX "public"."ix_comments_lead"`);
        await queryRunner.query(`ALTER TABLE "attachments" DROP CONSTRAINT "ck_attachments_one_parent"`);
        await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "ck_comments_one_parent"`);
        await queryRunner.query(`ALTER TABLE "attachments" DROP COLUMN "account_id"`);
        await queryRunner.query(`ALTER TABLE "attachments" DROP COLUMN "case_id"`);
        await queryRunner.query(`ALTER TABLE "attachments" DROP COLUMN "lead_id"`);
        await queryRunner.query(`ALTER TABLE "comments" DROP COLUMN "case_id"`);
        await queryRunner.query(`ALTER TABLE "comments" DROP COLUMN "account_id"`);
        await queryRunner.query(`ALTER TABLE "comments" DROP COLUMN "lead_id"`);
        await queryRunner.query(`CREATE INDEX "ix_attachments_parent" ON "attachments"  ("org_id", "parent_kind", "parent_id", "created_on") `);
        await queryRunner.query(`CREATE INDEX "ix_comments_parent" ON "comments"  ("org_id", "parent_kind", "parent_id", "created_on") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_comments_parent"`);
        await queryRunner.query(`DROP INDEX "public"."ix_attachments_parent"`);
        await queryRunner.query(`ALTER TABLE "comments" ADD "lead_id" uuid`);
        await queryRunner.query(`ALTER TABLE "comments" ADD "account_id" uuid`);
        await queryRunner.query(`ALTER TABLE "comments" ADD "case_id" uuid`);
        await queryRunner.query(`ALTER TABLE "attachments" ADD "lead_id" uuid`);
        await queryRunner.query(`ALTER TABLE "attachments" ADD "case_id" uuid`);
        await queryRunner.query(`ALTER TABLE "attachments" ADD "account_id" uuid`);
        for (const table of ["comments", "attachments"]) {
            await queryRunner.query(`UPDATE "${table}" SET account_id = CASE WHEN parent_kind = 'account' THEN parent_id END,
                lead_id = CASE WHEN parent_kind = 'lead' THEN parent_id END, case_id = CASE WHEN parent_kind = 'case' THEN parent_id END`);
            // Rows of kinds that had no column (contacts) cannot go back.
            await queryRunner.query(`DELETE FROM "${table}" WHERE parent_kind NOT IN ('account', 'lead', 'case')`);
        }
        await queryRunner.query(`ALTER TABLE "comments" DROP COLUMN "parent_id"`);
        await queryRunner.query(`ALTER TABLE "comments" DROP COLUMN "parent_kind"`);
        await queryRunner.query(`ALTER TABLE "attachments" DROP COLUMN "parent_id"`);
        await queryRunner.query(`ALTER TABLE "attachments" DROP COLUMN "parent_kind"`);
        await queryRunner.query(`ALTER TABLE "comments" ADD CONSTRAINT "ck_comments_one_parent" CHECK ((num_nonnulls(account_id, lead_id, case_id) = 1))`);
        await queryRunner.query(`ALTER TABLE "attachments" ADD CONSTRAINT "ck_attachments_one_parent" CHECK ((num_nonnulls(account_id, lead_id, case_id) = 1))`);
        await queryRunner.query(`CREATE INDEX "ix_comments_lead" ON "comments" USING btree ("created_on", "lead_id") `);
        await queryRunner.query(`CREATE INDEX "ix_comments_case" ON "comments" USING btree ("created_on", "case_id") `);
        await queryRunner.query(`CREATE INDEX "ix_comments_account" ON "comments" USING btree ("created_on", "account_id") `);
        await queryRunner.query(`CREATE INDEX "ix_attachments_lead" ON "attachments" USING btree ("created_on", "lead_id") `);
        await queryRunner.query(`CREATE INDEX "ix_attachments_case" ON "attachments" USING btree ("created_on", "case_id") `);
        await queryRunner.query(`CREATE INDEX "ix_attachments_account" ON "attachments" USING btree ("created_on", "account_id") `);
        await queryRunner.query(`ALTER TABLE "comments" ADD CONSTRAINT "FK_948c02b0d060ca84229ead46576" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "comments" ADD CONSTRAINT "FK_680cff29f8e1f74b8d78107ade6" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "comments" ADD CONSTRAINT "FK_53212c33f873f031f88ef8bbe29" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attachments" ADD CONSTRAINT "FK_294ab3d18d93956cc6dfa642c46" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attachments" ADD CONSTRAINT "FK_2ecf0bc117c5bfeac567475c871" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "attachments" ADD CONSTRAINT "FK_bfab5abec1db19150a4452e46b2" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

}
