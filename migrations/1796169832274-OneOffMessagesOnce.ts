import type { MigrationInterface, QueryRunner } from "typeorm";

/** One row per one-off message (invitations, verification links), claimed before it is sent: never mailed twice. */
export class OneOffMessagesOnce1796169832274 implements MigrationInterface {
    name = 'OneOffMessagesOnce1796169832274'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."message_send_status" AS ENUM('sending', 'sent', 'failed')`);
        await queryRunner.query(`CREATE TABLE "message_sends" ("message_id" character varying(255) NOT NULL, "status" "public"."message_send_status" NOT NULL, "attempts" integer NOT NULL DEFAULT '1', "last_error" text, "updated_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3e6af649f72b2d265adaa15ee25" PRIMARY KEY ("message_id"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "message_sends"`);
        await queryRunner.query(`DROP TYPE "public"."message_send_status"`);
    }

}
