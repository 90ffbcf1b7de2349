import type { MigrationInterface, QueryRunner } from "typeorm";

/** The contacts side list of account and lead pages (first 100 by name) straight from an index, instead of sorting every contact. */
export class ContactsInNameOrder1795644870633 implements MigrationInterface {
    name = 'ContactsInNameOrder1795644870633'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "ix_contacts_org_name" ON "contacts" ("org_id", "first_name", "last_name", "id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_contacts_org_name"`);
    }

}
