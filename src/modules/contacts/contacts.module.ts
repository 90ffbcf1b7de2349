import { HistoryRoutes } from '../history/history-routes.controller.js';
import { ExportRoutes } from '../../common/records/export-routes.js';
import { ContactResponseDto, ListContactsQueryDto } from './dto/contact.dto.js';
import { HistoryModule } from '../history/history.module.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommentRoutes } from '../comments/comment-routes.controller.js';
import { CommentsModule } from '../comments/comments.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { CONTACT_KIND } from './contact.kind.js';
import { UsersModule } from '../users/users.module.js';
import { Contact } from './contact.entity.js';
import { ContactsController } from './contacts.controller.js';
import { ContactsService } from './contacts.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Contact]), UsersModule, TeamsModule, CommentsModule, HistoryModule],
  controllers: [ExportRoutes(CONTACT_KIND, { service: ContactsService, query: ListContactsQueryDto, item: ContactResponseDto }), ContactsController, CommentRoutes(CONTACT_KIND), HistoryRoutes(CONTACT_KIND)],
  providers: [ContactsService],
  exports: [ContactsService],
})
export class ContactsModule {}
