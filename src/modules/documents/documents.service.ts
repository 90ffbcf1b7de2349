import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { FastifyRequest } from 'fastify';
import type { SelectQueryBuilder } from 'typeorm';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Role } from '../../common/auth/role.js';
import { containsPattern } from '../../common/database/like.js';
import type { LinkTable } from '../../common/database/links.js';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationFailedError } from '../../common/errors/app-error.js';
import { type Page, toPage } from '../../common/pagination/page.js';
import type { PaginationQueryDto } from '../../common/pagination/pagination-query.dto.js';
import { RecordKind, type RecordKindService } from '../../common/records/record-kind.decorator.js';
import { RECORD_DELETING, type RecordDeleting, type RecordStore, RecordStores } from '../../common/records/record-store.js';
import { RecordUseCases } from '../../common/records/record-use-cases.js';
import { FileStorage } from '../files/file-storage.js';
import { StorageQuota } from '../files/storage-quota.js';
import { safeFileName } from '../files/safe-file-name.js';
import { sniffContentType } from '../files/sniff-content-type.js';
import { TEAM_MEMBERS } from '../teams/team.entity.js';
import { type DocumentUpload, readDocumentInput } from './document-input.js';
import { DOCUMENT_KIND } from './document.kind.js';
import { type DocumentLinks, toDocumentResponse, toVersionResponse, DOCUMENT_LINKS } from './document.mapper.js';
import { Document, DocumentStatus, type StoredFileColumns } from './document.entity.js';
import { DocumentVersion } from './document-version.entity.js';
import { CreateDocumentDto, type ListDocumentsQueryDto, UpdateDocumentDto } from './dto/document-requests.dto.js';
import type { DocumentListResponseDto, DocumentResponseDto, DocumentVersionDto } from './dto/document-responses.dto.js';

export interface DocumentDownload {
  stream: NodeJS.ReadableStream;
  fileName: string;
  contentType: string;
  size: number;
}

const titleTaken = () =>
  new ConflictError('DOCUMENT_TITLE_TAKEN', 'A document with this title already exists', {
    title: ['is already used by another document in this organization'],
  });

/**
 * Whom a USER may see: documents they created, and active ones shared with them or with a team
 * they are in.
 */
function sharedWith(builder: SelectQueryBuilder<Document>, principal: OrgPrincipal, links: Record<string, LinkTable>) {
  const { shared_to: shares, teams } = links;
  return builder.andWhere(
    `(document.createdBy = :viewerId OR (document.status = :active AND (
      EXISTS (SELECT 1 FROM "${shares.table}" share WHERE share."${shares.owner}" = document.id AND share."${shares.target}" = :viewerId)
      OR EXISTS (SELECT 1 FROM "${teams.table}" shared_team
        JOIN "${TEAM_MEMBERS.table}" member ON member."${TEAM_MEMBERS.team}" = shared_team."${teams.target}"
        WHERE shared_team."${teams.owner}" = document.id AND member."${TEAM_MEMBERS.user}" = :viewerId))))`,
    { viewerId: principal.userId, active: DocumentStatus.ACTIVE },
  );
}

/** A document's fields and its stored file (the form's `document_file`). */
type DocumentCreation = CreateDocumentDto & { file: StoredFileColumns };
type DocumentChange = UpdateDocumentDto & { file?: StoredFileColumns };

@RecordKind(DOCUMENT_KIND)
@Injectable()
export class DocumentsService extends RecordUseCases<Document, DocumentResponseDto, typeof DOCUMENT_LINKS, DocumentCreation, DocumentChange> implements RecordKindService {
  protected readonly store: RecordStore<Document, typeof DOCUMENT_LINKS>;

  constructor(
    stores: RecordStores,
    @InjectDb() private readonly db: Db,
    private readonly storage: FileStorage,
    private readonly quota: StorageQuota,
  ) {
    super();
    this.store = stores.for({
      kind: DOCUMENT_KIND,
      entity: Document,
      alias: 'document',
      links: DOCUMENT_LINKS,
      assignees: 'shared_to',
      visibleToUser: sharedWith,
    });
  }

