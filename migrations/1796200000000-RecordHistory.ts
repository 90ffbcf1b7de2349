import type { MigrationInterface, QueryRunner } from "typeorm";

/** Record tables: kind, table, the column an entry notes the value of after the write (or none). */
const RECORDS: [kind: string, table: string, state: string][] = [
  ['account', 'accounts', ''],
  ['lead', 'leads', ''],
  ['case', 'cases', ''],
  ['contact', 'contacts', ''],
  ['opportunity', 'opportunities', ''],
  ['task', 'tasks', ''],
  ['event', 'events', ''],
  ['document', 'documents', ''],
  ['invoice', 'invoices', 'status'],
];

/** Join tables: the record kind, its body field, owner and target columns, and the record table. */
const LINKS: [table: string, kind: string, field: string, owner: string, target: string, records: string][] = RECORDS.flatMap(([kind, records]) => [
  [`${kind}_assignees`, kind, 'assigned_to', `${kind}_id`, 'user_id', records],
  [`${kind}_teams`, kind, 'teams', `${kind}_id`, 'team_id', records],
  [`${kind}_contacts`, kind, 'contacts', `${kind}_id`, 'contact_id', records],
  [`${kind}_tags`, kind, 'tags', `${kind}_id`, 'tag_id', records],
  [`${kind}_shares`, kind, 'shared_to', `${kind}_id`, 'user_id', records],
] as [string, string, string, string, string, string][]);

/** Columns that are bookkeeping, not a record's fields: never in an entry's changes. */
export const UNRECORDED = ['id', 'org_id', 'created_on', 'created_by', 'updated_on', 'updated_by', 'revision', 'storage_key', 'sha256', 'sequence'];

/** record_history_link() as this migration creates it (a later one replaces it and puts it back). */
export const RECORD_HISTORY_LINK = `
            CREATE FUNCTION record_history_link() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                owner_id uuid;
                delta uuid[];
                org uuid;
                current_ids uuid[];
                previous jsonb;
                added uuid[];
                removed uuid[];
            BEGIN
                FOR owner_id, delta IN EXECUTE format(
                    'SELECT %I, array_agg(%I) FROM %s GROUP BY 1', TG_ARGV[2], TG_ARGV[3], CASE WHEN TG_OP = 'INSERT' THEN 'added_rows' ELSE 'removed_rows' END)
                LOOP
                    EXECUTE format('SELECT org_id FROM %I WHERE id = $1', TG_ARGV[4]) INTO org USING owner_id;
                    CONTINUE WHEN org IS NULL; -- the record itself is being deleted: its entry says so
                    EXECUTE format('SELECT coalesce(array_agg(%I ORDER BY %I), ''{}'') FROM %I WHERE %I = $1', TG_ARGV[3], TG_ARGV[3], TG_TABLE_NAME, TG_ARGV[2])
                        INTO current_ids USING owner_id;
                    SELECT element INTO previous FROM record_history entry, jsonb_array_elements(entry.changes) element
                    WHERE entry.org_id = org AND entry.record_id = owner_id AND entry.kind = TG_ARGV[0] AND entry.tx = txid_current() AND element->>'field' = TG_ARGV[1];
                    added := coalesce(ARRAY(SELECT jsonb_array_elements_text(previous->'added')::uuid), '{}');
                    removed := coalesce(ARRAY(SELECT jsonb_array_elements_text(previous->'removed')::uuid), '{}');
                    -- A link added and removed again (or the reverse) in one transaction is no change.
                    IF TG_OP = 'INSERT' THEN
                        added := ARRAY(SELECT unnest(added) UNION SELECT unnest(delta) EXCEPT SELECT unnest(removed));
                        removed := ARRAY(SELECT unnest(removed) EXCEPT SELECT unnest(delta));
                    ELSE
                        removed := ARRAY(SELECT unnest(removed) UNION SELECT unnest(delta) EXCEPT SELECT unnest(added));
                        added := ARRAY(SELECT unnest(added) EXCEPT SELECT unnest(delta));
                    END IF;
                    PERFORM record_history_write(TG_ARGV[0], org, owner_id, 'updated', jsonb_build_array(jsonb_build_object(
                        'field', TG_ARGV[1],
                        'from', to_jsonb(ARRAY(SELECT unnest(current_ids) EXCEPT SELECT unnest(added) UNION SELECT unnest(removed) ORDER BY 1)),
                        'to', to_jsonb(current_ids),
                        'added', to_jsonb(added),
                        'removed', to_jsonb(removed))), NULL, NULL);
                END LOOP;
                RETURN NULL;
            END $$`;

