import type { LinkDeclaration, LinkRow } from '../../common/records/record-store.js';
import { ASSIGNEES_AND_TEAMS, CONTACTS_LINK } from '../../common/records/standard-links.js';
import type { AccountTaskDto } from './dto/account-task.dto.js';
import type { CreateTaskDto, UpdateTaskDto } from './dto/task-requests.dto.js';
import type { TaskItemDto } from './dto/task-responses.dto.js';
import { type Task, TaskStatus } from './task.entity.js';
import { revisionOf } from '../../common/records/revision-fields.js';

/** The kind's links, by body field: its store's declaration, from which a row's link arrays are typed. */
export const TASK_LINKS = { ...ASSIGNEES_AND_TEAMS, ...CONTACTS_LINK } satisfies LinkDeclaration;

/** A row's link arrays (and what else its queries select), as RecordStore.withLinks answers them. */
export type TaskLinks = LinkRow<typeof TASK_LINKS> & { /** Computed in SQL against today's date. */ is_overdue: boolean };

export function toTaskColumns(dto: CreateTaskDto | UpdateTaskDto): Partial<Task> {
  const columns: Partial<Task> = {
    title: dto.title,
    status: dto.status,
    priority: dto.priority,
    dueDate: dto.due_date,
    description: dto.description === null ? '' : dto.description,
    accountId: dto.account,
    leadId: dto.lead,
    opportunityId: dto.opportunity,
    caseId: dto.case,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
}

/** completed_at follows the status: set when it becomes Completed, kept while it stays, cleared after. */
export function completion(status: TaskStatus, current: Date | null, now = new Date()): Date | null {
  if (status !== TaskStatus.COMPLETED) return null;
  return current ?? now;
}

export function toTaskItem(row: Task, links: TaskLinks): TaskItemDto {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    priority: row.priority,
    due_date: row.dueDate,
    is_overdue: links.is_overdue,
    description: row.description,
    account: row.accountId,
    lead: row.leadId,
    opportunity: row.opportunityId,
    case: row.caseId,
    completed_at: row.completedAt?.toISOString() ?? null,
    contacts: links.contacts,
    assigned_to: links.assigned_to,
    teams: links.teams,
    created_by: row.createdBy,
    created_on: row.createdOn.toISOString(),
    ...revisionOf(row),
  };
}

export function toAccountTask(row: Task): AccountTaskDto {
  return { id: row.id, title: row.title, status: row.status, priority: row.priority, due_date: row.dueDate, created_on: row.createdOn.toISOString() };
}