  /** The reference's halves: active and inactive, each paged, with counts (one statement each). */
  async list(principal: OrgPrincipal, query: ListDocumentsQueryDto): Promise<DocumentListResponseDto> {
    const filtered = this.filtered(principal, query);
    const halves = this.halves(query, [DocumentStatus.ACTIVE, DocumentStatus.INACTIVE], (status) => filtered.clone().andWhere('document.status = :status', { status }));
    const counts = this.store
      .whereChangedSince(filtered.clone(), query)
      .select(`count(*) FILTER (WHERE document.status = 'active')::int`, 'active')
      .addSelect(`count(*) FILTER (WHERE document.status = 'inactive')::int`, 'inactive')
      .getRawOne<{ active: number; inactive: number }>();
    const [{ active, inactive }, count] = await Promise.all([halves, counts]);
    return {
      documents_active: active.results,
      documents_inactive: inactive.results,
      documents_active_next_cursor: active.next_cursor,
      documents_inactive_next_cursor: inactive.next_cursor,
      documents_count: (count?.active ?? 0) + (count?.inactive ?? 0),
      documents_active_count: count?.active ?? 0,
      documents_inactive_count: count?.inactive ?? 0,
    };
  }

  get(principal: OrgPrincipal, id: string): Promise<DocumentResponseDto> {
    return this.item(principal, id);
  }

  /** A multipart form: the fields and `document_file`, streamed to storage as it is read. */
  createFromRequest(principal: OrgPrincipal, request: FastifyRequest): Promise<DocumentResponseDto> {
    return this.withUpload(principal, async (receive) => {
      const { fields } = await readDocumentInput(request, CreateDocumentDto, receive);
      const file = receive.stored();
      if (!file) throw ValidationFailedError.field('document_file', 'a file is required');
      return this.create(principal, { ...fields, file });
    });
  }

  /** Changes fields and sharing; a new file becomes the next version, the previous ones kept. Only its owner, before any byte is stored. */
  async updateFromRequest(principal: OrgPrincipal, id: string, request: FastifyRequest): Promise<DocumentResponseDto> {
    assertOwner(principal, await this.item(principal, id));
    return this.withUpload(principal, async (receive) => {
      const { fields } = await readDocumentInput(request, UpdateDocumentDto, receive);
      return this.update(principal, id, { ...fields, file: receive.stored() });
    });
  }

  protected toItem(row: Document, links: DocumentLinks): DocumentResponseDto {
    return toDocumentResponse(row, links);
  }

  protected override nameOf(item: DocumentResponseDto): string {
    return item.title;
  }

  protected async insertColumns(principal: OrgPrincipal, dto: DocumentCreation): Promise<object> {
    await this.quota.assertRoom(principal.orgId, dto.file.size, 'document_file');
    await this.assertTitleFree(principal.orgId, dto.title);
    return { title: dto.title, status: dto.status ?? DocumentStatus.ACTIVE, version: 1, file: dto.file };
  }

  protected async updateColumns(principal: OrgPrincipal, dto: DocumentChange, current: Document): Promise<object> {
    if (dto.file) await this.quota.assertRoom(principal.orgId, dto.file.size, 'document_file');
    if (dto.title !== undefined && dto.title.toLowerCase() !== current.title.toLowerCase()) await this.assertTitleFree(principal.orgId, dto.title);
    const columns = { title: dto.title, status: dto.status, ...(dto.file ? { version: current.version + 1, file: dto.file } : {}) };
    return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
  }

  /** Each file the document is given is a version of its own, kept as the document moves on. */
  protected override async written(principal: OrgPrincipal, id: string, { version, file }: { version?: number; file?: StoredFileColumns }): Promise<void> {
    if (version !== undefined && file) await this.addVersion(principal, id, version, file);
  }

  async versions(principal: OrgPrincipal, id: string, query: PaginationQueryDto): Promise<Page<DocumentVersionDto>> {
    await this.store.load(principal, id);
    const [rows, count] = await this.db.tx.getRepository(DocumentVersion).findAndCount({
      where: { documentId: id, orgId: principal.orgId },
      order: { version: 'DESC' },
      skip: query.offset,
      take: query.limit,
    });
    return toPage(`/api/documents/${id}/versions/`, query, count, rows.map(toVersionResponse));
  }

