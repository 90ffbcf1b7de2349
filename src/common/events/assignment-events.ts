import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';

/** Emitted after a write that assigned people to a record has committed. */
export const RECORD_ASSIGNED = 'record.assigned';

/** People newly assigned to a record of any kind. */
export interface AssignmentEvent {
  orgId: string;
  /** The record kind (`account`, `lead`, ...), as its @RecordKind declares it. */
  kind: string;
  recordId: string;
  recordName: string;
  userIds: string[];
  assignedBy: string | null;
}

/**
 * Announces assignments through the application's event emitter, for whoever listens (MailModule
 * mails the people). A failing listener is logged, never turned into an error for the write that
 * succeeded.
 */
@Injectable()
export class Assignments {
  private readonly logger = new Logger(Assignments.name);

  constructor(private readonly events: EventEmitter2) {}

  async announce(event: AssignmentEvent): Promise<void> {
    if (event.userIds.length === 0) return;
    await this.events.emitAsync(RECORD_ASSIGNED, event).catch((error: unknown) => {
      this.logger.error({ error: String(error), kind: event.kind, recordId: event.recordId }, 'Assignment listener failed');
    });
  }
}

/** Who an assignment change adds, leaving out the person who made it. */
export function newlyAssigned(before: readonly string[], after: readonly string[] | undefined, actor: string | null): string[] {
  if (!after) return [];
  const had = new Set(before);
  return [...new Set(after)].filter((userId) => !had.has(userId) && userId !== actor);
}
