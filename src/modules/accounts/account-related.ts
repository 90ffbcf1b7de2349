import type { OrgPrincipal } from '../../common/auth/principal.js';
import type { AccountCaseDto, AccountInvoiceDto, AccountOpportunityDto, AccountTaskDto } from './dto/account-responses.dto.js';

/**
 * Asked when an account's detail is read: each module that owns records of an account (cases;
 * opportunities, tasks, invoices) answers with its list, so accounts imports none of them.
 */
export const ACCOUNT_RELATED = 'account.related';

export interface AccountRelatedQuery {
  principal: OrgPrincipal;
  accountId: string;
}

/** The related lists a listener can contribute to the account detail: the newest SIDE_LIST_LIMIT of each kind, with its total. */
export interface AccountRelated {
  cases: AccountCaseDto[];
  cases_count: number;
  opportunities: AccountOpportunityDto[];
  opportunities_count: number;
  tasks: AccountTaskDto[];
  tasks_count: number;
  invoices: AccountInvoiceDto[];
  invoices_count: number;
}
