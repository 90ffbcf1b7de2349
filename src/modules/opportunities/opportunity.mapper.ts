import type { LinkDeclaration, LinkRow, TagNames } from '../../common/records/record-store.js';
import { ASSIGNEES_AND_TEAMS, CONTACTS_LINK } from '../../common/records/standard-links.js';
import type { AccountOpportunityDto } from './dto/account-opportunity.dto.js';
import type { CreateOpportunityDto, UpdateOpportunityDto } from './dto/opportunity-requests.dto.js';
import type { OpportunityItemDto } from './dto/opportunity-responses.dto.js';
import type { Opportunity } from './opportunity.entity.js';
import { revisionOf } from '../../common/records/revision-fields.js';

/** The kind's links, by body field: its store's declaration, from which a row's link arrays are typed. */
export const OPPORTUNITY_LINKS = { ...ASSIGNEES_AND_TEAMS, ...CONTACTS_LINK } satisfies LinkDeclaration;

/** A row's link arrays (and what else its queries select), as RecordStore.withLinks answers them. */
export type OpportunityLinks = LinkRow<typeof OPPORTUNITY_LINKS> & TagNames;

/**
 * The body with Django-CRM's names for two fields folded into this API's: `due_date` into
 * `closed_on`, `contact_name` (contact ids) into `contacts`; this API's name wins when both are sent.
 */
export function withReferenceNames<T extends CreateOpportunityDto | UpdateOpportunityDto>(dto: T): T {
  const { due_date: dueDate, contact_name: contactName, ...rest } = dto;
  const folded = { ...rest } as T;
  if (folded.closed_on === undefined && dueDate !== undefined) folded.closed_on = dueDate;
  if (folded.contacts === undefined && contactName !== undefined) folded.contacts = contactName;
  return folded;
}

/** The body's own fields as columns; absent ones left out, `null` clears. */
export function toOpportunityColumns(dto: CreateOpportunityDto | UpdateOpportunityDto): Partial<Opportunity> {
  const columns: Partial<Opportunity> = {
    name: dto.name,
    stage: dto.stage,
    accountId: dto.account,
    amount: dto.amount,
    currency: dto.currency,
    probability: dto.probability,
    leadSource: dto.lead_source,
    closedOn: dto.closed_on,
    description: dto.description === null ? '' : dto.description,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
}

export function toOpportunityItem(row: Opportunity, links: OpportunityLinks): OpportunityItemDto {
  return {
    id: row.id,
    name: row.name,
    stage: row.stage,
    account: row.accountId,
    amount: row.amount,
    currency: row.currency,
    probability: row.probability,
    lead_source: row.leadSource,
    closed_on: row.closedOn,
    due_date: row.closedOn,
    description: row.description,
    closed_by: row.closedBy,
    closed_at: row.closedAt?.toISOString() ?? null,
    lead: row.leadId,
    contacts: links.contacts,
    assigned_to: links.assigned_to,
    teams: links.teams,
    tags: links.tag_names,
    created_by: row.createdBy,
    created_on: row.createdOn.toISOString(),
    ...revisionOf(row),
  };
}

/** An opportunity as the account detail lists it. */
export function toAccountOpportunity(row: Opportunity): AccountOpportunityDto {
  return {
    id: row.id,
    name: row.name,
    stage: row.stage,
    amount: row.amount,
    currency: row.currency,
    probability: row.probability,
    closed_on: row.closedOn,
    created_on: row.createdOn.toISOString(),
  };
}
