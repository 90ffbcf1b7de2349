import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { IdParam } from '../../common/validation/id-param.js';
import { CreateTaskDto, ListTasksQueryDto, UpdateTaskDto } from './dto/task-requests.dto.js';
import { TaskDetailResponseDto, TaskItemDto, TaskPageDto } from './dto/task-responses.dto.js';
import { TasksService } from './tasks.service.js';
import { RecordForm } from '../comments/record-form.js';
import { TASK_KIND } from './task.kind.js';

const VISIBILITY = 'An ADMIN sees every task; a USER those they created or are assigned to.';

@ApiTags('Tasks')
@OrgScoped()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: 'List tasks', description: `Newest first, paged, with links that keep the filters. ${VISIBILITY}` })
  @ApiOkResponse({ type: TaskPageDto, description: 'One page of tasks' })
  listTasks(@Principal() principal: OrgPrincipal, @Query() query: ListTasksQueryDto): Promise<TaskPageDto> {
    return this.tasks.list(principal, query);
  }

  @Post()
  @RecordForm(TASK_KIND)
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Create a task',
    description: 'Status defaults to New and priority to Medium; a task relates to at most one of lead, opportunity and case.',
  })
  @ApiCreatedResponse({ type: TaskItemDto, description: 'The task' })
  @ApiErrors('TASK_TITLE_TAKEN')
  createTask(@Principal() principal: OrgPrincipal, @Body() body: CreateTaskDto): Promise<TaskItemDto> {
    return this.tasks.create(principal, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a task', description: `With its comments and attachments. ${VISIBILITY}` })
  @ApiOkResponse({ type: TaskDetailResponseDto, description: 'The task' })
  @ApiErrors(404)
  getTask(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<TaskDetailResponseDto> {
    return this.tasks.get(principal, id);
  }

  @Put(':id')
  @RecordForm(TASK_KIND)
  @ApiOperation({
    summary: 'Update a task',
    description: 'Fields left out are kept; lists, when sent, replace. Moving to Completed records completed_at; reopening clears it.',
  })
  @ApiOkResponse({ type: TaskItemDto, description: 'The updated task' })
  @ApiErrors(404, 'TASK_TITLE_TAKEN')
  updateTask(@Principal() principal: OrgPrincipal, @IdParam() id: string, @Body() body: UpdateTaskDto): Promise<TaskItemDto> {
    return this.tasks.update(principal, id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a task', description: 'Its creator or an ADMIN only; comments and files go with it.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors('NOT_CREATOR', 404)
  async deleteTask(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<void> {
    await this.tasks.remove(principal, id);
  }
}