  /** The current file, or version `n`, of a document the caller may see. */
  async download(principal: OrgPrincipal, id: string, version?: number): Promise<DocumentDownload> {
    const document = await this.store.load(principal, id);
    let file = document.file;
    if (version !== undefined && version !== document.version) {
      // A number no version can have (the column is a 4-byte integer) is a version that does not exist.
      if (version < 1 || version > 2_147_483_647) throw new NotFoundError('Document version');
      const found = await this.db.tx.getRepository(DocumentVersion).findOneBy({ documentId: id, orgId: principal.orgId, version });
      if (!found) throw new NotFoundError('Document version');
      file = found.file;
    }
    return { stream: await this.storage.open(file.storageKey), fileName: file.fileName, contentType: file.contentType, size: file.size };
  }

  /** A document is being deleted (in its transaction): every version's bytes go once it has committed. */
  @OnEvent(RECORD_DELETING, { promisify: true, suppressErrors: false })
  async deleteFiles({ kind, orgId, id, afterCommit }: RecordDeleting): Promise<void> {
    if (kind !== DOCUMENT_KIND.kind) return;
    const versions = await this.db.tx.getRepository(DocumentVersion).find({ where: { documentId: id, orgId }, select: { id: true, file: { storageKey: true } } });
    afterCommit(async () => {
      for (const version of versions) await this.storage.delete(version.file.storageKey);
    });
  }

  /**
   * Runs `work` with a receiver that streams the upload to storage as the form is read; whatever
   * fails afterwards (validation, a taken title, the database), the stored bytes are removed.
   */
  private async withUpload<R>(
    principal: OrgPrincipal,
    work: (receive: ((file: DocumentUpload) => Promise<void>) & { stored(): StoredFileColumns | undefined }) => Promise<R>,
  ): Promise<R> {
    let stored: StoredFileColumns | undefined;
    const receive = Object.assign(
      async (upload: DocumentUpload) => {
        const storageKey = `${principal.orgId}/documents/${randomUUID()}`;
        const saved = await this.storage.save(storageKey, upload.stream);
        stored = { fileName: safeFileName(upload.fileName), size: saved.size, contentType: sniffContentType(saved.head), sha256: saved.sha256, storageKey };
      },
      { stored: () => stored },
    );
    try {
      return await work(receive);
    } catch (error) {
      if (stored) await this.storage.delete(stored.storageKey);
      throw error;
    }
  }

  private async addVersion(principal: OrgPrincipal, documentId: string, version: number, file: StoredFileColumns): Promise<void> {
    await this.db.tx.getRepository(DocumentVersion).insert({ orgId: principal.orgId, documentId, version, file, createdBy: principal.userId });
  }

  protected override filtered(principal: OrgPrincipal, query: ListDocumentsQueryDto): SelectQueryBuilder<Document> {
    const builder = this.store.visible(principal);
    if (query.title) builder.andWhere('document.title ILIKE :title', { title: containsPattern(query.title) });
    if (query.shared_to) this.store.whereLinked(builder, 'shared_to', query.shared_to);
    return builder;
  }

  /** Titles are unique in the organization ignoring case; the lock makes concurrent writes wait. */
  private async assertTitleFree(orgId: string, title: string): Promise<void> {
    await this.db.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`document:${orgId}:${title.toLowerCase()}`]);
    const taken = await this.db.tx
      .getRepository(Document)
      .createQueryBuilder('document')
      .where('document.orgId = :orgId AND lower(document.title) = lower(:title)', { orgId, title })
      .getExists();
    if (taken) throw titleTaken();
  }
}

/** Only the creator or an ADMIN may change, share or replace a document (those shared with it only read). */
function assertOwner(principal: OrgPrincipal, document: DocumentResponseDto): void {
  if (principal.role !== Role.ADMIN && document.created_by !== principal.userId) {
    throw new ForbiddenError('DOCUMENT_OWNER_ONLY', 'Only the creator of this document or an ADMIN may change or share it');
  }
}
