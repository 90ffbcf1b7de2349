import type { LinkDeclaration, LinkRow, TagNames } from '../../common/records/record-store.js';
import { ASSIGNEES_AND_TEAMS, CONTACTS_LINK } from '../../common/records/standard-links.js';
import { type Address, fromAddress, toAddress } from '../../common/database/address.embedded.js';
import type { Account } from './account.entity.js';
import type { AccountFieldsDto, AccountItemDto } from './dto/account-responses.dto.js';
import type { CreateAccountDto, UpdateAccountDto } from './dto/account-requests.dto.js';
import { revisionOf } from '../../common/records/revision-fields.js';

/** The kind's links, by body field: its store's declaration, from which a row's link arrays are typed. */
export const ACCOUNT_LINKS = { ...ASSIGNEES_AND_TEAMS, ...CONTACTS_LINK } satisfies LinkDeclaration;

/** A row's link arrays (and what else its queries select), as RecordStore.withLinks answers them. */
export type AccountLinks = LinkRow<typeof ACCOUNT_LINKS> & TagNames;

type Writable = Pick<
  Account,
  | 'name'
  | 'email'
  | 'phone'
  | 'industry'
  | 'description'
  | 'website'
  | 'status'
  | 'contactName'
  | 'leadId'
> & { billing: Partial<Address> };

/** The body's fields as columns; absent fields are left out, `null` clears a text to ''. */
export function toAccountColumns(dto: CreateAccountDto | UpdateAccountDto): Partial<Writable> {
  const text = (value: string | null | undefined) => (value === undefined ? undefined : (value ?? ''));
  const columns: Partial<Writable> = {
    name: dto.name,
    email: text(dto.email)?.toLowerCase(),
    phone: text(dto.phone),
    industry: text(dto.industry),
    description: text(dto.description),
    website: text(dto.website),
    status: dto.status ?? undefined,
    contactName: text(dto.contact_name),
    leadId: dto.lead,
    billing: toAddress(dto, 'billing_'),
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
}

export function toAccountFields(account: Account): AccountFieldsDto {
  return {
    id: account.id,
    name: account.name,
    email: account.email,
    phone: account.phone,
    industry: account.industry,
    description: account.description,
    website: account.website,
    status: account.status,
    ...fromAddress(account.billing, 'billing_'),
    created_on: account.createdOn.toISOString(),
    ...revisionOf(account),
    created_by: account.createdBy,
    lead: account.leadId,
    contact_name: account.contactName,
  };
}

// Items extend their fields object in place: copying it with a spread (`{ ...fields, assigned_to }`)
// made mapping and serializing a page of rows four times slower.
export function toAccountItem(account: Account, links: AccountLinks): AccountItemDto {
  return Object.assign(toAccountFields(account), {
    assigned_to: links.assigned_to,
    teams: links.teams,
    contacts: links.contacts,
    tags: links.tag_names,
  });
}
