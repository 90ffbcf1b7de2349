import { ApiProperty } from '@nestjs/swagger';
import { accountDetailList } from '../../accounts/account-related.js';

/** A case of the account, as listed in the account's detail. */
export class AccountCaseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ['New', 'In Progress', 'On Hold', 'Closed'], enumName: 'CaseStatus' })
  status: string;

  @ApiProperty({ enum: ['Low', 'Normal', 'High', 'Critical'], enumName: 'CasePriority' })
  priority: string;

  @ApiProperty({
    type: String,
    enum: ['Technical', 'Billing', 'General', 'Bug Report', 'Feature Request'],
    enumName: 'CaseType',
    nullable: true,
  })
  case_type: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closed_on: string | null;
}

declare module '../../accounts/account-related.js' {
  interface AccountRelatedItems {
    cases: AccountCaseDto;
  }
}

accountDetailList('cases', AccountCaseDto, 'The account’s cases the caller may see, newest first (at most 100)', 'How many of the account’s cases the caller may see');
