import { Injectable } from '@nestjs/common';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { AccountsService } from '../accounts/accounts.service.js';
import { ContactsService } from '../contacts/contacts.service.js';
import { InvoicesService } from '../invoices/invoices.service.js';
import { LeadsService } from '../leads/leads.service.js';
import { OpportunitiesService } from '../opportunities/opportunities.service.js';
import { TasksService } from '../tasks/tasks.service.js';
import { DASHBOARD_RECENT, DASHBOARD_TASKS } from './dashboard.limits.js';
import type { DashboardResponseDto } from './dto/dashboard-response.dto.js';

/**
 * One overview from the kinds' own services, each asked for a bounded page and a count: the same
 * statements however many records the organization holds (the reference serializes them all).
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly leads: LeadsService,
    private readonly opportunities: OpportunitiesService,
    private readonly tasks: TasksService,
    private readonly invoices: InvoicesService,
  ) {}

  async get(principal: OrgPrincipal): Promise<DashboardResponseDto> {
    const [accounts, contacts, leads, opportunities, tasks, pipeline, outstanding] = await Promise.all([
      this.accounts.recent(principal, DASHBOARD_RECENT),
      this.contacts.recent(principal, DASHBOARD_RECENT),
      this.leads.recent(principal, DASHBOARD_RECENT),
      this.opportunities.recent(principal, DASHBOARD_RECENT),
      this.tasks.openForCaller(principal, DASHBOARD_TASKS),
      this.opportunities.pipeline(principal, {}),
      this.invoices.outstanding(principal),
    ]);
    return {
      accounts_count: accounts.count,
      contacts_count: contacts.count,
      leads_count: leads.count,
      opportunities_count: opportunities.count,
      tasks_count: tasks.count,
      accounts: accounts.items,
      contacts: contacts.items,
      leads: leads.items,
      opportunities: opportunities.items,
      tasks: tasks.items,
      pipeline: pipeline.stages,
      invoices_outstanding: outstanding,
    };
  }
}
