import { HistoryRoutes } from '../history/history-routes.controller.js';
import { ExportRoutes } from '../../common/records/export-routes.js';
import { ListAccountsQueryDto } from './dto/account-requests.dto.js';
import { AccountItemDto } from './dto/account-responses.dto.js';
import { HistoryModule } from '../history/history.module.js';
import { Module } from '@nestjs/common';
import { CommentRoutes } from '../comments/comment-routes.controller.js';
import { ACCOUNT_KIND } from './account.kind.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommentsModule } from '../comments/comments.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { TagsModule } from '../tags/tags.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { UsersModule } from '../users/users.module.js';
import { Account } from './account.entity.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Account]), UsersModule, TeamsModule, ContactsModule, TagsModule, CommentsModule, HistoryModule],
  controllers: [ExportRoutes(ACCOUNT_KIND, { service: AccountsService, query: ListAccountsQueryDto, item: AccountItemDto }), AccountsController, CommentRoutes(ACCOUNT_KIND), HistoryRoutes(ACCOUNT_KIND)],
  providers: [AccountsService],
  exports: [AccountsService],
})
export class AccountsModule {}
