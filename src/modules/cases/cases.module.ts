import { HistoryRoutes } from '../history/history-routes.controller.js';
import { ExportRoutes } from '../../common/records/export-routes.js';
import { ListCasesQueryDto } from './dto/case-requests.dto.js';
import { CaseItemDto } from './dto/case-responses.dto.js';
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
  controllers: [ExportRoutes(CASE_KIND, { service: CasesService, query: ListCasesQueryDto, item: CaseItemDto }), CasesController, CommentRoutes(CASE_KIND), HistoryRoutes(CASE_KIND)],
  providers: [CasesService],
  exports: [CasesService],
})
export class CasesModule {}
