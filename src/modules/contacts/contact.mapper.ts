import { type Address, fromAddress, toAddress } from '../../common/database/address.embedded.js';
import type { Contact } from './contact.entity.js';
import type { ContactRefDto, ContactResponseDto, CreateContactDto, UpdateContactDto } from './dto/contact.dto.js';
import { revisionOf } from '../../common/records/revision-fields.js';

type Writable = Omit<
  Contact,
  'id' | 'orgId' | 'organization' | 'assignedTo' | 'teams' | 'createdBy' | 'creator' | 'createdOn' | 'updatedOn' | 'address'
> & { address: Partial<Address> };

/** The body's fields as columns; absent fields are left out, `null` clears a text to ''. */
export function toContactColumns(dto: CreateContactDto | UpdateContactDto): Partial<Writable> {
  const text = (value: string | null | undefined) => (value === undefined ? undefined : (value ?? ''));
  const columns: Partial<Writable> = {
    salutation: text(dto.salutation),
    firstName: dto.first_name,
    lastName: dto.last_name,
    primaryEmail: dto.primary_email?.toLowerCase(),
    secondaryEmail: text(dto.secondary_email)?.toLowerCase(),
    mobileNumber: text(dto.mobile_number),
    secondaryNumber: text(dto.secondary_number),
    title: text(dto.title),
    department: text(dto.department),
    description: text(dto.description),
    doNotCall: dto.do_not_call ?? undefined,
    organizationName: text(dto.organization),
    language: text(dto.language),
    linkedInUrl: text(dto.linked_in_url),
    facebookUrl: text(dto.facebook_url),
    twitterUsername: text(dto.twitter_username),
    dateOfBirth: dto.date_of_birth,
    address: toAddress(dto),
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
}

export function toContactResponse(contact: Contact, assignedTo: string[], teams: string[]): ContactResponseDto {
  return {
    id: contact.id,
    salutation: contact.salutation,
    first_name: contact.firstName,
    last_name: contact.lastName,
    primary_email: contact.primaryEmail,
    secondary_email: contact.secondaryEmail,
    mobile_number: contact.mobileNumber,
    secondary_number: contact.secondaryNumber,
    title: contact.title,
    department: contact.department,
    description: contact.description,
    do_not_call: contact.doNotCall,
    organization: contact.organizationName,
    language: contact.language,
    linked_in_url: contact.linkedInUrl,
    facebook_url: contact.facebookUrl,
    twitter_username: contact.twitterUsername,
    date_of_birth: contact.dateOfBirth,
    ...fromAddress(contact.address),
    assigned_to: assignedTo,
    teams,
    created_by: contact.createdBy,
    created_on: contact.createdOn.toISOString(),
    ...revisionOf(contact),
  };
}

export const toContactRef = (contact: Contact): ContactRefDto => ({
  id: contact.id,
  name: `${contact.firstName} ${contact.lastName}`.trim(),
  primary_email: contact.primaryEmail,
});
