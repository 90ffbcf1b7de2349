import { HistoryRoutes } from '../history/history-routes.controller.js';
import { ExportRoutes } from '../../common/records/export-routes.js';
import { ListLeadsQueryDto } from './dto/lead-requests.dto.js';
import { LeadItemDto } from './dto/lead-responses.dto.js';
import { LEAD_EXPORT_COLUMNS } from './import/import-columns.js';
import { HistoryModule } from '../history/history.module.js';
import { Module } from '@nestjs/common';
import { CommentRoutes } from '../comments/comment-routes.controller.js';
import { LEAD_KIND } from './lead.kind.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ApiSettingsModule } from '../api-settings/api-settings.module.js';
import { CommentsModule } from '../comments/comments.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { OpportunitiesModule } from '../opportunities/opportunities.module.js';
import { TagsModule } from '../tags/tags.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { UsersModule } from '../users/users.module.js';
import { CompaniesController } from './companies.controller.js';
import { CompaniesService } from './companies.service.js';
import { Company } from './company.entity.js';
import { LeadImport } from './import/lead-import.entity.js';
import { LeadImportService } from './import/lead-import.service.js';
import { Lead } from './lead.entity.js';
import { LeadsController } from './leads.controller.js';
import { LeadConversion } from './lead-conversion.service.js';
import { LeadsService } from './leads.service.js';
import { SiteLeadsController } from './site-leads.controller.js';
import { ApiKeyGuard } from './api-key.guard.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([Lead, Company, LeadImport]),
    UsersModule,
    TeamsModule,
    ContactsModule,
    TagsModule,
    AccountsModule,
    OpportunitiesModule,
    CommentsModule,
    HistoryModule,
    ApiSettingsModule,
  ],
  controllers: [ExportRoutes(LEAD_KIND, { service: LeadsService, query: ListLeadsQueryDto, item: LeadItemDto, columns: LEAD_EXPORT_COLUMNS }), CompaniesController, SiteLeadsController, LeadsController, CommentRoutes(LEAD_KIND), HistoryRoutes(LEAD_KIND)],
  providers: [LeadsService, LeadConversion, CompaniesService, LeadImportService, ApiKeyGuard],
  exports: [LeadsService],
})
export class LeadsModule {}
