import type { RecordKindOptions } from '../../common/records/record-kind.decorator.js';

/** Events (meetings and calls, once or recurring) as a record kind. */
export const EVENT_KIND = {
  kind: 'event',
  name: 'Event',
  path: 'events',
  tag: 'Events',
  comments: true,
  description: 'Meetings, once or recurring: occurrences, calendar feeds and invitations',
} satisfies RecordKindOptions;
