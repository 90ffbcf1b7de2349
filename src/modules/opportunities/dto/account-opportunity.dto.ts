import { ApiProperty } from '@nestjs/swagger';
import { accountDetailList } from '../../accounts/account-related.js';

/** An opportunity of the account, as listed in the account's detail. */
export class AccountOpportunityDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: String, description: 'The pipeline stage (OpportunityStage)' })
  stage: string;

  @ApiProperty({ type: String, nullable: true, example: '25000.00' })
  amount: string | null;

  @ApiProperty({ example: 'USD' })
  currency: string;

  @ApiProperty({ type: 'integer' })
  probability: number;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'Expected close date' })
  closed_on: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;
}

declare module '../../accounts/account-related.js' {
  interface AccountRelatedItems {
    opportunities: AccountOpportunityDto;
  }
}

accountDetailList('opportunities', AccountOpportunityDto, 'The account’s opportunities the caller may see, newest first (at most 100)', 'How many opportunities of the account the caller may see');
