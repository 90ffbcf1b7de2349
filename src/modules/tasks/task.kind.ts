import type { RecordKindOptions } from '../../common/records/record-kind.decorator.js';

/** Tasks (follow-up work) as a record kind. */
export const TASK_KIND = {
  kind: 'task',
  name: 'Task',
  path: 'tasks',
  tag: 'Tasks',
  comments: true,
  description: 'Follow-up work with status, priority and due dates',
} satisfies RecordKindOptions;
