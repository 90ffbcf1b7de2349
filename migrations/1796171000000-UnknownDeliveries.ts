import type { MigrationInterface, QueryRunner } from "typeorm";

/** A delivery cut off mid-send is `unknown` (it may have arrived), no longer `failed`, and is resent only deliberately. */
export class UnknownDeliveries1796171000000 implements MigrationInterface {
    name = 'UnknownDeliveries1796171000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TYPE "public"."delivery_status" ADD VALUE IF NOT EXISTS 'unknown'`);
    }

    public async down(): Promise<void> {
        // PostgreSQL cannot drop an enum value; an `unknown` delivery stays readable as text.
    }
}
