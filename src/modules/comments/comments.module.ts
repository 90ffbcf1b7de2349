import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Attachment } from './attachment.entity.js';
import { AttachmentsController } from './attachments.controller.js';
import { Comment } from './comment.entity.js';
import { CommentsService } from './comments.service.js';
import { ParentCommentsController } from './parent-comments.controller.js';
import { FileStorage } from './storage/file-storage.js';
import { LocalDiskStorage } from './storage/local-disk.storage.js';

/** Comments and attachments for every parent kind (accounts, leads, cases). */
@Module({
  imports: [TypeOrmModule.forFeature([Comment, Attachment])],
  controllers: [
    AttachmentsController,
    ParentCommentsController({ kind: 'account', path: 'accounts', tag: 'Accounts', name: 'Account' }),
    ParentCommentsController({ kind: 'lead', path: 'leads', tag: 'Leads', name: 'Lead' }),
    ParentCommentsController({ kind: 'case', path: 'cases', tag: 'Cases', name: 'Case' }),
  ],
  providers: [CommentsService, { provide: FileStorage, useClass: LocalDiskStorage }],
  exports: [CommentsService],
})
export class CommentsModule {}
