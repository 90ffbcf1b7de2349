import type { OrgPrincipal } from '../../common/auth/principal.js';

/** The kinds of record that carry comments and attachments, and the column that points at each. */
export const PARENT_COLUMNS = {
  account: 'accountId',
  lead: 'leadId',
  case: 'caseId',
} as const;

export type ParentKind = keyof typeof PARENT_COLUMNS;

export interface ParentRef {
  kind: ParentKind;
  id: string;
}

/** Registered by each parent module so downloads and comment edits apply its visibility rule. */
export type ParentVisibility = (principal: OrgPrincipal, parentId: string) => Promise<boolean>;
