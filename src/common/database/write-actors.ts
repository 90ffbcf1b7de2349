import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

/** Who makes a change, as a record's history shows it. */
export type ActorType = 'user' | 'api_key' | 'web_form' | 'import' | 'system';

/**
 * Who is writing and why: what the history triggers (migration RecordHistory) read from the
 * transaction's settings. `action` names what a request does to its `subject` record beyond an
 * update (`converted`, `sent`); other records it writes keep `created`, `updated`, `deleted`.
 */
export interface WriteActor {
  type: ActorType;
  id: string | null;
  requestId?: string;
  action?: string;
  subject?: string;
}

const actors = new AsyncLocalStorage<WriteActor>();

export const WriteActors = {
  /** Runs `work` as `actor`: every transaction it opens records them. */
  run<R>(actor: WriteActor, work: () => R): R {
    return actors.run(actor, work);
  },

  current(): WriteActor | undefined {
    return actors.getStore();
  },

  /** Tells the transaction just opened who writes (one statement; without an actor, history says `system`). */
  async declare(manager: EntityManager): Promise<void> {
    const actor = actors.getStore();
    if (!actor) return;
    await manager.query(
      `SELECT set_config('crm.actor_type', $1, true), set_config('crm.actor_id', $2, true), set_config('crm.request_id', $3, true),
              set_config('crm.action', $4, true), set_config('crm.subject', $5, true)`,
      [actor.type, actor.id ?? '', actor.requestId ?? '', actor.action ?? '', actor.subject ?? ''],
    );
  },
};
