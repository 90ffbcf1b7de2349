import { ApiProperty } from '@nestjs/swagger';
import { AccountItemDto } from '../../accounts/dto/account-responses.dto.js';
import { ContactResponseDto } from '../../contacts/dto/contact.dto.js';
import { OutstandingDto } from '../../invoices/dto/invoice-responses.dto.js';
import { LeadItemDto } from '../../leads/dto/lead-responses.dto.js';
import { OpportunityItemDto, PipelineStageDto } from '../../opportunities/dto/opportunity-responses.dto.js';
import { TaskItemDto } from '../../tasks/dto/task-responses.dto.js';
import { DASHBOARD_RECENT, DASHBOARD_TASKS } from '../dashboard.limits.js';

const recent = (what: string) => `The ${DASHBOARD_RECENT} newest ${what} the caller may see`;

export class DashboardResponseDto {
  @ApiProperty({ description: 'Accounts the caller may see' })
  accounts_count: number;

  @ApiProperty({ description: 'Contacts the caller may see' })
  contacts_count: number;

  @ApiProperty({ description: 'Open leads (neither converted nor closed) the caller may see' })
  leads_count: number;

  @ApiProperty({ description: 'Opportunities the caller may see' })
  opportunities_count: number;

  @ApiProperty({ description: 'Open tasks assigned to the caller' })
  tasks_count: number;

  @ApiProperty({ type: [AccountItemDto], maxItems: DASHBOARD_RECENT, description: recent('accounts') })
  accounts: AccountItemDto[];

  @ApiProperty({ type: [ContactResponseDto], maxItems: DASHBOARD_RECENT, description: recent('contacts') })
  contacts: ContactResponseDto[];

  @ApiProperty({ type: [LeadItemDto], maxItems: DASHBOARD_RECENT, description: recent('open leads') })
  leads: LeadItemDto[];

  @ApiProperty({ type: [OpportunityItemDto], maxItems: DASHBOARD_RECENT, description: recent('opportunities') })
  opportunities: OpportunityItemDto[];

  @ApiProperty({
    type: [TaskItemDto],
    maxItems: DASHBOARD_TASKS,
    description: `Up to ${DASHBOARD_TASKS} open tasks assigned to the caller: overdue first, then by due date (undated last)`,
  })
  tasks: TaskItemDto[];

  @ApiProperty({ type: [PipelineStageDto], description: 'The pipeline summary over every opportunity the caller may see' })
  pipeline: PipelineStageDto[];

  @ApiProperty({ type: [OutstandingDto], description: 'What is owed on the Sent and Pending invoices the caller may see, per currency' })
  invoices_outstanding: OutstandingDto[];
}
