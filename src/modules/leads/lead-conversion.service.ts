import { Injectable } from '@nestjs/common';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { ConflictError, NotFoundError } from '../../common/errors/app-error.js';
import type { RecordStore, TagNames } from '../../common/records/record-store.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { ContactsService } from '../contacts/contacts.service.js';
import { OpportunitiesService } from '../opportunities/opportunities.service.js';
import { MembersService } from '../users/members.service.js';
import { Lead, LeadStatus } from './lead.entity.js';
import { LEAD_LINKS, toAccountFromLead, toContactFromLead, toOpportunityFromLead } from './lead.mapper.js';

export const alreadyConverted = () =>
  new ConflictError('LEAD_ALREADY_CONVERTED', 'This lead has already been converted to an account');

/**
 * Turns a lead into the records it stands for, inside the caller's transaction: a contact for its
 * person (the organization's contact with the same e-mail when there is one), an account, and an
 * opportunity when it names an amount. Any failure rolls all of them back with the transaction.
 */
@Injectable()
export class LeadConversion {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly members: MembersService,
    private readonly contacts: ContactsService,
    private readonly accounts: AccountsService,
    private readonly opportunities: OpportunitiesService,
  ) {}

  /** Locks the lead, refuses a second conversion, makes the records and links them to the lead; answers the account id. */
  async convert(principal: OrgPrincipal, store: RecordStore<Lead, typeof LEAD_LINKS>, id: string): Promise<string> {
    const leads = this.db.tx.getRepository(Lead);
    const lead = await leads
      .createQueryBuilder('lead')
      .setLock('pessimistic_write')
      .where('lead.id = :id AND lead.orgId = :orgId', { id, orgId: principal.orgId })
      .getOne();
    if (!lead) throw new NotFoundError('Lead');
    if (lead.status === LeadStatus.CONVERTED || lead.convertedAccountId) throw alreadyConverted();
    const [[, links]] = await store.withLinks<TagNames>(leads.createQueryBuilder('lead').where('lead.id = :id', { id }));
    const assignees = await this.members.activeMemberIds(principal.orgId, links.assigned_to);

    const contactId = lead.email ? await this.contacts.findOrInsert(principal, toContactFromLead(lead, links, assignees)) : null;
    const withContact = { ...links, contacts: contactId && !links.contacts.includes(contactId) ? [...links.contacts, contactId] : links.contacts };
    const account = toAccountFromLead(lead, withContact, assignees);
    const accountId = await this.accounts.insertForLead(principal, account, id);
    const opportunityId =
      lead.opportunityAmount === null
        ? null
        : await this.opportunities.insertForLead(principal, toOpportunityFromLead(lead, withContact, assignees, account.name, accountId), id);

    await store.update(principal, id, { status: LeadStatus.CONVERTED, convertedAccountId: accountId, convertedContactId: contactId, convertedOpportunityId: opportunityId }, {});
    return accountId;
  }
}
