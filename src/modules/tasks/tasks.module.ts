import { HistoryRoutes } from '../history/history-routes.controller.js';
import { ExportRoutes } from '../../common/records/export-routes.js';
import { ListTasksQueryDto } from './dto/task-requests.dto.js';
import { TaskItemDto } from './dto/task-responses.dto.js';
import { HistoryModule } from '../history/history.module.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommentRoutes } from '../comments/comment-routes.controller.js';
import { CommentsModule } from '../comments/comments.module.js';
import { Task } from './task.entity.js';
import { TASK_KIND } from './task.kind.js';
import { TasksController } from './tasks.controller.js';
import { TasksService } from './tasks.service.js';

/** Follow-up work: tasks with comments, related to an account and one lead, opportunity or case. */
@Module({
  imports: [TypeOrmModule.forFeature([Task]), CommentsModule, HistoryModule],
  controllers: [ExportRoutes(TASK_KIND, { service: TasksService, query: ListTasksQueryDto, item: TaskItemDto }), TasksController, CommentRoutes(TASK_KIND), HistoryRoutes(TASK_KIND)],
  providers: [TasksService],
  exports: [TasksService],
})
export class TasksModule {}
