import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Attachment } from './attachment.entity.js';
import { AttachmentsController } from './attachments.controller.js';
import { Comment } from './comment.entity.js';
import { CommentsService } from './comments.service.js';

/**
 * Comments and attachments as a capability of any record kind: the kind's module imports this one
 * and mounts CommentRoutes(kind). Nothing here knows which kinds exist.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Comment, Attachment])],
  controllers: [AttachmentsController],
  providers: [CommentsService],
  exports: [CommentsService],
})
export class CommentsModule {}
