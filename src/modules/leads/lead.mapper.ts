import type { CreateAccountDto } from '../accounts/dto/account-requests.dto.js';
import type { LeadFieldsDto, LeadItemDto } from './dto/lead-responses.dto.js';
import type { LeadFieldsInputDto, UpdateLeadDto } from './dto/lead-requests.dto.js';
import type { Lead } from './lead.entity.js';

export interface LeadLinks {
  assigned_to: string[];
  teams: string[];
  contacts: string[];
  tag_names: string[];
}

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
  | 'addressLine'
  | 'street'
  | 'city'
  | 'state'
  | 'postcode'
  | 'country'
>;

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
    addressLine: text(dto.address_line),
    street: text(dto.street),
    city: text(dto.city),
    state: text(dto.state),
    postcode: text(dto.postcode),
    country: text(dto.country),
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
    address_line: lead.addressLine,
    street: lead.street,
    city: lead.city,
    state: lead.state,
    postcode: lead.postcode,
    country: lead.country,
    created_on: lead.createdOn.toISOString(),
    created_by: lead.createdBy,
    converted_account_id: lead.convertedAccountId,
  };
}

export function toLeadItem(lead: Lead, links: LeadLinks): LeadItemDto {
  return {
    ...toLeadFields(lead),
    assigned_to: links.assigned_to,
    teams: links.teams,
    contacts: links.contacts,
    tags: links.tag_names,
    converted_account: null,
  };
}

/** The account a lead becomes: its name, contact details, address and links. */
export function toAccountFromLead(lead: Lead, links: LeadLinks, activeAssignees: string[]): CreateAccountDto {
  return {
    name: lead.accountName || `${lead.firstName} ${lead.lastName}`.trim(),
    email: lead.email,
    phone: lead.phone,
    website: lead.website,
    description: lead.description,
    billing_address_line: lead.addressLine,
    billing_street: lead.street,
    billing_city: lead.city,
    billing_state: lead.state,
    billing_postcode: lead.postcode,
    billing_country: lead.country,
    assigned_to: activeAssignees,
    teams: links.teams,
    contacts: links.contacts,
    tags: links.tag_names,
  };
}
