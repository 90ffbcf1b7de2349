import { WithOwnership } from '../../../common/records/ownership-fields.dto.js';
import { ApiProperty } from '@nestjs/swagger';
import { CursorPageOf } from '../../../common/pagination/page.js';
import { WithComments } from '../../comments/dto/with-comments.dto.js';
import { TaskPriority, TaskStatus } from '../task.entity.js';

class TaskFieldsDto {
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
}

export class TaskItemDto extends WithOwnership(TaskFieldsDto) {}

export class TaskPageDto extends CursorPageOf(TaskItemDto) {}

export class TaskDetailResponseDto extends WithComments(TaskItemDto) {}
