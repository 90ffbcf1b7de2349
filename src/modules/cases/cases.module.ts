import { Module } from '@nestjs/common';
import { CommentRoutes } from '../comments/comment-routes.controller.js';
import { CASE_KIND } from './case.kind.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module.js';
import { CommentsModule } from '../comments/comments.module.js';
import { ContactsModule } from '../contacts/contacts.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { UsersModule } from '../users/users.module.js';
import { Case } from './case.entity.js';
import { CasesController } from './cases.controller.js';
import { CasesService } from './cases.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([Case]), UsersModule, TeamsModule, ContactsModule, AccountsModule, CommentsModule],
  controllers: [CasesController, CommentRoutes(CASE_KIND)],
  providers: [CasesService],
  exports: [CasesService],
})
export class CasesModule {}
