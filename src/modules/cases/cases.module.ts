import { HistoryRoutes } from '../history/history-routes.controller.js';
import { HistoryModule } from '../history/history.module.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommentRoutes } from '../comments/comment-routes.controller.js';
import { CommentsModule } from '../comments/comments.module.js';
import { TeamsModule } from '../teams/teams.module.js';
import { UsersModule } from '../users/users.module.js';
import { Case } from './case.entity.js';
import { CASE_KIND } from './case.kind.js';
import { CasesController } from './cases.controller.js';
import { CasesService } from './cases.service.js';

/** Support cases: a record kind with comments, on accounts (named through RecordKinds, not imported). */
@Module({
  imports: [TypeOrmModule.forFeature([Case]), UsersModule, TeamsModule, CommentsModule, HistoryModule],
  controllers: [CasesController, CommentRoutes(CASE_KIND), HistoryRoutes(CASE_KIND)],
  providers: [CasesService],
  exports: [CasesService],
})
export class CasesModule {}
