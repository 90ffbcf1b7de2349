import type { LinkDeclaration, LinkRow } from '../../common/records/record-store.js';
import { ASSIGNEES_AND_TEAMS, CONTACTS_LINK } from '../../common/records/standard-links.js';
import type { AccountCaseDto } from './dto/account-case.dto.js';
import type { Case } from './case.entity.js';
import type { CaseFieldsDto, CaseItemDto } from './dto/case-responses.dto.js';
import type { CreateCaseDto, UpdateCaseDto } from './dto/case-requests.dto.js';
import { revisionOf } from '../../common/records/revision-fields.js';

/** The kind's links, by body field: its store's declaration, from which a row's link arrays are typed. */
export const CASE_LINKS = { ...ASSIGNEES_AND_TEAMS, ...CONTACTS_LINK } satisfies LinkDeclaration;

/** A row's link arrays (and what else its queries select), as RecordStore.withLinks answers them. */
export type CaseLinks = LinkRow<typeof CASE_LINKS>;

type Writable = Pick<Case, 'name' | 'status' | 'priority' | 'caseType' | 'description' | 'accountId'>;

/** The body's plain fields as columns; absent fields are left out. `closed_on` is decided apart. */
export function toCaseColumns(dto: CreateCaseDto | UpdateCaseDto): Partial<Writable> {
  const columns: Partial<Writable> = {
    name: dto.name,
    status: dto.status,
    priority: dto.priority,
    caseType: dto.case_type,
    description: dto.description === undefined ? undefined : (dto.description ?? ''),
    accountId: dto.account,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
}

export function toCaseFields(entity: Case, contacts: string[]): CaseFieldsDto {
  return {
    id: entity.id,
    name: entity.name,
    status: entity.status,
    priority: entity.priority,
    case_type: entity.caseType,
    description: entity.description,
    account: entity.accountId,
    contacts,
    created_on: entity.createdOn.toISOString(),
    ...revisionOf(entity),
    closed_on: entity.closedOn?.toISOString() ?? null,
    created_by: entity.createdBy,
  };
}

export function toCaseItem(entity: Case, links: CaseLinks): CaseItemDto {
  // Extends the fields object in place (see toAccountItem).
  return Object.assign(toCaseFields(entity, links.contacts), { assigned_to: links.assigned_to, teams: links.teams });
}

/** A case as the account detail lists it. */
export function toAccountCase(row: Case): AccountCaseDto {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    priority: row.priority,
    case_type: row.caseType,
    created_on: row.createdOn.toISOString(),
    closed_on: row.closedOn?.toISOString() ?? null,
  };
}
