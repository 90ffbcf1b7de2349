import { HistoryRoutes } from '../history/history-routes.controller.js';
import { ExportRoutes } from '../../common/records/export-routes.js';
import { ListDocumentsQueryDto } from './dto/document-requests.dto.js';
import { DocumentResponseDto } from './dto/document-responses.dto.js';
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
  controllers: [ExportRoutes(DOCUMENT_KIND, { service: DocumentsService, query: ListDocumentsQueryDto, item: DocumentResponseDto }), DocumentsController, HistoryRoutes(DOCUMENT_KIND)],
  providers: [DocumentsService],
  exports: [DocumentsService],
})
export class DocumentsModule {}
