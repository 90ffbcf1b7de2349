import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Writes of many records in one transaction (an import, a bulk insert) cost linear time again:
 *
 * - record_history_write() upserts the transaction's entry for a record on the unique
 *   (org_id, record_id, kind, tx) index instead of looking it up first: a generic plan, cached
 *   by a session while the table was small, scanned every entry the transaction had written so
 *   far, once per row (20,000 leads in one statement took 100 s).
 * - change_feed_number() numbers all of a committing transaction's entries at its first call,
 *   one statement per organization, moving each counter once; its calls for the other rows see
 *   the transaction marked numbered (a transaction-local setting) and return. Row by row, the counter row took a new version per event, and each upsert
 *   walked every earlier version of the transaction: 20,000 events took seconds to commit.
 *   The counter row is still locked until commit, so seqs stay gap-free in commit order.
 */
/** record_history_write() as this migration leaves it (a later one starts from it). */
export const RECORD_HISTORY_WRITE = `
            CREATE OR REPLACE FUNCTION record_history_write(p_kind text, p_org uuid, p_record uuid, p_action text, p_changes jsonb, p_state text, p_note text) RETURNS void LANGUAGE plpgsql AS $$
            DECLARE
                entry record_history%ROWTYPE;
                chosen text := p_action;
                named text := nullif(current_setting('crm.action', true), '');
            BEGIN
                IF chosen = 'updated' AND named IS NOT NULL AND nullif(current_setting('crm.subject', true), '') = p_record::text THEN
                    chosen := named;
                END IF;
                -- A write that changes nothing adds nothing, to a new entry or to the transaction's one.
                IF p_changes = '[]' AND chosen = 'updated' AND p_note IS NULL THEN RETURN; END IF;
                -- The transaction's entry for the record is found by the conflict on the unique
                -- (org_id, record_id, kind, tx) index, never by a plan: a cached generic plan had
                -- scanned every entry the transaction wrote so far, once per row.
                -- Nothing when the organization itself is being deleted (its history goes with it).
                INSERT INTO record_history AS kept (org_id, kind, record_id, actor_type, actor_id, request_id, action, changes, state, note)
                SELECT p_org, p_kind, p_record,
                    coalesce(nullif(current_setting('crm.actor_type', true), ''), 'system'),
                    nullif(current_setting('crm.actor_id', true), '')::uuid,
                    nullif(current_setting('crm.request_id', true), ''),
                    chosen, record_history_merge('[]', p_changes), p_state, coalesce(p_note, '')
                FROM organizations WHERE id = p_org
                ON CONFLICT (org_id, record_id, kind, tx) DO UPDATE SET
                    action = CASE WHEN record_history_rank(chosen) > record_history_rank(kept.action) THEN chosen ELSE kept.action END,
                    changes = CASE WHEN chosen = 'deleted' THEN '[]' WHEN kept.action = 'deleted' THEN kept.changes ELSE record_history_merge(kept.changes, p_changes) END,
                    state = coalesce(p_state, kept.state),
                    note = CASE WHEN p_note IS NULL THEN kept.note WHEN kept.note = '' THEN p_note ELSE kept.note || '; ' || p_note END
                RETURNING * INTO entry;
                -- Links put back as they were in the same transaction: nothing changed after all.
                IF FOUND AND entry.changes = '[]' AND entry.action = 'updated' AND entry.note = '' THEN
                    DELETE FROM record_history WHERE org_id = p_org AND seq = entry.seq;
                END IF;
            END $$`;

/** change_feed_number() as this migration leaves it (a later one starts from it). */
export const CHANGE_FEED_NUMBER_PER_TRANSACTION = `
            CREATE OR REPLACE FUNCTION change_feed_number() RETURNS trigger LANGUAGE plpgsql
            -- Planned for each transaction's tables as they are: a plan cached while record_history was small scanned all of it.
            SET plan_cache_mode = force_custom_plan AS $$
            DECLARE
                me bigint := txid_current();
                org record;
                last bigint;
            BEGIN
                -- The first call at commit numbers every entry of the transaction; the calls for the other entries have nothing left to do.
                IF current_setting('crm.feed_numbered', true) = me::text THEN RETURN NULL; END IF;
                PERFORM set_config('crm.feed_numbered', me::text, true);
                -- Entries folded away (links put back as they were) or gone with their organization are not there to number.
                FOR org IN
                    SELECT org_id, count(*) AS events FROM record_history WHERE tx = me AND feed_seq IS NULL GROUP BY org_id ORDER BY org_id
                LOOP
                    INSERT INTO change_feed_counters AS counter (org_id, last_seq) VALUES (org.org_id, org.events)
                        ON CONFLICT (org_id) DO UPDATE SET last_seq = counter.last_seq + org.events
                        RETURNING last_seq INTO last;
                    UPDATE record_history h
                    SET feed_seq = last - org.events + pending.position, event_type = change_feed_type(h.kind, h.action, h.state, h.changes)
                    FROM (
                        SELECT seq, row_number() OVER (ORDER BY seq) AS position FROM record_history
                        WHERE tx = me AND org_id = org.org_id AND feed_seq IS NULL
                    ) pending
                    WHERE h.org_id = org.org_id AND h.seq = pending.seq;
                END LOOP;
                RETURN NULL;
            END $$`;

export class BulkWriteHistory1796350000000 implements MigrationInterface {
    name = 'BulkWriteHistory1796350000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(RECORD_HISTORY_WRITE);
        await queryRunner.query(CHANGE_FEED_NUMBER_PER_TRANSACTION);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE OR REPLACE FUNCTION change_feed_number() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                entry record_history%ROWTYPE;
                next bigint;
            BEGIN
                -- The entry may have been folded away (links put back as they were) or gone with its organization.
                SELECT * INTO entry FROM record_history WHERE org_id = NEW.org_id AND seq = NEW.seq;
                IF NOT FOUND THEN RETURN NULL; END IF;
                INSERT INTO change_feed_counters AS counter (org_id, last_seq) VALUES (entry.org_id, 1)
                    ON CONFLICT (org_id) DO UPDATE SET last_seq = counter.last_seq + 1
                    RETURNING last_seq INTO next;
                UPDATE record_history SET feed_seq = next, event_type = change_feed_type(entry.kind, entry.action, entry.state, entry.changes)
                WHERE org_id = entry.org_id AND seq = entry.seq;
                RETURN NULL;
            END $$`);
        await queryRunner.query(`
            CREATE OR REPLACE FUNCTION record_history_write(p_kind text, p_org uuid, p_record uuid, p_action text, p_changes jsonb, p_state text, p_note text) RETURNS void LANGUAGE plpgsql AS $$
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
    }

}
