/**
 * How many entries a side list carries (the organization's contacts, users, teams or tags beside a
 * page of accounts or leads, the members a detail offers to mention). Their own paged routes serve
 * the rest; the total is answered beside each list.
 */
export const SIDE_LIST_LIMIT = 100;

export interface SideList<T> {
  results: T[];
  count: number;
}
