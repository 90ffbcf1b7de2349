import type { EmbeddedRows } from '../../common/database/embedded-rows.js';
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { SelectQueryBuilder } from 'typeorm';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { containsPattern } from '../../common/database/like.js';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { ConflictError, ValidationFailedError } from '../../common/errors/app-error.js';
import type { CursorPage } from '../../common/pagination/page.js';
import { RecordKind, type RecordKindService } from '../../common/records/record-kind.decorator.js';
import { type RecordStore, RecordStores } from '../../common/records/record-store.js';
import { RecordUseCases } from '../../common/records/record-use-cases.js';
import { ACCOUNT_RELATED, type AccountRelatedQuery, type AccountRelatedRows } from '../accounts/account-related.js';
// Its list on the account detail, documented where the list is made.
import './dto/account-task.dto.js';
import { CommentsService } from '../comments/comments.service.js';
import type { CreateTaskDto, ListTasksQueryDto, UpdateTaskDto } from './dto/task-requests.dto.js';
import type { TaskDetailResponseDto, TaskItemDto } from './dto/task-responses.dto.js';
import { Task, TaskStatus } from './task.entity.js';
import { TASK_KIND } from './task.kind.js';
import { completion, type TaskLinks, toAccountTask, toTaskColumns, toTaskItem, TASK_LINKS } from './task.mapper.js';

/** Due before today in UTC and not done; never NULL, so it sorts and negates plainly. */
const OVERDUE = `(task.due_date IS NOT NULL AND task.due_date < (now() AT TIME ZONE 'UTC')::date AND task.status <> 'Completed')`;

const titleTaken = () =>
  new ConflictError('TASK_TITLE_TAKEN', 'A task with this title already exists', {
    title: ['is already used by another task in this organization'],
  });

const RELATED = { lead: 'leadId', opportunity: 'opportunityId', case: 'caseId' } as const;

/** At most one of a task's lead, opportunity and case, counting what the update keeps. */
function assertOneRelated(dto: UpdateTaskDto, current?: Task): void {
  const named = (Object.keys(RELATED) as (keyof typeof RELATED)[]).filter((field) =>
    dto[field] === undefined ? current?.[RELATED[field]] : dto[field],
  );
  if (named.length > 1) {
    throw ValidationFailedError.field(named[1], `a task relates to at most one of lead, opportunity and case (it has ${named.join(' and ')})`);
  }
}

@RecordKind(TASK_KIND)
@Injectable()
export class TasksService extends RecordUseCases<Task, TaskItemDto, typeof TASK_LINKS, CreateTaskDto, UpdateTaskDto, { is_overdue: boolean }> implements RecordKindService {
  protected readonly store: RecordStore<Task, typeof TASK_LINKS>;

  constructor(
    stores: RecordStores,
    @InjectDb() private readonly db: Db,
    private readonly comments: CommentsService,
  ) {
    super();
    this.store = stores.for({
      kind: TASK_KIND,
      entity: Task,
      alias: 'task',
      links: TASK_LINKS,
      references: { account: 'account', lead: 'lead', opportunity: 'opportunity', case: 'case' },
      assignees: 'assigned_to',
      keptTotalsBy: 'status',
    });
  }

  list(principal: OrgPrincipal, query: ListTasksQueryDto): Promise<CursorPage<TaskItemDto>> {
    return this.listPage(principal, query, this.filtered(principal, query));
  }

  async get(principal: OrgPrincipal, id: string): Promise<TaskDetailResponseDto> {
    const item = await this.item(principal, id);
    const { comments, attachments } = await this.comments.listFor(principal.orgId, { kind: TASK_KIND.kind, id });
    return { ...item, comments, attachments };
  }

  protected toItem(row: Task, links: TaskLinks): TaskItemDto {
    return toTaskItem(row, links);
  }

  protected override nameOf(item: TaskItemDto): string {
    return item.title;
  }

  protected override validate(dto: UpdateTaskDto, current?: Task): void {
    assertOneRelated(dto, current);
  }

