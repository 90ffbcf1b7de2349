import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { IdFilter, TextFilter } from '../../../common/validation/filters.decorator.js';
import { IdList } from '../../../common/validation/id-list.decorator.js';
import { OptionalText } from '../../../common/validation/optional-text.decorator.js';
import { ToBoolean } from '../../../common/validation/to-boolean.decorator.js';
import { RelatedId } from '../../../common/validation/related-id.decorator.js';
import { Trim } from '../../../common/validation/trim.decorator.js';
import { TaskPriority, TaskStatus } from '../task.entity.js';
import { RecordListQueryDto } from '../../../common/records/record-list-query.dto.js';

const oneOf = (field: string, values: object) => ({ message: `${field} must be one of: ${Object.values(values).join(', ')}` });
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = (field: string) => ({ message: `${field} must be a date (YYYY-MM-DD)` });

export class CreateTaskDto {
  @ApiProperty({ maxLength: 200, example: 'Send the renewal quote', description: 'Unique in the organization, ignoring case' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ enum: TaskStatus, enumName: 'TaskStatus', description: 'Defaults to `New`' })
  @IsOptional()
  @IsEnum(TaskStatus, oneOf('status', TaskStatus))
  status?: TaskStatus;

  @ApiPropertyOptional({ enum: TaskPriority, enumName: 'TaskPriority', description: 'Defaults to `Medium`' })
  @IsOptional()
  @IsEnum(TaskPriority, oneOf('priority', TaskPriority))
  priority?: TaskPriority;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true }, dateMessage('due_date'))
  @Matches(DATE, dateMessage('due_date'))
  due_date?: string | null;

  @OptionalText(10000, 'Include the premium tier')
  description?: string;

  @RelatedId('An account the caller may see')
  account?: string | null;

  @RelatedId('A lead the caller may see (at most one of lead, opportunity and case)')
  lead?: string | null;

  @RelatedId('An opportunity the caller may see (at most one of lead, opportunity and case)')
  opportunity?: string | null;

  @RelatedId('A case the caller may see (at most one of lead, opportunity and case)')
  case?: string | null;

  @IdList('Contact ids the caller may see')
  contacts?: string[];

  @IdList('User ids of active members of the organization')
  assigned_to?: string[];

  @IdList('Team ids of the organization')
  teams?: string[];
}

export class UpdateTaskDto extends PartialType(CreateTaskDto) {}

export class ListTasksQueryDto extends RecordListQueryDto {
  @TextFilter('Part of the title, any case', 200)
  title?: string;

  @ApiPropertyOptional({ enum: TaskStatus, enumName: 'TaskStatus' })
  @IsOptional()
  @IsEnum(TaskStatus, oneOf('status', TaskStatus))
  status?: TaskStatus;

  @ApiPropertyOptional({ enum: TaskPriority, enumName: 'TaskPriority' })
  @IsOptional()
  @IsEnum(TaskPriority, oneOf('priority', TaskPriority))
  priority?: TaskPriority;

  @IdFilter('Tasks of this account')
  account?: string;

  @ApiPropertyOptional({ type: String, maxLength: 36, description: 'A user id, or `me` for the caller' })
  @IsOptional()
  @Matches(/^(me|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, {
    message: 'assigned_to must be a user id or me',
  })
  assigned_to?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Due before this date' })
  @IsOptional()
  @IsISO8601({ strict: true }, dateMessage('due_before'))
  @Matches(DATE, dateMessage('due_before'))
  due_before?: string;

  @ApiPropertyOptional({ type: String, format: 'date', description: 'Due after this date' })
  @IsOptional()
  @IsISO8601({ strict: true }, dateMessage('due_after'))
  @Matches(DATE, dateMessage('due_after'))
  due_after?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: due before today and not Completed' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  overdue?: boolean;

  @IdFilter('Tasks about this lead, opportunity or case')
  related?: string;
}
