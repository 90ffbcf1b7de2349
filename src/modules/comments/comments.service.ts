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
import { readCommentInput } from './comment-input.js';
import { toAttachmentResponse, toCommentResponse } from './comment.mapper.js';
import { safeFileName } from '../files/safe-file-name.js';
import { Comment } from './comment.entity.js';
import type { AddedResponseDto, AttachmentResponseDto, CommentResponseDto } from './dto/comment.dto.js';
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

/**
 * Comments and attachments of every record kind that switches them on (@RecordKind with
 * `comments: true`). Who may see the parent is the kind's own rule, found through RecordKinds.
 */
@Injectable()
export class CommentsService {
  private readonly logger = new Logger(CommentsService.name);

  constructor(
    @InjectDb() private readonly db: Db,
    private readonly storage: FileStorage,
    private readonly kinds: RecordKinds,
  ) {}

  private get comments(): Repository<Comment> {
    return this.db.tx.getRepository(Comment);
  }

  private get attachments(): Repository<Attachment> {
    return this.db.tx.getRepository(Attachment);
  }

  /** Adds a comment and/or a file from the request to a parent the caller may see (else 404, nothing read). */
  async addFromRequest(principal: OrgPrincipal, parent: ParentRef, request: FastifyRequest): Promise<AddedResponseDto> {
    if (!(await this.canSee(principal, parent.kind, parent.id))) throw new NotFoundError(this.kinds.get(parent.kind).name);
    let stored: { key: string; fileName: string; size: number; contentType: string } | undefined;
    try {
      const input = await readCommentInput(request, async (file) => {
        const key = `${principal.orgId}/${randomUUID()}`;
        const saved = await this.storage.save(key, file.stream);
        stored = { key, fileName: safeFileName(file.fileName), size: saved.size, contentType: sniffContentType(saved.head) };
      });
      if (!input.comment && !stored) {
        throw new ValidationFailedError(
          { comment: ['a comment or a file is required'] },
          'Send a comment, a file, or both',
        );
      }
      return await this.db.withTransaction(async () => {
        const added: AddedResponseDto = {};
        if (input.comment) {
          const comment = await this.comments.save({
            orgId: principal.orgId,
            comment: input.comment,
            commentedBy: principal.userId,
            ...parentWhere(parent),
          });
          added.comment = toCommentResponse(comment);
        }
        if (stored) {
          const attachment = await this.attachments.save({
            orgId: principal.orgId,
            fileName: stored.fileName,
            storageKey: stored.key,
            contentType: stored.contentType,
            size: stored.size,
            createdBy: principal.userId,
            ...parentWhere(parent),
          });
          added.attachment = toAttachmentResponse(attachment);
        }
        return added;
      });
    } catch (error) {
      if (stored) await this.storage.delete(stored.key);
      throw error;
    }
  }

  /** A parent's comments (oldest first) and attachments (newest first), two queries. */
  /** The comments (oldest first) and files (newest first) of one record, or of several listed together. */
  async listFor(
    orgId: string,
    ...parents: ParentRef[]
  ): Promise<{ comments: CommentResponseDto[]; attachments: AttachmentResponseDto[] }> {
    const where = parents.map((parent) => ({ orgId, ...parentWhere(parent) }));
    const [comments, attachments] = await Promise.all([
      this.comments.find({ where, order: { createdOn: 'ASC', id: 'ASC' } }),
      this.attachments.find({ where, order: { createdOn: 'DESC', id: 'DESC' } }),
    ]);
    return { comments: comments.map(toCommentResponse), attachments: attachments.map(toAttachmentResponse) };
  }

  async updateComment(principal: OrgPrincipal, kind: string, id: string, text: string): Promise<CommentResponseDto> {
    const comment = await this.loadEditable(principal, kind, id);
    comment.comment = text;
    return toCommentResponse(await this.comments.save(comment));
  }

  async deleteComment(principal: OrgPrincipal, kind: string, id: string): Promise<void> {
    const comment = await this.loadEditable(principal, kind, id);
    await this.comments.delete({ id: comment.id, orgId: principal.orgId });
  }

  async deleteAttachment(principal: OrgPrincipal, kind: string, id: string): Promise<void> {
    const attachment = await this.attachments.findOneBy({ id, orgId: principal.orgId, parentKind: kind });
    if (!attachment || !(await this.canSee(principal, kind, attachment.parentId))) {
      throw new NotFoundError('Attachment');
    }
    if (principal.role !== Role.ADMIN && attachment.createdBy !== principal.userId) {
      throw new ForbiddenError('NOT_UPLOADER', 'Only the uploader or an ADMIN may delete this attachment');
    }
    await this.attachments.delete({ id, orgId: principal.orgId });
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
  @OnEvent(RECORD_DELETING, { promisify: true })
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

  private async loadEditable(principal: OrgPrincipal, kind: string, id: string): Promise<Comment> {
    const comment = await this.comments.findOneBy({ id, orgId: principal.orgId, parentKind: kind });
    if (!comment || !(await this.canSee(principal, kind, comment.parentId))) {
      throw new NotFoundError('Comment');
    }
    if (principal.role !== Role.ADMIN && comment.commentedBy !== principal.userId) {
      throw new ForbiddenError('NOT_AUTHOR', 'Only the author or an ADMIN may change this comment');
    }
    return comment;
  }

  private canSee(principal: OrgPrincipal, kind: string, parentId: string): Promise<boolean> {
    return this.kinds.get(kind).canSee(principal, parentId);
  }
}
