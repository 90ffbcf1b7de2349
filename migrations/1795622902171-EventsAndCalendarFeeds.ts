import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Events stored once with their recurrence rule and the real-time bounds of their series (for
 * window queries), their link tables, members' secret calendar feeds (token digests only), and
 * each organization's time zone.
 */
export class EventsAndCalendarFeeds1795622902171 implements MigrationInterface {
    name = 'EventsAndCalendarFeeds1795622902171'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "calendar_feeds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "digest" character(64) NOT NULL, CONSTRAINT "PK_045067d8bb57f971f3c5426ea71" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_calendar_feeds_digest" ON "calendar_feeds"  ("digest") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_calendar_feeds_org_user" ON "calendar_feeds"  ("org_id", "user_id") `);
        await queryRunner.query(`CREATE TYPE "public"."event_type" AS ENUM('Recurring', 'Non-Recurring')`);
        await queryRunner.query(`CREATE TYPE "public"."event_status" AS ENUM('Planned', 'Held', 'Not Held', 'Not Started', 'Started', 'Completed', 'Canceled', 'Deferred')`);
        await queryRunner.query(`CREATE TABLE "events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, "updated_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "name" character varying(255) NOT NULL, "event_type" "public"."event_type" NOT NULL DEFAULT 'Non-Recurring', "status" "public"."event_status" NOT NULL DEFAULT 'Planned', "start_date" date NOT NULL, "start_time" TIME NOT NULL, "end_date" date NOT NULL, "end_time" TIME NOT NULL, "timezone" character varying(64) NOT NULL, "recurring_days" character varying(9) array NOT NULL DEFAULT '{}', "rrule" character varying(500), "series_start" TIMESTAMP WITH TIME ZONE NOT NULL, "series_end" TIMESTAMP WITH TIME ZONE NOT NULL, "occurrences_count" integer NOT NULL DEFAULT '1', "sequence" integer NOT NULL DEFAULT '0', "description" text NOT NULL DEFAULT '', "date_of_meeting" date, "account_id" uuid, "lead_id" uuid, "opportunity_id" uuid, "case_id" uuid, CONSTRAINT "PK_40731c7151fe4be3116e45ddf73" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_events_org_series" ON "events"  ("org_id", "series_start", "series_end") `);
        await queryRunner.query(`CREATE INDEX "ix_events_org_created" ON "events"  ("org_id", "created_on", "id") `);
        await queryRunner.query(`CREATE TABLE "event_assignees" ("event_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_b6c4e0fb32f83f7c8c2ae76ec4f" PRIMARY KEY ("event_id", "user_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_592a686c5b1ee8fec8d07bb09f" ON "event_assignees"  ("event_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_101633dbfb7f29089a425eb2af" ON "event_assignees"  ("user_id") `);
        await queryRunner.query(`CREATE TABLE "event_teams" ("event_id" uuid NOT NULL, "team_id" uuid NOT NULL, CONSTRAINT "PK_2eec39111e0c57dab8867e8af62" PRIMARY KEY ("event_id", "team_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_b10f118ebff969c2f306569b16" ON "event_teams"  ("event_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_bd36c28312457e28bfa0acc461" ON "event_teams"  ("team_id") `);
        await queryRunner.query(`CREATE TABLE "event_contacts" ("event_id" uuid NOT NULL, "contact_id" uuid NOT NULL, CONSTRAINT "PK_1c41060f29ae3357fc02cab87b6" PRIMARY KEY ("event_id", "contact_id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_f86bd233e29841e1ded671f330" ON "event_contacts"  ("event_id") `);
        await queryRunner.query(`CREATE INDEX "IDX_a177a096b4fd70a9570571b0f4" ON "event_contacts"  ("contact_id") `);
        await queryRunner.query(`ALTER TABLE "organizations" ADD "timezone" character varying(64) NOT NULL DEFAULT 'UTC'`);
        await queryRunner.query(`ALTER TABLE "calendar_feeds" ADD CONSTRAINT "FK_d1f33b499a22f47e323efcb48a3" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "calendar_feeds" ADD CONSTRAINT "FK_3212ce9ff23847e66347a6730d3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "events" ADD CONSTRAINT "FK_f37383a8691fb6bb3f6bf20889f" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "events" ADD CONSTRAINT "FK_1a259861a2ce114f074b366eed2" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "events" ADD CONSTRAINT "FK_54ec284da4b957748352c8310c8" FOREIGN KEY ("account_id") REFERENCES "accounts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "events" ADD CONSTRAINT "FK_30c3a657f9409ce723533ba26e1" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "events" ADD CONSTRAINT "FK_0fdcdf222b180b1e855809bb3a8" FOREIGN KEY ("opportunity_id") REFERENCES "opportunities"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "events" ADD CONSTRAINT "FK_0bb865399ad1598313acb45e25d" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "event_assignees" ADD CONSTRAINT "FK_592a686c5b1ee8fec8d07bb09f6" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "event_assignees" ADD CONSTRAINT "FK_101633dbfb7f29089a425eb2afc" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "event_teams" ADD CONSTRAINT "FK_b10f118ebff969c2f306569b160" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "event_teams" ADD CONSTRAINT "FK_bd36c28312457e28bfa0acc461e" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "event_contacts" ADD CONSTRAINT "FK_f86bd233e29841e1ded671f3305" FOREIGN KEY ("event_id") REFERENCES "events"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE "event_contacts" ADD CONSTRAINT "FK_a177a096b4fd70a9570571b0f43" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE CASCADE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "event_contacts" DROP CONSTRAINT "FK_a177a096b4fd70a9570571b0f43"`);
        await queryRunner.query(`ALTER TABLE "event_contacts" DROP CONSTRAINT "FK_f86bd233e29841e1ded671f3305"`);
        await queryRunner.query(`ALTER TABLE "event_teams" DROP CONSTRAINT "FK_bd36c28312457e28bfa0acc461e"`);
        await queryRunner.query(`ALTER TABLE "event_teams" DROP CONSTRAINT "FK_b10f118ebff969c2f306569b160"`);
        await queryRunner.query(`ALTER TABLE "event_assignees" DROP CONSTRAINT "FK_101633dbfb7f29089a425eb2afc"`);
        await queryRunner.query(`ALTER TABLE "event_assignees" DROP CONSTRAINT "FK_592a686c5b1ee8fec8d07bb09f6"`);
        await queryRunner.query(`ALTER TABLE "events" DROP CONSTRAINT "FK_0bb865399ad1598313acb45e25d"`);
        await queryRunner.query(`ALTER TABLE "events" DROP CONSTRAINT "FK_0fdcdf222b180b1e855809bb3a8"`);
        await queryRunner.query(`ALTER TABLE "events" DROP CONSTRAINT "FK_30c3a657f9409ce723533ba26e1"`);
        await queryRunner.query(`ALTER TABLE "events" DROP CONSTRAINT "FK_54ec284da4b957748352c8310c8"`);
        await queryRunner.query(`ALTER TABLE "events" DROP CONSTRAINT "FK_1a259861a2ce114f074b366eed2"`);
        await queryRunner.query(`ALTER TABLE "events" DROP CONSTRAINT "FK_f37383a8691fb6bb3f6bf20889f"`);
        await queryRunner.query(`ALTER TABLE "calendar_feeds" DROP CONSTRAINT "FK_3212ce9ff23847e66347a6730d3"`);
        await queryRunner.query(`ALTER TABLE "calendar_feeds" DROP CONSTRAINT "FK_d1f33b499a22f47e323efcb48a3"`);
        await queryRunner.query(`ALTER TABLE "organizations" DROP COLUMN "timezone"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_a177a096b4fd70a9570571b0f4"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_f86bd233e29841e1ded671f330"`);
        await queryRunner.query(`DROP TABLE "event_contacts"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_bd36c28312457e28bfa0acc461"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_b10f118ebff969c2f306569b16"`);
        await queryRunner.query(`DROP TABLE "event_teams"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_101633dbfb7f29089a425eb2af"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_592a686c5b1ee8fec8d07bb09f"`);
        await queryRunner.query(`DROP TABLE "event_assignees"`);
        await queryRunner.query(`DROP INDEX "public"."ix_events_org_created"`);
        await queryRunner.query(`DROP INDEX "public"."ix_events_org_series"`);
        await queryRunner.query(`DROP TABLE "events"`);
        await queryRunner.query(`DROP TYPE "public"."event_status"`);
        await queryRunner.query(`DROP TYPE "public"."event_type"`);
        await queryRunner.query(`DROP INDEX "public"."uq_calendar_feeds_org_user"`);
        await queryRunner.query(`DROP INDEX "public"."uq_calendar_feeds_digest"`);
        await queryRunner.query(`DROP TABLE "calendar_feeds"`);
    }

}
