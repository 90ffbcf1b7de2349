import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '../../../common/pagination/page.js';
import { WithComments } from '../../comments/dto/with-comments.dto.js';
import { TaskPriority, TaskStatus } from '../task.entity.js';

export class TaskItemDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Send the renewal quote' })
  title: string;

  @ApiProperty({ enum: TaskStatus, enumName: 'TaskStatus' })
  status: TaskStatus;

  @ApiProperty({ enum: TaskPriority, enumName: 'TaskPriority' })
  priority: TaskPriority;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  due_date: string | null;

  @ApiProperty({ description: 'Due before today and not Completed' })
  is_overdue: boolean;

  @ApiProperty()
  description: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  account: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  lead: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  opportunity: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  case: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it became Completed' })
  completed_at: string | null;

  @ApiProperty({ type: [String], format: 'uuid' })
  contacts: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  assigned_to: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  teams: string[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  created_by: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;
}

export class TaskPageDto extends PageOf(TaskItemDto) {}

export class TaskDetailResponseDto extends WithComments(TaskItemDto) {}
