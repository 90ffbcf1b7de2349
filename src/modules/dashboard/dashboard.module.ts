import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { InvoicesModule } from '../invoices/invoices.module.js';
import { LeadsModule } from '../leads/leads.module.js';
import { OpportunitiesModule } from '../opportunities/opportunities.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardService } from './dashboard.service.js';

/** The overview a CRM opens on, assembled from the record kinds' exported services. */
@Module({
  imports: [AccountsModule, ContactsModule, LeadsModule, OpportunitiesModule, TasksModule, InvoicesModule],
  controllers: [DashboardController],
  providers: [DashboardService],
})
export class DashboardModule {}
