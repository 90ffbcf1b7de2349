import { IdempotencyModule } from './common/idempotency/idempotency.module.js';
import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import { EventBusModule } from './common/events/event-bus.module.js';
import { RecordsModule } from './common/records/records.module.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './common/database/database.module.js';
import { AccountsModule } from './modules/accounts/accounts.module.js';
import { ApiSettingsModule } from './modules/api-settings/api-settings.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { CasesModule } from './modules/cases/cases.module.js';
import { CommentsModule } from './modules/comments/comments.module.js';
import { ContactsModule } from './modules/contacts/contacts.module.js';
import { JobsModule } from './modules/jobs/jobs.module.js';
import { ThrottlingModule } from './modules/throttling/throttling.module.js';
import { DashboardModule } from './modules/dashboard/dashboard.module.js';
import { DocumentsModule } from './modules/documents/documents.module.js';
import { EventsModule } from './modules/events/events.module.js';
import { FilesModule } from './modules/files/files.module.js';
import { InvoicesModule } from './modules/invoices/invoices.module.js';
import { HistoryModule } from './modules/history/history.module.js';
import { WebhooksModule } from './modules/webhooks/webhooks.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { LeadsModule } from './modules/leads/leads.module.js';
import { MailModule } from './modules/mail/mail.module.js';
import { OpportunitiesModule } from './modules/opportunities/opportunities.module.js';
import { OrganizationsModule } from './modules/organizations/organizations.module.js';
import { TagsModule } from './modules/tags/tags.module.js';
import { TasksModule } from './modules/tasks/tasks.module.js';
import { TeamsModule } from './modules/teams/teams.module.js';
import { UsersModule } from './modules/users/users.module.js';

@Module({
  imports: [
    ConfigModule,
    EventBusModule,
    RecordsModule,
    IdempotencyModule,
    DatabaseModule,
    AuthModule,
    UsersModule,
    OrganizationsModule,
    TeamsModule,
    ContactsModule,
    TagsModule,
    FilesModule,
    CommentsModule,
    AccountsModule,
    CasesModule,
    OpportunitiesModule,
    TasksModule,
    EventsModule,
    DocumentsModule,
    InvoicesModule,
    DashboardModule,
    LeadsModule,
    ApiSettingsModule,
    JobsModule.forRoot(),
    ThrottlingModule,
    MailModule,
    HistoryModule,
    WebhooksModule,
    HealthModule,
  ],
  providers: [{ provide: APP_FILTER, useClass: AllExceptionsFilter }],
})
export class AppModule {}
