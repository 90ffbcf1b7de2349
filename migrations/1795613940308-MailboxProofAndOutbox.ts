import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Membership by proof of the mailbox (invitations, e-mail verification, session versions) and the
 * transactional outbox for background jobs.
 *
 * Data: people an ADMIN added without a password under the old scheme never joined by proving
 * their mailbox, so their memberships become pending invitations (their old invite token keeps
 * working for one of them; an ADMIN re-sends the others). Mail still owed gets an outbox job.
 */

export class MailboxProofAndOutbox1795613940308 implements MigrationInterface {
    name = 'MailboxProofAndOutbox1795613940308'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "outbox_jobs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(64) NOT NULL, "payload" jsonb NOT NULL, "run_at" TIMESTAMP WITH TIME ZONE, "dispatched_at" TIMESTAMP WITH TIME ZONE, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_eca0e49b45a0974cb16b7d2e498" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_outbox_jobs_dispatched" ON "outbox_jobs"  ("dispatched_at") WHERE dispatched_at IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_outbox_jobs_due" ON "outbox_jobs"  ("run_at") WHERE dispatched_at IS NULL`);
        await queryRunner.query(`CREATE TABLE "email_verifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_7939cc2e493281f265179fa86ce" UNIQUE ("token_hash"), CONSTRAINT "PK_c1ea2921e767f83cd44c0af203f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_email_verifications_user" ON "email_verifications"  ("user_id") `);
        await queryRunner.query(`CREATE TABLE "invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "role" "public"."profile_role" NOT NULL, "first_name" character varying(150) NOT NULL DEFAULT '', "last_name" character varying(150) NOT NULL DEFAULT '', "token_hash" character(64) NOT NULL, "invited_by" uuid, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "accepted_by" uuid, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_872ac94a64b3d44fc4b554780cd" UNIQUE ("token_hash"), CONSTRAINT "PK_5dec98cfdfd562e4ad3648bbb07" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_invitations_org_created" ON "invitations"  ("org_id", "created_on", "id") `);
        await queryRunner.query(`ALTER TABLE "users" ADD "email_verified_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "users" ADD "session_version" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE "users" ADD "detached_email" character varying(254)`);
        await queryRunner.query(`ALTER TABLE "users" ADD "detached_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "email_verifications" ADD CONSTRAINT "FK_c4f1838323ae1dff5aa00148915" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invitations" ADD CONSTRAINT "FK_5267611dcc50f78999dbf54f461" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invitations" ADD CONSTRAINT "FK_29b1cef6891d9b9d4e35f793b81" FOREIGN KEY ("invited_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invitations" ADD CONSTRAINT "FK_fdcaac54a139fa30a51ce246f98" FOREIGN KEY ("accepted_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        // One pending invitation per organization and address (inviting again replaces it).
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_invitations_pending" ON "invitations" ("org_id", "email") WHERE accepted_at IS NULL AND revoked_at IS NULL`);
        await queryRunner.query(`
            INSERT INTO invitations (org_id, email, role, token_hash, expires_at, created_on)
            SELECT p.org_id, u.email, p.role,
                   CASE WHEN row_number() OVER (PARTITION BY u.id ORDER BY p.created_on) = 1 AND ui.token_hash IS NOT NULL
                        THEN ui.token_hash ELSE md5(random()::text || p.id::text) || md5(clock_timestamp()::text || p.id::text) END,
                   greatest(coalesce(ui.expires_at, now()), now() + interval '7 days'), p.created_on
            FROM profiles p
            JOIN users u ON u.id = p.user_id AND u.password_hash IS NULL
            LEFT JOIN LATERAL (SELECT token_hash, expires_at FROM user_invites
                               WHERE user_id = u.id AND used_at IS NULL ORDER BY created_on DESC LIMIT 1) ui ON true`);
        await queryRunner.query(`DELETE FROM profiles p USING users u WHERE u.id = p.user_id AND u.password_hash IS NULL`);
        await queryRunner.query(`DROP TABLE "user_invites"`);
        await queryRunner.query(`
            INSERT INTO outbox_jobs (name, payload, run_at)
            SELECT DISTINCT 'mail.email', jsonb_build_object('emailId', e.id), e.scheduled_at
            FROM account_emails e JOIN email_deliveries d ON d.email_id = e.id
            WHERE d.status IN ('queued', 'sending') OR (d.status = 'failed' AND d.attempts < 5)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // Pending invitations are not turned back into memberships: nobody proved those mailboxes.
        await queryRunner.query(`CREATE TABLE "user_invites" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_45c9f79a9dc88d508d0169ab776" UNIQUE ("token_hash"), CONSTRAINT "PK_32ea679531e84878e97446e8d3f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_user_invites_user" ON "user_invites"  ("user_id") `);
        await queryRunner.query(`ALTER TABLE "user_invites" ADD CONSTRAINT "FK_d2cbcf61d82605830d526e47fdd" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`DROP INDEX "public"."uq_invitations_pending"`);
        await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "FK_fdcaac54a139fa30a51ce246f98"`);
        await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "FK_29b1cef6891d9b9d4e35f793b81"`);
        await queryRunner.query(`ALTER TABLE "invitations" DROP CONSTRAINT "FK_5267611dcc50f78999dbf54f461"`);
        await queryRunner.query(`ALTER TABLE "email_verifications" DROP CONSTRAINT "FK_c4f1838323ae1dff5aa00148915"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "detached_at"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "detached_email"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "session_version"`);
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "email_verified_at"`);
        await queryRunner.query(`DROP INDEX "public"."ix_invitations_org_created"`);
        await queryRunner.query(`DROP TABLE "invitations"`);
        await queryRunner.query(`DROP INDEX "public"."ix_email_verifications_user"`);
        await queryRunner.query(`DROP TABLE "email_verifications"`);
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_jobs_due"`);
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_jobs_dispatched"`);
        await queryRunner.query(`DROP TABLE "outbox_jobs"`);
    }

}
