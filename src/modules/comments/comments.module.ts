import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Attachment } from './attachment.entity.js';
import { AttachmentsController } from './attachments.controller.js';
import { Comment } from './comment.entity.js';
import { CommentsService } from './comments.service.js';
import { FileStorage } from './storage/file-storage.js';
import { LocalDiskStorage } from './storage/local-disk.storage.js';

/**
 * Comments and attachments as a capability of any record kind: the kind's module imports this one
 * and mounts CommentRoutes(kind). Nothing here knows which kinds exist.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Comment, Attachment])],
  controllers: [AttachmentsController],
  providers: [CommentsService, { provide: FileStorage, useClass: LocalDiskStorage }],
  exports: [CommentsService],
})
export class CommentsModule {}
