import type { WhereExpressionBuilder } from 'typeorm';
import { RecordRevisions } from '../../common/records/record-revisions.js';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { FastifyRequest } from 'fastify';
import type { Repository } from 'typeorm';
import { type Db, InjectDb } from '../../common/database/transactions.js';
import { RECORD_DELETING, type RecordDeleting } from '../../common/records/record-store.js';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Role } from '../../common/auth/role.js';
import { ForbiddenError, NotFoundError, ValidationFailedError } from '../../common/errors/app-error.js';
import { Attachment } from './attachment.entity.js';
import { type IncomingFile, readAttachmentFiles, readCommentInput, readRecordForm } from './comment-input.js';
import { attachmentUrl, toAttachmentResponse, toCommentResponse } from './comment.mapper.js';
import { safeFileName } from '../files/safe-file-name.js';
import { StorageQuota } from '../files/storage-quota.js';
import { Comment } from './comment.entity.js';
import type { AddedResponseDto, AttachmentResponseDto, AttachmentsAddedDto, CommentResponseDto } from './dto/comment.dto.js';
import { RecordKinds } from '../../common/records/record-kinds.js';
import type { ParentRef } from './parent.js';
import { FileStorage } from '../files/file-storage.js';
import { sniffContentType } from '../files/sniff-content-type.js';

export interface Download {
  stream: Readable;
  fileName: string;
  contentType: string;
  size: number;
}

const parentWhere = (parent: ParentRef) => ({ parentKind: parent.kind, parentId: parent.id });

/** PostgreSQL's JSON timestamps ("...+00:00", microseconds) as the API writes them everywhere else. */
const iso = (value: string) => new Date(value).toISOString();

type StoredAttachment = Omit<AttachmentResponseDto, 'url'>;

const OF_PARENTS = `org_id = $1 AND (parent_kind, parent_id) IN (SELECT * FROM unnest($2::varchar[], $3::uuid[]))`;
const LIST_FOR = `SELECT
  (SELECT coalesce(json_agg(json_build_object(
      'id', c.id, 'comment', c.comment, 'commented_on', c.created_on, 'commented_by', c.commented_by, 'updated_on', c.updated_on,
      'revision', c.revision
    ) ORDER BY c.created_on, c.id), '[]') FROM comments c WHERE ${OF_PARENTS}) AS comments,
  (SELECT coalesce(json_agg(json_build_object(
      'id', a.id, 'file_name', a.file_name, 'content_type', a.content_type, 'size', a.size, 'created_on', a.created_on, 'created_by', a.created_by
    ) ORDER BY a.created_on DESC, a.id DESC), '[]') FROM attachments a WHERE ${OF_PARENTS}) AS attachments`;

/**
 * Comments and attachments of every record kind that switches them on (@RecordKind with
 * `comments: true`). Who may see the parent is the kind's own rule, found through RecordKinds.
 */
/** A file written to storage while its form is read, before its row exists. */
interface StoredUpload {
  key: string;
  fileName: string;
  size: number;
  contentType: string;
}

/** Comments are the subject of their edits' conditional requests under this kind (ConditionalRequests). */
export const COMMENT_SUBJECT = 'comment';

@Injectable()
export class CommentsService {
  private readonly logger = new Logger(CommentsService.name);

  constructor(
    @InjectDb() private readonly db: Db,
    private readonly storage: FileStorage,
    private readonly kinds: RecordKinds,
    private readonly quota: StorageQuota,
  ) {}

  private get comments(): Repository<Comment> {
    return this.db.tx.getRepository(Comment);
  }

  private get attachments(): Repository<Attachment> {
    return this.db.tx.getRepository(Attachment);
  }

  /** Adds a comment and/or a file from the request to a parent the caller may see (else 404, nothing read). */
  async addFromRequest(principal: OrgPrincipal, parent: ParentRef, request: FastifyRequest): Promise<AddedResponseDto> {
    await this.assertVisible(principal, parent);
    const stored: StoredUpload[] = [];
    return this.keepingFilesOnlyIfCommitted(stored, async () => {
      const input = await readCommentInput(request, async (file) => void stored.push(await this.store(principal, file)));
      if (!input.comment && stored.length === 0) {
        throw new ValidationFailedError({ comment: ['a comment or a file is required'] }, 'Send a comment, a file, or both');
      }
      return this.db.withTransaction(async () => {
        const added: AddedResponseDto = {};
        if (input.comment) {
          const comment = await this.comments.save({ orgId: principal.orgId, comment: input.comment, commentedBy: principal.userId, ...parentWhere(parent) });
          added.comment = toCommentResponse(comment);
        }
        if (stored.length) [added.attachment] = await this.saveAttachments(principal, parent, stored);
        return added;
      });
    });
  }

