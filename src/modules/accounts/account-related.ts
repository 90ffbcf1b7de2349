import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import type { EmbeddedRows } from '../../common/database/embedded-rows.js';
import { AccountDetailResponseDto } from './dto/account-responses.dto.js';

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

/**
 * One item of each related list of the account detail, by the list's field. Empty here: each
 * contributing module adds its own, with the item type it owns
 * (`declare module '../accounts/account-related.js' { interface AccountRelatedItems { cases: AccountCaseDto } }`).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AccountRelatedItems {}

/** What a listener contributes: the newest SIDE_LIST_LIMIT records of its kind the caller may see, with their total. */
export type AccountRelatedRows = { [K in keyof AccountRelatedItems]: EmbeddedRows<AccountRelatedItems[K]> };

/**
 * Documents a list a module contributes to the account detail: `field` (items of `item`, which
 * the module owns) and `field_count`, on AccountDetailResponseDto. Called once, where the module
 * answers ACCOUNT_RELATED.
 */
export function accountDetailList(field: string, item: Type, description: string, countDescription: string): void {
  ApiProperty({ type: [item], description })(AccountDetailResponseDto.prototype, field);
  ApiProperty({ type: 'integer', description: countDescription })(AccountDetailResponseDto.prototype, `${field}_count`);
}
