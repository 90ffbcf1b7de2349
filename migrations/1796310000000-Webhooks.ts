import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Webhook endpoints and their delivery attempts. An endpoint follows its organization's change
 * feed: `delivered_through` is the last seq it has settled (delivered, or not of its types), and
 * `attempt`/`next_attempt_at` say how the event after it is being retried. `leased_until` and
 * `lease_token` keep one worker on an endpoint at a time, whichever instance: a job carries the
 * token it was leased with, and a stale job (handed over twice) finds another and does nothing.
 */
export class Webhooks1796310000000 implements MigrationInterface {
    name = 'Webhooks1796310000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "webhook_endpoints" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
                "org_id" uuid NOT NULL REFERENCES "organizations" ("id") ON DELETE CASCADE,
                "url" varchar(2000) NOT NULL,
                "events" varchar(60)[] NOT NULL,
                "description" varchar(500) NOT NULL DEFAULT '',
                "secret" varchar(100) NOT NULL,
                "previous_secret" varchar(100),
                "previous_secret_until" timestamptz,
                "created_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
                "created_on" timestamptz NOT NULL DEFAULT now(),
                "updated_on" timestamptz NOT NULL DEFAULT now(),
                "disabled_at" timestamptz,
                "disabled_reason" varchar(300),
                "delivered_through" bigint NOT NULL DEFAULT 0,
                "attempt" int NOT NULL DEFAULT 0,
                "next_attempt_at" timestamptz,
                "failing_since" timestamptz,
                "leased_until" timestamptz,
                "lease_token" uuid
            )`);
        await queryRunner.query(`CREATE INDEX "ix_webhook_endpoints_org" ON "webhook_endpoints" ("org_id", "created_on", "id")`);
        // Deliveries name their endpoint with its organization, so no reference crosses tenants.
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_webhook_endpoints_org_id" ON "webhook_endpoints" ("org_id", "id")`);
        await queryRunner.query(`CREATE INDEX "ix_webhook_endpoints_due" ON "webhook_endpoints" ("next_attempt_at") WHERE "disabled_at" IS NULL`);
        await queryRunner.query(`
            CREATE TABLE "webhook_deliveries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
                "org_id" uuid NOT NULL REFERENCES "organizations" ("id") ON DELETE CASCADE,
                "endpoint_id" uuid NOT NULL,
                "event_id" uuid NOT NULL,
                "event_seq" bigint,
                "event_type" varchar(60) NOT NULL,
                "attempt" int NOT NULL,
                "status_code" int,
                "duration_ms" int NOT NULL,
                "error" varchar(500),
                "succeeded" boolean NOT NULL,
                "next_retry_at" timestamptz,
                "created_on" timestamptz NOT NULL DEFAULT clock_timestamp(),
                FOREIGN KEY ("org_id", "endpoint_id") REFERENCES "webhook_endpoints" ("org_id", "id") ON DELETE CASCADE
            )`);
        await queryRunner.query(`CREATE INDEX "ix_webhook_deliveries_endpoint" ON "webhook_deliveries" ("org_id", "endpoint_id", "created_on", "id")`);
        await queryRunner.query(`CREATE INDEX "ix_record_history_event" ON "record_history" ("org_id", "event_id")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "ix_record_history_event"`);
        await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
        await queryRunner.query(`DROP TABLE "webhook_endpoints"`);
    }

}
