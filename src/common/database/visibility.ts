import type { SelectQueryBuilder } from 'typeorm';
import { ForbiddenError } from '../errors/app-error.js';
import type { LinkTable } from './links.js';
import type { OrgPrincipal } from '../auth/principal.js';
import { Role } from '../auth/role.js';

/**
 * The contract's visibility rule for CRM records: an ADMIN sees everything in the organization;
 * a USER sees a record they created or are assigned to. Adds that condition to a query whose
 * main alias has `createdBy`; `assignees` is the record's user join table.
 */
export function whereVisible<T extends object>(
  builder: SelectQueryBuilder<T>,
  alias: string,
  assignees: LinkTable,
  principal: OrgPrincipal,
): SelectQueryBuilder<T> {
  if (principal.role === Role.ADMIN) return builder;
  return builder.andWhere(
    `(${alias}.createdBy = :viewerId OR EXISTS (SELECT 1 FROM "${assignees.table}" visible_link
      WHERE visible_link."${assignees.owner}" = ${alias}.id AND visible_link."${assignees.target}" = :viewerId))`,
    { viewerId: principal.userId },
  );
}

/** A USER may delete only what they created; an ADMIN anything. */
export function assertCanDelete(principal: OrgPrincipal, record: { createdBy: string | null }, what: string): void {
  if (principal.role !== Role.ADMIN && record.createdBy !== principal.userId) {
    throw new ForbiddenError('NOT_CREATOR', `Only the creator of this ${what} or an ADMIN may delete it`);
  }
}
