import { Injectable } from '@nestjs/common';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { selectEmbedded } from '../../common/database/embedded-rows.js';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { ContactsService } from '../contacts/contacts.service.js';
import { InvoicesService } from '../invoices/invoices.service.js';
import { LeadsService } from '../leads/leads.service.js';
import { OpportunitiesService } from '../opportunities/opportunities.service.js';
import { TasksService } from '../tasks/tasks.service.js';
import { DASHBOARD_RECENT, DASHBOARD_TASKS } from './dashboard.limits.js';
import type { DashboardResponseDto } from './dto/dashboard-response.dto.js';

/**
 * One overview from the kinds' own services, each contributing a bounded page and a count (or a few
 * kept sums) to one statement: one round trip, and the same work however many records the
 * organization holds (the reference serializes them all).
 */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDb() private readonly db: Db,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly leads: LeadsService,
    private readonly opportunities: OpportunitiesService,
    private readonly tasks: TasksService,
    private readonly invoices: InvoicesService,
  ) {}

  async get(principal: OrgPrincipal): Promise<DashboardResponseDto> {
    const { accounts, contacts, leads, opportunities, tasks, pipeline, outstanding } = await selectEmbedded(this.db.tx, {
      accounts: this.accounts.recent(principal, DASHBOARD_RECENT),
      contacts: this.contacts.recent(principal, DASHBOARD_RECENT),
      leads: this.leads.recent(principal, DASHBOARD_RECENT),
      opportunities: this.opportunities.recent(principal, DASHBOARD_RECENT),
      tasks: this.tasks.openForCaller(principal, DASHBOARD_TASKS),
      pipeline: this.opportunities.pipelineStages(principal),
      outstanding: this.invoices.outstanding(principal),
    });
    return {
      accounts_count: accounts.count,
      contacts_count: contacts.count,
      leads_count: leads.count,
      opportunities_count: opportunities.count,
      tasks_count: tasks.count,
      accounts: accounts.results,
      contacts: contacts.results,
      leads: leads.results,
      opportunities: opportunities.results,
      tasks: tasks.results,
      pipeline: pipeline.results,
      invoices_outstanding: outstanding.results,
    };
  }
}
