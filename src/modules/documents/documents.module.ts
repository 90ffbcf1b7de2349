import { HistoryRoutes } from '../history/history-routes.controller.js';
import { HistoryModule } from '../history/history.module.js';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DocumentVersion } from './document-version.entity.js';
import { Document } from './document.entity.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsService } from './documents.service.js';
import { DOCUMENT_KIND } from './document.kind.js';

/** Shared files with versions: sharing with members and teams, streamed uploads and downloads. */
@Module({
  imports: [TypeOrmModule.forFeature([Document, DocumentVersion]), HistoryModule],
  controllers: [DocumentsController, HistoryRoutes(DOCUMENT_KIND)],
  providers: [DocumentsService],
  exports: [DocumentsService],
})
export class DocumentsModule {}
