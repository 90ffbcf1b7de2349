import type { MigrationInterface, QueryRunner } from "typeorm";
import { RECORD_HISTORY_LINK_PER_RECORD } from "./1796370000000-FasterHistoryWrites.js";

/** record_history_link() as this migration leaves it (a later one starts from it). */
export const RECORD_HISTORY_LINK_PER_STATEMENT = `
            CREATE OR REPLACE FUNCTION record_history_link() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $fn$
            DECLARE
                emptied_orgs uuid[];
                emptied_seqs bigint[];
                -- The statement's rows are links gained (INSERT) or lost (DELETE).
                gained text := CASE WHEN TG_OP = 'INSERT' THEN 'delta' ELSE '''{}''::uuid[]' END;
                lost text := CASE WHEN TG_OP = 'INSERT' THEN '''{}''::uuid[]' ELSE 'delta' END;
            BEGIN
                EXECUTE format($sql$
                    WITH changed AS (
                        SELECT %2$I AS owner, array_agg(%3$I) AS delta FROM %4$s GROUP BY 1
                    ), known AS (
                        SELECT changed.owner, record.org_id, changed.delta,
                            (SELECT coalesce(array_agg(link.%3$I ORDER BY link.%3$I), '{}') FROM %1$I link WHERE link.%2$I = changed.owner) AS current_ids,
                            (SELECT element FROM record_history entry, jsonb_array_elements(entry.changes) element
                             WHERE entry.org_id = record.org_id AND entry.record_id = changed.owner AND entry.kind = $1 AND entry.tx = txid_current() AND element->>'field' = $2) AS previous
                        FROM changed JOIN %5$I record ON record.id = changed.owner
                    ), earlier AS (
                        SELECT known.*,
                            CASE WHEN previous IS NULL THEN '{}'::uuid[] ELSE coalesce(ARRAY(SELECT jsonb_array_elements_text(previous->'added')::uuid), '{}') END AS was_added,
                            CASE WHEN previous IS NULL THEN '{}'::uuid[] ELSE coalesce(ARRAY(SELECT jsonb_array_elements_text(previous->'removed')::uuid), '{}') END AS was_removed
                        FROM known
                    ), moved AS (
                        -- A record's first link change in the transaction (an import's every lead) skips the set
                        -- arithmetic, which built hash tables for each record and was half of the statement's time.
                        SELECT owner, org_id, current_ids, delta, previous IS NULL AS first,
                            CASE WHEN previous IS NULL THEN %6$s ELSE ARRAY(SELECT unnest(was_added) UNION SELECT unnest(%6$s) EXCEPT SELECT unnest(was_removed) EXCEPT SELECT unnest(%7$s)) END AS added,
                            CASE WHEN previous IS NULL THEN %7$s ELSE ARRAY(SELECT unnest(was_removed) UNION SELECT unnest(%7$s) EXCEPT SELECT unnest(was_added) EXCEPT SELECT unnest(%6$s)) END AS removed
                        FROM earlier
                    ), elements AS (
                        SELECT owner, org_id, jsonb_build_object(
                            'field', $2,
                            'from', to_jsonb(CASE
                                WHEN first AND %8$L = 'INSERT' THEN ARRAY(SELECT id FROM unnest(current_ids) id WHERE NOT id = ANY(delta))
                                WHEN first THEN ARRAY(SELECT id FROM unnest(current_ids || delta) id ORDER BY 1)
                                ELSE ARRAY(SELECT unnest(current_ids) EXCEPT SELECT unnest(added) UNION SELECT unnest(removed) ORDER BY 1) END),
                            'to', to_jsonb(current_ids),
                            'added', to_jsonb(added),
                            'removed', to_jsonb(removed)) AS element
                        FROM moved
                    ), written AS (
                        -- Nothing for an organization being deleted (its history goes with it).
                        INSERT INTO record_history AS kept (org_id, kind, record_id, actor_type, actor_id, request_id, action, changes, state, note)
                        SELECT elements.org_id, $1, elements.owner,
                            coalesce(nullif(current_setting('crm.actor_type', true), ''), 'system'),
                            nullif(current_setting('crm.actor_id', true), '')::uuid,
                            nullif(current_setting('crm.request_id', true), ''),
                            CASE WHEN elements.owner::text = nullif(current_setting('crm.subject', true), '')
                                THEN coalesce(nullif(current_setting('crm.action', true), ''), 'updated') ELSE 'updated' END,
                            jsonb_build_array(elements.element), NULL, ''
                        FROM elements JOIN organizations o ON o.id = elements.org_id
                        ON CONFLICT (org_id, record_id, kind, tx) DO UPDATE SET
                            action = CASE WHEN record_history_rank(excluded.action) > record_history_rank(kept.action) THEN excluded.action ELSE kept.action END,
                            changes = CASE WHEN excluded.action = 'deleted' THEN '[]' WHEN kept.action = 'deleted' THEN kept.changes ELSE
                                (CASE WHEN kept.changes @> jsonb_build_array(jsonb_build_object('field', $2))
                                    THEN (SELECT coalesce(jsonb_agg(element), '[]') FROM jsonb_array_elements(kept.changes) element WHERE element->>'field' <> $2)
                                    ELSE kept.changes END)
                                || CASE WHEN excluded.changes->0->'from' IS DISTINCT FROM excluded.changes->0->'to' THEN excluded.changes ELSE '[]' END
                            END
                        RETURNING kept.org_id, kept.seq, kept.changes, kept.action, kept.note
                    )
                    SELECT array_agg(org_id), array_agg(seq) FROM written WHERE changes = '[]' AND action = 'updated' AND note = ''
                $sql$, TG_TABLE_NAME, TG_ARGV[2], TG_ARGV[3], CASE WHEN TG_OP = 'INSERT' THEN 'added_rows' ELSE 'removed_rows' END, TG_ARGV[4], gained, lost, TG_OP)
                INTO emptied_orgs, emptied_seqs USING TG_ARGV[0], TG_ARGV[1];
                -- Links put back as they were in the same transaction: nothing changed after all.
                IF emptied_seqs IS NOT NULL THEN
                    DELETE FROM record_history h USING unnest(emptied_orgs, emptied_seqs) AS gone(org_id, seq)
                    WHERE h.org_id = gone.org_id AND h.seq = gone.seq;
                END IF;
                RETURN NULL;
            END $fn$`;

/**
 * A statement that links or unlinks records (an import's 2,000 tags on 1,000 leads) writes their
 * history in one INSERT ... ON CONFLICT from its transition table, instead of a loop calling
 * record_history_write() once per record with five array queries around each call: the same
 * entries, in one executor run.
 *
 * The function is planned without JIT. Its plan estimates a cost near a million (the transition
 * table and a dozen subplans per row are guessed at), so PostgreSQL compiled it on every
 * statement: a second of LLVM work for 1,000 leads, eight times what the loop cost, which is why
 * an earlier set-based rewrite was dropped.
 *
 * A record with no entry in the transaction yet always gets its link element: its links moved by
 * this statement's rows, so the element's "from" and "to" differ. An existing entry has the
 * element merged as record_history_merge() would (the field's earlier element replaced, dropped
 * when the links are back where they started), and an entry left with nothing is deleted.
 */
export class LinkHistoryPerStatement1796400000000 implements MigrationInterface {
    name = 'LinkHistoryPerStatement1796400000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(RECORD_HISTORY_LINK_PER_STATEMENT);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(RECORD_HISTORY_LINK_PER_RECORD);
    }

}
