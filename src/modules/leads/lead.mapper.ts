import type { LinkDeclaration, LinkRow, TagNames } from '../../common/records/record-store.js';
import { ASSIGNEES_AND_TEAMS, CONTACTS_LINK } from '../../common/records/standard-links.js';
import { type Address, fromAddress, toAddress } from '../../common/database/address.embedded.js';
import type { CreateAccountDto } from '../accounts/dto/account-requests.dto.js';
import type { CreateContactDto } from '../contacts/dto/contact.dto.js';
import type { CreateOpportunityDto } from '../opportunities/dto/opportunity-requests.dto.js';
import { OpportunityStage } from '../opportunities/opportunity-stage.js';
import type { LeadFieldsDto, LeadItemDto } from './dto/lead-responses.dto.js';
import type { LeadFieldsInputDto, UpdateLeadDto } from './dto/lead-requests.dto.js';
import type { Lead } from './lead.entity.js';
import { revisionOf } from '../../common/records/revision-fields.js';

/** The kind's links, by body field: its store's declaration, from which a row's link arrays are typed. */
export const LEAD_LINKS = { ...ASSIGNEES_AND_TEAMS, ...CONTACTS_LINK } satisfies LinkDeclaration;

/** A row's link arrays (and what else its queries select), as RecordStore.withLinks answers them. */
export type LeadLinks = LinkRow<typeof LEAD_LINKS> & TagNames;

type Writable = Pick<
  Lead,
  | 'title'
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'phone'
  | 'status'
  | 'source'
  | 'accountName'
  | 'website'
  | 'description'
  | 'opportunityAmount'
  | 'probability'
  | 'industry'
  | 'skypeId'
  | 'organizationName'
  | 'closeDate'
  | 'enquiryType'
> & { address: Partial<Address> };

/** The body's fields as columns; absent fields are left out, `null` clears a text to ''. */
export function toLeadColumns(dto: LeadFieldsInputDto | UpdateLeadDto): Partial<Writable> {
  const text = (value: string | null | undefined) => (value === undefined ? undefined : (value ?? ''));
  const columns: Partial<Writable> = {
    title: text(dto.title),
    firstName: dto.first_name,
    lastName: dto.last_name,
    email: text(dto.email)?.toLowerCase(),
    phone: text(dto.phone),
    status: 'status' in dto ? dto.status : undefined,
    source: dto.source,
    accountName: text(dto.account_name),
    website: text(dto.website),
    description: text(dto.description),
    opportunityAmount: dto.opportunity_amount,
    address: toAddress(dto),
    probability: dto.probability,
    industry: text(dto.industry),
    skypeId: text(dto.skype_ID),
    organizationName: text(dto.organization),
    closeDate: dto.close_date,
    enquiryType: text(dto.enquiry_type),
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
}

export function toLeadFields(lead: Lead): LeadFieldsDto {
  return {
    id: lead.id,
    title: lead.title,
    first_name: lead.firstName,
    last_name: lead.lastName,
    email: lead.email,
    phone: lead.phone,
    status: lead.status,
    source: lead.source,
    account_name: lead.accountName,
    website: lead.website,
    description: lead.description,
    opportunity_amount: lead.opportunityAmount,
    probability: lead.probability,
    industry: lead.industry,
    skype_ID: lead.skypeId,
    organization: lead.organizationName,
    close_date: lead.closeDate,
    enquiry_type: lead.enquiryType,
    company: lead.companyId,
    ...fromAddress(lead.address),
    created_on: lead.createdOn.toISOString(),
    ...revisionOf(lead),
    created_by: lead.createdBy,
    converted_account_id: lead.convertedAccountId,
    converted_contact_id: lead.convertedContactId,
    converted_opportunity_id: lead.convertedOpportunityId,
  };
}

/** Extends the fields object in place (see toAccountItem). */
export function toLeadItem(lead: Lead, links: LeadLinks): LeadItemDto {
  return Object.assign(toLeadFields(lead), {
    assigned_to: links.assigned_to,
    teams: links.teams,
    contacts: links.contacts,
    tags: links.tag_names,
    converted_account: null,
  });
}

/** The account a lead becomes: its name, contact details, address and links. */
export function toAccountFromLead(lead: Lead, links: LeadLinks, activeAssignees: string[]): CreateAccountDto {
  return {
    name: lead.accountName || `${lead.firstName} ${lead.lastName}`.trim(),
    email: lead.email,
    phone: lead.phone,
    website: lead.website,
    description: lead.description,
    ...fromAddress(lead.address, 'billing_'),
    assigned_to: activeAssignees,
    teams: links.teams,
    contacts: links.contacts,
    tags: links.tag_names,
  };
}

/** The contact a converted lead's person becomes (when the lead has an e-mail). */
export function toContactFromLead(lead: Lead, links: LeadLinks, activeAssignees: string[]): CreateContactDto {
  return {
    first_name: lead.firstName,
    last_name: lead.lastName,
    primary_email: lead.email,
    mobile_number: lead.phone,
    ...fromAddress(lead.address),
    assigned_to: activeAssignees,
    teams: links.teams,
  };
}

/**
 * The opportunity a lead with an amount becomes: named after its title, else its account, at the
 * first stage; currency and probability are the organization's and the stage's (leads have neither).
 */
export function toOpportunityFromLead(
  lead: Lead,
  links: LeadLinks,
  activeAssignees: string[],
  accountName: string,
  accountId: string,
): CreateOpportunityDto {
  return {
    name: lead.title || accountName,
    stage: OpportunityStage.QUALIFICATION,
    account: accountId,
    amount: lead.opportunityAmount,
    lead_source: lead.source,
    contacts: links.contacts,
    assigned_to: activeAssignees,
    teams: links.teams,
    tags: links.tag_names,
  };
}
