import type { MigrationInterface, QueryRunner } from "typeorm";

/** Which token a used refresh token was exchanged for, so a replay within the grace gets the same pair. */
export class RefreshSuccessor1796192368681 implements MigrationInterface {
    name = 'RefreshSuccessor1796192368681'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "refresh_tokens" ADD "successor_id" uuid`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "successor_id"`);
    }

}
