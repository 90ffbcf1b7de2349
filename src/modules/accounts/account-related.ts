import type { OrgPrincipal } from '../../common/auth/principal.js';
import type { EmbeddedRows } from '../../common/database/embedded-rows.js';
import type { AccountCaseDto, AccountInvoiceDto, AccountOpportunityDto, AccountTaskDto } from './dto/account-responses.dto.js';

/**
 * Asked when an account's detail is read: each module that owns records of an account (cases;
 * opportunities, tasks, invoices) answers with the query for its list, so accounts imports none of
 * them and the detail reads every list in its own statement.
 */
export const ACCOUNT_RELATED = 'account.related';

export interface AccountRelatedQuery {
  principal: OrgPrincipal;
  /** SQL naming the account's id in the statement the lists are embedded in. */
  accountId: string;
}

/** One item of each related list of the account detail. */
export interface AccountRelatedItems {
  cases: AccountCaseDto;
  opportunities: AccountOpportunityDto;
  tasks: AccountTaskDto;
  invoices: AccountInvoiceDto;
}

/** What a listener contributes: the newest SIDE_LIST_LIMIT records of its kind the caller may see, with their total. */
export type AccountRelatedRows = { [K in keyof AccountRelatedItems]: EmbeddedRows<AccountRelatedItems[K]> };