/**
 * Field history of every record kind, written by triggers in the transaction of the change, so no
 * write path (a service, a raw UPDATE, a cascade) can forget it. One entry per record per
 * transaction: the row trigger adds field changes, the join-table triggers link changes, the
 * comment and attachment triggers additions and removals, all merged into the transaction's entry.
 * Who and why come from the transaction's settings (crm.actor_type, crm.actor_id, crm.request_id,
 * crm.action, crm.subject), set by the application when it opens the transaction.
 * Invoices' status history (invoice_history) moves in, its notes kept.
 */
export class RecordHistory1796200000000 implements MigrationInterface {
    name = 'RecordHistory1796200000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "record_history" (
                "seq" bigserial NOT NULL,
                "org_id" uuid NOT NULL REFERENCES "organizations" ("id") ON DELETE CASCADE,
                "kind" varchar(30) NOT NULL,
                "record_id" uuid NOT NULL,
                "tx" bigint NOT NULL DEFAULT txid_current(),
                "at" timestamptz NOT NULL DEFAULT now(),
                "actor_type" varchar(20) NOT NULL,
                "actor_id" uuid,
                "request_id" varchar(128),
                "action" varchar(40) NOT NULL,
                "changes" jsonb NOT NULL DEFAULT '[]',
                "state" varchar(40),
                "note" varchar(500) NOT NULL DEFAULT '',
                PRIMARY KEY ("org_id", "seq")
            )`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ix_record_history_write" ON "record_history" ("org_id", "record_id", "kind", "tx")`);
        await queryRunner.query(`CREATE INDEX "ix_record_history_record" ON "record_history" ("org_id", "kind", "record_id", "seq")`);

        // Which of two actions names a transaction's entry: a creation or deletion over everything,
        // a named action (converted, sent) over a plain update, an update over a comment's addition.
        await queryRunner.query(`
            CREATE FUNCTION record_history_rank(action text) RETURNS int LANGUAGE sql IMMUTABLE AS $$
                SELECT CASE action WHEN 'created' THEN 4 WHEN 'deleted' THEN 5 WHEN 'updated' THEN 2 WHEN 'linked' THEN 1 WHEN 'unlinked' THEN 1 ELSE 3 END
            $$`);

        // Folds a statement's changes into the entry's: a field changed twice keeps its first "from"
        // (a link's element is recomputed whole, see record_history_link), a field back where it
        // started drops out, comment and attachment additions and removals are all kept.
        await queryRunner.query(`
            CREATE FUNCTION record_history_merge(existing jsonb, incoming jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
            DECLARE
                change jsonb;
                before jsonb;
                merged jsonb := existing;
            BEGIN
                FOR change IN SELECT * FROM jsonb_array_elements(incoming) LOOP
                    IF change->>'field' IN ('comments', 'attachments') THEN
                        merged := merged || jsonb_build_array(change);
                        CONTINUE;
                    END IF;
                    SELECT element INTO before FROM jsonb_array_elements(merged) element WHERE element->>'field' = change->>'field';
                    IF before IS NOT NULL AND NOT change ? 'added' THEN
                        change := jsonb_set(change, '{from}', before->'from');
                    END IF;
                    SELECT coalesce(jsonb_agg(element), '[]') INTO merged FROM jsonb_array_elements(merged) element WHERE element->>'field' <> change->>'field';
                    IF change->'from' IS DISTINCT FROM change->'to' THEN
                        merged := merged || jsonb_build_array(change);
                    END IF;
                END LOOP;
                RETURN merged;
            END $$`);

        await queryRunner.query(`
            CREATE FUNCTION record_history_write(p_kind text, p_org uuid, p_record uuid, p_action text, p_changes jsonb, p_state text, p_note text) RETURNS void LANGUAGE plpgsql AS $$
            DECLARE
                entry record_history%ROWTYPE;
                chosen text := p_action;
                named text := nullif(current_setting('crm.action', true), '');
            BEGIN
                IF chosen = 'updated' AND named IS NOT NULL AND nullif(current_setting('crm.subject', true), '') = p_record::text THEN
                    chosen := named;
                END IF;
                SELECT * INTO entry FROM record_history WHERE org_id = p_org AND record_id = p_record AND kind = p_kind AND tx = txid_current();
                IF NOT FOUND THEN
                    IF p_changes = '[]' AND chosen = 'updated' AND p_note IS NULL THEN RETURN; END IF;
                    -- Nothing when the organization itself is being deleted (its history goes with it).
                    INSERT INTO record_history (org_id, kind, record_id, actor_type, actor_id, request_id, action, changes, state, note)
                    SELECT p_org, p_kind, p_record,
                        coalesce(nullif(current_setting('crm.actor_type', true), ''), 'system'),
                        nullif(current_setting('crm.actor_id', true), '')::uuid,
                        nullif(current_setting('crm.request_id', true), ''),
                        chosen, record_history_merge('[]', p_changes), p_state, coalesce(p_note, '')
                    FROM organizations WHERE id = p_org;
                    RETURN;
                END IF;
                UPDATE record_history SET
                    action = CASE WHEN record_history_rank(chosen) > record_history_rank(entry.action) THEN chosen ELSE entry.action END,
                    changes = CASE WHEN chosen = 'deleted' THEN '[]' WHEN entry.action = 'deleted' THEN entry.changes ELSE record_history_merge(entry.changes, p_changes) END,
                    state = coalesce(p_state, entry.state),
                    note = CASE WHEN p_note IS NULL THEN entry.note WHEN entry.note = '' THEN p_note ELSE entry.note || '; ' || p_note END
                WHERE org_id = p_org AND seq = entry.seq
                RETURNING * INTO entry;
                -- Links put back as they were in the same transaction: nothing changed after all.
                IF entry.changes = '[]' AND entry.action = 'updated' AND entry.note = '' THEN
                    DELETE FROM record_history WHERE org_id = p_org AND seq = entry.seq;
                END IF;
            END $$`);

        // Row trigger of a record table: TG_ARGV = kind, state column ('' for none).
        await queryRunner.query(`
            CREATE FUNCTION record_history_row() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                after_row jsonb;
                before_row jsonb;
                changes jsonb;
                skipped text[] := ARRAY[${UNRECORDED.map((column) => `'${column}'`).join(', ')}];
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    PERFORM record_history_write(TG_ARGV[0], OLD.org_id, OLD.id, 'deleted', '[]', NULL, NULL);
                    RETURN OLD;
                END IF;
                after_row := to_jsonb(NEW);
                before_row := CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) ELSE '{}' END;
                SELECT coalesce(jsonb_agg(jsonb_build_object('field', regexp_replace(after.key, '_id$', ''), 'from', before_row->after.key, 'to', after.value) ORDER BY after.key), '[]')
                INTO changes
                FROM jsonb_each(after_row) after
                WHERE NOT after.key = ANY(skipped)
                  AND before_row->after.key IS DISTINCT FROM after.value
                  AND NOT (TG_OP = 'INSERT' AND (after.value = 'null' OR after.value = '""' OR after.value = '[]'));
                PERFORM record_history_write(TG_ARGV[0], NEW.org_id, NEW.id, CASE WHEN TG_OP = 'INSERT' THEN 'created' ELSE 'updated' END, changes,
                    CASE WHEN TG_ARGV[1] = '' THEN NULL ELSE after_row->>TG_ARGV[1] END, NULL);
                RETURN NEW;
            END $$`);

        // Statement trigger of a join table, once for its added rows and once for its removed ones:
        // TG_ARGV = kind, field, owner column, target column, record table. Each link element keeps
        // what the transaction added and removed, so "from" (what was linked before it) comes out right
        // whichever of one statement's insert and delete is folded in first.
        await queryRunner.query(RECORD_HISTORY_LINK);

        // Row trigger of comments and attachments: TG_ARGV = the field (comments, attachments).
        await queryRunner.query(`
            CREATE FUNCTION record_history_item() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    PERFORM record_history_write(NEW.parent_kind, NEW.org_id, NEW.parent_id, 'linked',
                        jsonb_build_array(jsonb_build_object('field', TG_ARGV[0], 'from', NULL, 'to', NEW.id)), NULL, NULL);
                    RETURN NEW;
                END IF;
                PERFORM record_history_write(OLD.parent_kind, OLD.org_id, OLD.parent_id, 'unlinked',
                    jsonb_build_array(jsonb_build_object('field', TG_ARGV[0], 'from', OLD.id, 'to', NULL)), NULL, NULL);
                RETURN OLD;
            END $$`);

        for (const [kind, table, state] of RECORDS) {
            await queryRunner.query(`CREATE TRIGGER record_history AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION record_history_row('${kind}', '${state}')`);
        }
        const joinTables = new Set(
            ((await queryRunner.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`)) as { table_name: string }[]).map((row) => row.table_name),
        );
        for (const [table, kind, field, owner, target, records] of LINKS) {
            if (!joinTables.has(table)) continue;
            const args = `'${kind}', '${field}', '${owner}', '${target}', '${records}'`;
            await queryRunner.query(`CREATE TRIGGER record_history_added AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS added_rows FOR EACH STATEMENT EXECUTE FUNCTION record_history_link(${args})`);
            await queryRunner.query(`CREATE TRIGGER record_history_removed AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS removed_rows FOR EACH STATEMENT EXECUTE FUNCTION record_history_link(${args})`);
        }
        await queryRunner.query(`CREATE TRIGGER record_history AFTER INSERT OR DELETE ON "comments" FOR EACH ROW EXECUTE FUNCTION record_history_item('comments')`);
        await queryRunner.query(`CREATE TRIGGER record_history AFTER INSERT OR DELETE ON "attachments" FOR EACH ROW EXECUTE FUNCTION record_history_item('attachments')`);

        // Moved entries belong to no transaction: their tx is negative, unique per entry.
        await queryRunner.query(`
            INSERT INTO record_history (org_id, kind, record_id, tx, at, actor_type, actor_id, action, changes, state, note)
            SELECT history.org_id, 'invoice', history.invoice_id, -row_number() OVER (ORDER BY history.created_on, history.id), history.created_on,
                   CASE WHEN history.created_by IS NULL THEN 'system' ELSE 'user' END, history.created_by,
                   CASE WHEN history.from_status IS NULL THEN 'created' ELSE 'updated' END,
                   CASE WHEN history.from_status IS DISTINCT FROM history.to_status
                        THEN jsonb_build_array(jsonb_build_object('field', 'status', 'from', history.from_status, 'to', history.to_status)) ELSE '[]' END,
                   history.to_status, history.note
            FROM invoice_history history ORDER BY history.created_on, history.id`);
        await queryRunner.query(`DROP TABLE "invoice_history"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "invoice_history" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "org_id" uuid NOT NULL, "created_on" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
            "invoice_id" uuid NOT NULL, "created_by" uuid, "from_status" "public"."invoice_status", "to_status" "public"."invoice_status" NOT NULL,
            "note" character varying(500) NOT NULL DEFAULT '', CONSTRAINT "PK_177c3e485223573621ff7f57ac6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_invoice_history_invoice" ON "invoice_history" ("org_id", "invoice_id", "created_on")`);
        await queryRunner.query(`ALTER TABLE "invoice_history" ADD CONSTRAINT "FK_646cd4959372bc69badf4d5c916" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE`);
        await queryRunner.query(`ALTER TABLE "invoice_history" ADD CONSTRAINT "FK_4627106a3e19230e386b0a5e8f2" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE`);
        await queryRunner.query(`
            INSERT INTO invoice_history (org_id, created_on, invoice_id, created_by, from_status, to_status, note)
            SELECT org_id, at, record_id, actor_id, (SELECT change->>'from' FROM jsonb_array_elements(changes) change WHERE change->>'field' = 'status')::invoice_status,
                   state::invoice_status, note
            FROM record_history WHERE kind = 'invoice' AND state IS NOT NULL AND record_id IN (SELECT id FROM invoices)`);
        await queryRunner.query(`DROP TRIGGER record_history ON "attachments"`);
        await queryRunner.query(`DROP TRIGGER record_history ON "comments"`);
        for (const [table] of LINKS) {
            await queryRunner.query(`DROP TRIGGER IF EXISTS record_history_added ON "${table}"`);
            await queryRunner.query(`DROP TRIGGER IF EXISTS record_history_removed ON "${table}"`);
        }
        for (const [, table] of RECORDS) await queryRunner.query(`DROP TRIGGER record_history ON "${table}"`);
        await queryRunner.query(`DROP FUNCTION record_history_item()`);
        await queryRunner.query(`DROP FUNCTION record_history_link()`);
        await queryRunner.query(`DROP FUNCTION record_history_row()`);
        await queryRunner.query(`DROP FUNCTION record_history_write(text, uuid, uuid, text, jsonb, text, text)`);
        await queryRunner.query(`DROP FUNCTION record_history_merge(jsonb, jsonb)`);
        await queryRunner.query(`DROP FUNCTION record_history_rank(text)`);
        await queryRunner.query(`DROP TABLE "record_history"`);
    }

}