  /** `POST /api/{kind}/{id}/attachments/`: one or more files, all kept or none. */
  async addAttachmentsFromRequest(principal: OrgPrincipal, parent: ParentRef, request: FastifyRequest): Promise<AttachmentsAddedDto> {
    await this.assertVisible(principal, parent);
    const stored: StoredUpload[] = [];
    return this.keepingFilesOnlyIfCommitted(stored, async () => {
      await readAttachmentFiles(request, async (file) => void stored.push(await this.store(principal, file)));
      return { attachments: await this.db.withTransaction(() => this.saveAttachments(principal, parent, stored)) };
    });
  }

  /**
   * Runs a record's create or update from a multipart form (Django-CRM's `<kind>_attachment`
   * forms): `write` gets the form's fields as its body and answers the record; the file, if one
   * was sent, is attached to that record in the same transaction, so the record and its file are
   * kept together or not at all (and a refused write leaves no file in storage).
   */
  async writeWithForm<R extends { id: string }>(
    principal: OrgPrincipal,
    kind: string,
    request: FastifyRequest,
    write: (fields: Record<string, string | string[]>) => Promise<R>,
  ): Promise<R> {
    const stored: StoredUpload[] = [];
    return this.keepingFilesOnlyIfCommitted(stored, async () => {
      const fields = await readRecordForm(request, `${kind}_attachment`, async (file) => void stored.push(await this.store(principal, file)));
      return this.db.withTransaction(async () => {
        const record = await write(fields);
        if (stored.length) await this.saveAttachments(principal, { kind, id: record.id }, stored);
        return record;
      });
    });
  }

  private async assertVisible(principal: OrgPrincipal, parent: ParentRef): Promise<void> {
    if (!(await this.canSee(principal, parent.kind, parent.id))) throw new NotFoundError(this.kinds.get(parent.kind).name);
  }

  private async store(principal: OrgPrincipal, file: IncomingFile): Promise<StoredUpload> {
    const key = `${principal.orgId}/${randomUUID()}`;
    const saved = await this.storage.save(key, file.stream);
    return { key, fileName: safeFileName(file.fileName), size: saved.size, contentType: sniffContentType(saved.head) };
  }

  /** Runs `work`; if it fails, the files it stored are removed, so a refused upload leaves nothing behind. */
  private async keepingFilesOnlyIfCommitted<R>(stored: StoredUpload[], work: () => Promise<R>): Promise<R> {
    try {
      return await work();
    } catch (error) {
      for (const file of stored) await this.storage.delete(file.key);
      throw error;
    }
  }

  private async saveAttachments(principal: OrgPrincipal, parent: ParentRef, stored: StoredUpload[]): Promise<AttachmentResponseDto[]> {
    await this.quota.assertRoom(principal.orgId, stored.reduce((sum, file) => sum + file.size, 0), 'attachment');
    const saved = await this.attachments.save(
      stored.map((file) => ({
        orgId: principal.orgId,
        fileName: file.fileName,
        storageKey: file.key,
        contentType: file.contentType,
        size: file.size,
        createdBy: principal.userId,
        ...parentWhere(parent),
      })),
    );
    return saved.map((attachment) => toAttachmentResponse(attachment));
  }

  /**
   * The comments (oldest first) and files (newest first) of one record, or of several listed
   * together: one statement, each list aggregated in PostgreSQL.
   */
  async listFor(
    orgId: string,
    ...parents: ParentRef[]
  ): Promise<{ comments: CommentResponseDto[]; attachments: AttachmentResponseDto[] }> {
    const [row] = (await this.db.tx.query(LIST_FOR, [orgId, parents.map((parent) => parent.kind), parents.map((parent) => parent.id)])) as {
      comments: CommentResponseDto[];
      attachments: StoredAttachment[];
    }[];
    return {
      comments: row.comments.map((comment) => ({ ...comment, commented_on: iso(comment.commented_on), updated_on: iso(comment.updated_on) })),
      attachments: row.attachments.map(({ created_on, created_by, ...file }) => ({
        ...file,
        url: attachmentUrl(file.id),
        created_on: iso(created_on),
        created_by,
      })),
    };
  }

