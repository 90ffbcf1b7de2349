import type { MigrationInterface, QueryRunner } from "typeorm";

/** A comment's revision, moved on by the records' trigger at every edit: its ETag, for If-Match on edits and removals. */
export class CommentRevisions1796235395780 implements MigrationInterface {
    name = 'CommentRevisions1796235395780'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "comments" ADD "revision" integer NOT NULL DEFAULT '1'`);
        await queryRunner.query(`CREATE TRIGGER bump_revision BEFORE UPDATE ON "comments" FOR EACH ROW EXECUTE FUNCTION bump_record_revision()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER bump_revision ON "comments"`);
        await queryRunner.query(`ALTER TABLE "comments" DROP COLUMN "revision"`);
    }

}
