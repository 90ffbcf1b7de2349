import type { AssignmentEvent } from '../../common/events/assignment-events.js';

/** One person to tell about one assignment. */
export interface AssignmentNotice {
  orgId: string;
  userId: string;
  kind: AssignmentEvent['kind'];
  recordId: string;
  recordName: string;
  /** Makes the job id unique per assignment event, and stable if the event is retried. */
  eventKey: string;
}

export function noticeMessage(notice: AssignmentNotice): { subject: string; text: string } {
  // Kinds are lower-case nouns (account, lead, case, contact, ...): they read as they are.
  const label = notice.kind;
  return {
    subject: `You were assigned to the ${label} "${notice.recordName}"`,
    text: `You are now assigned to the ${label} "${notice.recordName}" (id ${notice.recordId}).`,
  };
}