  /** An edit under If-Match only happens at the revision it names (else 412 with the current ETag), as a record's. */
  async updateComment(principal: OrgPrincipal, kind: string, id: string, text: string): Promise<CommentResponseDto> {
    return this.db.withTransaction(async () => {
      await this.loadEditable(principal, kind, id);
      const write = this.comments.createQueryBuilder().update().set({ comment: text }).where('id = :id AND org_id = :orgId', { id, orgId: principal.orgId });
      await this.atRevision(write, id).execute();
      const edited = await this.comments.findOneByOrFail({ id, orgId: principal.orgId });
      RecordRevisions.wrote(COMMENT_SUBJECT, id, edited.revision);
      return toCommentResponse(edited);
    });
  }

  /** In a transaction of its own, as every write is, so the record's history says who removed it. */
  async deleteComment(principal: OrgPrincipal, kind: string, id: string): Promise<void> {
    await this.db.withTransaction(async () => {
      await this.loadEditable(principal, kind, id);
      await this.atRevision(this.comments.createQueryBuilder().delete().where('id = :id AND org_id = :orgId', { id, orgId: principal.orgId }), id).execute();
    });
  }

  /** Narrows a write to the revision If-Match named; the comment was read locked, so a miss means a stale tag. */
  private atRevision<Q extends WhereExpressionBuilder>(write: Q, id: string): Q {
    const expected = RecordRevisions.expected(COMMENT_SUBJECT, id);
    return expected === undefined ? write : (write.andWhere('revision = :expected', { expected }) as Q);
  }

  async deleteAttachment(principal: OrgPrincipal, kind: string, id: string): Promise<void> {
    const attachment = await this.attachments.findOneBy({ id, orgId: principal.orgId, parentKind: kind });
    if (!attachment || !(await this.canSee(principal, kind, attachment.parentId))) {
      throw new NotFoundError('Attachment');
    }
    if (principal.role !== Role.ADMIN && attachment.createdBy !== principal.userId) {
      throw new ForbiddenError('NOT_UPLOADER', 'Only the uploader or an ADMIN may delete this attachment');
    }
    await this.db.withTransaction(() => this.attachments.delete({ id, orgId: principal.orgId }));
    await this.removeFiles([attachment.storageKey]);
  }

  async openDownload(principal: OrgPrincipal, id: string): Promise<Download> {
    const attachment = await this.attachments.findOneBy({ id, orgId: principal.orgId });
    if (!attachment || !(await this.canSee(principal, attachment.parentKind, attachment.parentId))) {
      throw new NotFoundError('Attachment');
    }
    return {
      stream: await this.storage.open(attachment.storageKey),
      fileName: attachment.fileName,
      contentType: attachment.contentType,
      size: attachment.size,
    };
  }

  /**
   * A record is being deleted (inside its transaction): its comments and attachments go with it,
   * and its files once the deletion has committed.
   */
  @OnEvent(RECORD_DELETING, { promisify: true, suppressErrors: false })
  async deleteAllOf({ kind, orgId, id, afterCommit }: RecordDeleting): Promise<void> {
    const where = { orgId, ...parentWhere({ kind, id }) };
    const rows = await this.attachments.find({ where, select: { storageKey: true } });
    await this.attachments.delete(where);
    await this.comments.delete(where);
    const keys = rows.map((row) => row.storageKey);
    if (keys.length) afterCommit(() => this.removeFiles(keys));
  }

  /** Deletes files after the rows are gone; a failure leaves an orphan file, never a dangling row. */
  async removeFiles(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      await this.storage.delete(key).catch((error: unknown) => {
        this.logger.warn({ key, error: String(error) }, 'Could not delete an attachment file');
      });
    }
  }

  /** The comment, locked for the edit's transaction, where If-Match is checked (RecordRevisions). */
  private async loadEditable(principal: OrgPrincipal, kind: string, id: string): Promise<Comment> {
    const comment = await this.comments.findOne({ where: { id, orgId: principal.orgId, parentKind: kind }, lock: { mode: 'pessimistic_write' } });
    if (!comment || !(await this.canSee(principal, kind, comment.parentId))) {
      throw new NotFoundError('Comment');
    }
    if (principal.role !== Role.ADMIN && comment.commentedBy !== principal.userId) {
      throw new ForbiddenError('NOT_AUTHOR', 'Only the author or an ADMIN may change this comment');
    }
    RecordRevisions.read(COMMENT_SUBJECT, id, comment.revision);
    return comment;
  }

  private canSee(principal: OrgPrincipal, kind: string, parentId: string): Promise<boolean> {
    return this.kinds.get(kind).canSee(principal, parentId);
  }
}
