import { ApiProperty } from '@nestjs/swagger';
import { accountDetailList } from '../../accounts/account-related.js';

/** A task of the account, as listed in the account's detail. */
export class AccountTaskDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ type: String, description: 'New, In Progress or Completed' })
  status: string;

  @ApiProperty({ type: String, description: 'Low, Medium or High' })
  priority: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  due_date: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;
}

declare module '../../accounts/account-related.js' {
  interface AccountRelatedItems {
    tasks: AccountTaskDto;
  }
}

accountDetailList('tasks', AccountTaskDto, 'The account’s tasks the caller may see, newest first (at most 100)', 'How many tasks of the account the caller may see');
