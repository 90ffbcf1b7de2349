import { TakesMultipart } from '../../common/http/multipart-routes.js';
import { Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseIntPipe, Post, Put, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { OrgScoped } from '../../common/auth/access.decorators.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Principal } from '../../common/auth/principal.decorator.js';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { PaginationQueryDto } from '../../common/pagination/pagination-query.dto.js';
import { IdParam } from '../../common/validation/id-param.js';
import { type DocumentDownload, DocumentsService } from './documents.service.js';
import { CREATE_DOCUMENT_BODY, ListDocumentsQueryDto, UPDATE_DOCUMENT_BODY } from './dto/document-requests.dto.js';
import { DocumentListResponseDto, DocumentResponseDto, DocumentVersionPageDto } from './dto/document-responses.dto.js';
import { attachmentDisposition } from '../files/safe-file-name.js';

const VISIBILITY = 'An ADMIN sees every document; a USER those they created, and active ones shared with them or one of their teams.';
const FILE_RESPONSE = {
  description: 'The file, as an attachment (Content-Disposition) with its sniffed Content-Type',
  content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
};

const asFile = (file: DocumentDownload) =>
  new StreamableFile(file.stream as never, {
    type: file.contentType,
    length: file.size,
    disposition: attachmentDisposition(file.fileName),
  });

@ApiTags('Documents')
@OrgScoped()
@Controller('documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get()
  @ApiOperation({ summary: 'List documents', description: `Active and inactive halves, each paged newest first, with counts. ${VISIBILITY}` })
  @ApiOkResponse({ type: DocumentListResponseDto, description: 'One page of each half' })
  listDocuments(@Principal() principal: OrgPrincipal, @Query() query: ListDocumentsQueryDto): Promise<DocumentListResponseDto> {
    return this.documents.list(principal, query);
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Upload a document',
    description: 'A multipart form: title, document_file, and optionally status, shared_to and teams. The file is streamed to storage; its type is sniffed.',
    requestBody: CREATE_DOCUMENT_BODY,
  })
  @ApiCreatedResponse({ type: DocumentResponseDto, description: 'The document (version 1)' })
  @ApiErrors('DOCUMENT_TITLE_TAKEN', 413, 'STORAGE_QUOTA_EXCEEDED', 415)
  @TakesMultipart()
  createDocument(@Principal() principal: OrgPrincipal, @Req() request: FastifyRequest): Promise<DocumentResponseDto> {
    return this.documents.createFromRequest(principal, request);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a document', description: VISIBILITY })
  @ApiOkResponse({ type: DocumentResponseDto, description: 'The document' })
  @ApiErrors(404)
  getDocument(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<DocumentResponseDto> {
    return this.documents.get(principal, id);
  }

  @Put(':id')
  @ApiOperation({
    summary: 'Update, share or replace a document',
    description: 'Its creator or an ADMIN. JSON, or a multipart form when sending a new document_file (the earlier files are kept as versions). Lists, when sent, replace.',
    requestBody: UPDATE_DOCUMENT_BODY,
  })
  @ApiOkResponse({ type: DocumentResponseDto, description: 'The updated document' })
  @ApiErrors('DOCUMENT_OWNER_ONLY', 404, 'DOCUMENT_TITLE_TAKEN', 413, 'STORAGE_QUOTA_EXCEEDED', 415)
  @TakesMultipart()
  updateDocument(@Principal() principal: OrgPrincipal, @IdParam() id: string, @Req() request: FastifyRequest): Promise<DocumentResponseDto> {
    return this.documents.updateFromRequest(principal, id, request);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a document', description: 'Its creator or an ADMIN; every version’s file goes with it.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors('NOT_CREATOR', 404)
  async deleteDocument(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<void> {
    await this.documents.remove(principal, id);
  }

  @Get(':id/download')
  @ApiOperation({ summary: 'Download a document', description: `Its current file. ${VISIBILITY}` })
  @ApiOkResponse(FILE_RESPONSE)
  @ApiErrors(404)
  async downloadDocument(@Principal() principal: OrgPrincipal, @IdParam() id: string): Promise<StreamableFile> {
    return asFile(await this.documents.download(principal, id));
  }

  @Get(':id/versions')
  @ApiOperation({ summary: 'List a document’s versions', description: 'Newest first; the current file is the first.' })
  @ApiOkResponse({ type: DocumentVersionPageDto, description: 'One page of versions' })
  @ApiErrors(404)
  listDocumentVersions(
    @Principal() principal: OrgPrincipal,
    @IdParam() id: string,
    @Query() query: PaginationQueryDto,
  ): Promise<DocumentVersionPageDto> {
    return this.documents.versions(principal, id, query);
  }

  @Get(':id/versions/:version/download')
  @ApiOperation({ summary: 'Download a version of a document', description: VISIBILITY })
  @ApiOkResponse(FILE_RESPONSE)
  @ApiErrors(404)
  async downloadDocumentVersion(
    @Principal() principal: OrgPrincipal,
    @IdParam() id: string,
    @Param('version', new ParseIntPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) version: number,
  ): Promise<StreamableFile> {
    return asFile(await this.documents.download(principal, id, version));
  }
}
