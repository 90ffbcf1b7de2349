import { HistoryRoutes } from '../history/history-routes.controller.js';
import { ExportRoutes } from '../../common/records/export-routes.js';
import { ListOpportunitiesQueryDto } from './dto/opportunity-requests.dto.js';
import { OpportunityItemDto } from './dto/opportunity-responses.dto.js';
import { HistoryModule } from '../history/history.module.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommentRoutes } from '../comments/comment-routes.controller.js';
import { CommentsModule } from '../comments/comments.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { TagsModule } from '../tags/tags.module.js';
import { OpportunitiesController } from './opportunities.controller.js';
import { OpportunitiesService } from './opportunities.service.js';
import { Opportunity } from './opportunity.entity.js';
import { PipelineTotal } from './pipeline-total.entity.js';
import { OPPORTUNITY_KIND } from './opportunity.kind.js';

/** The sales pipeline: opportunities with comments, and the pipeline summary. */
@Module({
  imports: [TypeOrmModule.forFeature([Opportunity, PipelineTotal]), OrganizationsModule, TagsModule, CommentsModule, HistoryModule],
  controllers: [ExportRoutes(OPPORTUNITY_KIND, { service: OpportunitiesService, query: ListOpportunitiesQueryDto, item: OpportunityItemDto }), OpportunitiesController, CommentRoutes(OPPORTUNITY_KIND), HistoryRoutes(OPPORTUNITY_KIND)],
  providers: [OpportunitiesService],
  exports: [OpportunitiesService],
})
export class OpportunitiesModule {}
