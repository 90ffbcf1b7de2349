import { Injectable, Logger } from '@nestjs/common';

/** People newly assigned to a record, announced after the write that assigned them commits. */
export interface AssignmentEvent {
  orgId: string;
  kind: 'account' | 'lead' | 'case';
  recordId: string;
  recordName: string;
  userIds: string[];
  assignedBy: string | null;
}

type Listener = (event: AssignmentEvent) => Promise<void>;

/**
 * Lets record modules announce assignments without depending on the mail module (which depends
 * on them). A failing listener is logged, never turned into an error for the write that succeeded.
 */
@Injectable()
export class AssignmentEvents {
  private readonly logger = new Logger(AssignmentEvents.name);
  private readonly listeners: Listener[] = [];

  subscribe(listener: Listener): void {
    this.listeners.push(listener);
  }

  async publish(event: AssignmentEvent): Promise<void> {
    if (event.userIds.length === 0) return;
    for (const listener of this.listeners) {
      await listener(event).catch((error: unknown) => {
        this.logger.error({ error: String(error), kind: event.kind, recordId: event.recordId }, 'Assignment listener failed');
      });
    }
  }
}

/** Who an assignment change adds, leaving out the person who made it. */
export function newlyAssigned(before: readonly string[], after: readonly string[] | undefined, actor: string | null): string[] {
  if (!after) return [];
  const had = new Set(before);
  return [...new Set(after)].filter((userId) => !had.has(userId) && userId !== actor);
}
