import type { MigrationInterface, QueryRunner } from "typeorm";

/** A converted lead remembers the contact and the opportunity its conversion made or matched. */
export class LeadConversionRecords1795621577842 implements MigrationInterface {
    name = 'LeadConversionRecords1795621577842'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "leads" ADD "converted_contact_id" uuid`);
        await queryRunner.query(`ALTER TABLE "leads" ADD "converted_opportunity_id" uuid`);
        await queryRunner.query(`ALTER TABLE "leads" ADD CONSTRAINT "FK_40dbbf70a7f15358aa03bfb375b" FOREIGN KEY ("converted_contact_id") REFERENCES "contacts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "leads" ADD CONSTRAINT "FK_74a3d1c78d9fff8ba2f21955323" FOREIGN KEY ("converted_opportunity_id") REFERENCES "opportunities"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "leads" DROP CONSTRAINT "FK_74a3d1c78d9fff8ba2f21955323"`);
        await queryRunner.query(`ALTER TABLE "leads" DROP CONSTRAINT "FK_40dbbf70a7f15358aa03bfb375b"`);
        await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "converted_opportunity_id"`);
        await queryRunner.query(`ALTER TABLE "leads" DROP COLUMN "converted_contact_id"`);
    }

}