  protected async insertColumns(principal: OrgPrincipal, dto: CreateTaskDto): Promise<object> {
    await this.assertTitleFree(principal.orgId, dto.title);
    const status = dto.status ?? TaskStatus.NEW;
    return { ...toTaskColumns(dto), status, completedAt: completion(status, null) };
  }

  protected async updateColumns(principal: OrgPrincipal, dto: UpdateTaskDto, current: Task): Promise<object> {
    if (dto.title !== undefined && dto.title.toLowerCase() !== current.title.toLowerCase()) await this.assertTitleFree(principal.orgId, dto.title);
    return { ...toTaskColumns(dto), completedAt: completion(dto.status ?? current.status, current.completedAt) };
  }

  protected override selectExtras(builder: SelectQueryBuilder<Task>): SelectQueryBuilder<Task> {
    return builder.addSelect(OVERDUE, 'is_overdue');
  }

  /** The account's tasks the caller may see, newest first, for the account detail. */
  @OnEvent(ACCOUNT_RELATED)
  ofAccount({ principal, accountId }: AccountRelatedQuery): Pick<AccountRelatedRows, 'tasks'> {
    const builder = this.store.visible(principal).andWhere(`task.accountId = ${accountId}`);
    const columns = ['id', 'title', 'status', 'priority', 'dueDate', 'createdOn'] as const;
    return { tasks: this.store.newestEmbedded(builder, columns, toAccountTask) };
  }

  /**
   * The caller's open tasks, overdue first, then by due date (none last), newest first within a
   * day, and how many there are, for the dashboard to embed. Overdue tasks are exactly the open ones
   * due before today, so the due date alone orders them first and ix_tasks_org_open_due serves the
   * order; the count is kept per assignee (migration KeptDashboardTotals). An assignee always sees
   * a task assigned to them, so the kept count is what they may see, whatever their role.
   */
  openForCaller(principal: OrgPrincipal, limit: number): EmbeddedRows<TaskItemDto> {
    // A literal, not a parameter: the partial index is then usable by any plan of the statement.
    const open = this.store.visible(principal).andWhere(`task.status <> 'Completed'`);
    this.store.whereLinked(open, 'assigned_to', principal.userId);
    const first = open.orderBy('task.dueDate', 'ASC', 'NULLS LAST').addOrderBy('task.createdOn', 'DESC').addOrderBy('task.id', 'DESC').limit(limit);
    return this.embeddedItems(first, this.store.keptTotal(principal.orgId, 'task_assignees', principal.userId));
  }

  protected override filtered(principal: OrgPrincipal, query: ListTasksQueryDto): SelectQueryBuilder<Task> {
    const builder = this.store.visible(principal);
    if (query.title) builder.andWhere('task.title ILIKE :title', { title: containsPattern(query.title) });
    if (query.status) builder.andWhere('task.status = :status', { status: query.status });
    if (query.priority) builder.andWhere('task.priority = :priority', { priority: query.priority });
    if (query.account) builder.andWhere('task.accountId = :account', { account: query.account });
    if (query.assigned_to) {
      this.store.whereLinked(builder, 'assigned_to', query.assigned_to === 'me' ? principal.userId : query.assigned_to);
    }
    if (query.due_before) builder.andWhere('task.dueDate < :dueBefore', { dueBefore: query.due_before });
    if (query.due_after) builder.andWhere('task.dueDate > :dueAfter', { dueAfter: query.due_after });
    if (query.overdue !== undefined) builder.andWhere(query.overdue ? OVERDUE : `NOT ${OVERDUE}`);
    if (query.related) {
      builder.andWhere('(task.leadId = :related OR task.opportunityId = :related OR task.caseId = :related)', { related: query.related });
    }
    return builder;
  }

  private async assertTitleFree(orgId: string, title: string): Promise<void> {
    await this.db.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`task:${orgId}:${title.toLowerCase()}`]);
    const taken = await this.db.tx
      .getRepository(Task)
      .createQueryBuilder('task')
      .where('task.orgId = :orgId AND lower(task.title) = lower(:title)', { orgId, title })
      .getExists();
    if (taken) throw titleTaken();
  }
}
