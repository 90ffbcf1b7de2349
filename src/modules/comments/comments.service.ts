import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import type { OrgPrincipal } from '../../common/auth/principal.js';
import { Role } from '../../common/auth/role.js';
import { ForbiddenError, NotFoundError, ValidationFailedError } from '../../common/errors/app-error.js';
import { Attachment } from './attachment.entity.js';
import { readCommentInput } from './comment-input.js';
import { safeFileName, toAttachmentResponse, toCommentResponse } from './comment.mapper.js';
import { Comment } from './comment.entity.js';
import type { AddedResponseDto, AttachmentResponseDto, CommentResponseDto } from './dto/comment.dto.js';
import { PARENT_COLUMNS, type ParentKind, type ParentRef, type ParentVisibility } from './parent.js';
import { FileStorage } from './storage/file-storage.js';
import { sniffContentType } from './storage/sniff-content-type.js';

export interface Download {
  stream: Readable;
  fileName: string;
  contentType: string;
  size: number;
}

const PARENT_NAMES: Record<ParentKind, string> = { account: 'Account', lead: 'Lead', case: 'Case' };

const parentWhere = (parent: ParentRef) => ({ [PARENT_COLUMNS[parent.kind]]: parent.id });

/**
 * Comments and attachments of every parent kind. Parent modules check that the caller may see
 * the parent before adding, and register their visibility rule for edits and downloads.
 */
@Injectable()
export class CommentsService {
  private readonly logger = new Logger(CommentsService.name);
  private readonly visibility = new Map<ParentKind, ParentVisibility>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Comment) private readonly comments: Repository<Comment>,
    @InjectRepository(Attachment) private readonly attachments: Repository<Attachment>,
    private readonly storage: FileStorage,
  ) {}

  registerParent(kind: ParentKind, canSee: ParentVisibility): void {
    this.visibility.set(kind, canSee);
  }

  /** Adds a comment and/or a file from the request to a parent the caller may see (else 404, nothing read). */
  async addFromRequest(principal: OrgPrincipal, parent: ParentRef, request: FastifyRequest): Promise<AddedResponseDto> {
    if (!(await this.canSee(principal, parent.kind, parent.id))) throw new NotFoundError(PARENT_NAMES[parent.kind]);
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
      return await this.dataSource.transaction(async (manager) => {
        const added: AddedResponseDto = {};
        if (input.comment) {
          const comment = await manager.getRepository(Comment).save({
            orgId: principal.orgId,
            comment: input.comment,
            commentedBy: principal.userId,
            ...parentWhere(parent),
          });
          added.comment = toCommentResponse(comment);
        }
        if (stored) {
          const attachment = await manager.getRepository(Attachment).save({
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
  async listFor(orgId: string, parent: ParentRef): Promise<{ comments: CommentResponseDto[]; attachments: AttachmentResponseDto[] }> {
    const where = { orgId, ...parentWhere(parent) };
    const [comments, attachments] = await Promise.all([
      this.comments.find({ where, order: { createdOn: 'ASC', id: 'ASC' } }),
      this.attachments.find({ where, order: { createdOn: 'DESC', id: 'DESC' } }),
    ]);
    return { comments: comments.map(toCommentResponse), attachments: attachments.map(toAttachmentResponse) };
  }

  async updateComment(principal: OrgPrincipal, kind: ParentKind, id: string, text: string): Promise<CommentResponseDto> {
    const comment = await this.loadEditable(principal, kind, id);
    comment.comment = text;
    return toCommentResponse(await this.comments.save(comment));
  }

  async deleteComment(principal: OrgPrincipal, kind: ParentKind, id: string): Promise<void> {
    const comment = await this.loadEditable(principal, kind, id);
    await this.comments.delete({ id: comment.id, orgId: principal.orgId });
  }

  async deleteAttachment(principal: OrgPrincipal, kind: ParentKind, id: string): Promise<void> {
    const attachment = await this.attachments.findOneBy({ id, orgId: principal.orgId });
    const parentId = attachment ? this.parentIdOf(attachment, kind) : null;
    if (!attachment || !parentId || !(await this.canSee(principal, kind, parentId))) {
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
    const parent = attachment && this.parentOf(attachment);
    if (!attachment || !parent || !(await this.canSee(principal, parent.kind, parent.id))) {
      throw new NotFoundError('Attachment');
    }
    return {
      stream: await this.storage.open(attachment.storageKey),
      fileName: attachment.fileName,
      contentType: attachment.contentType,
      size: attachment.size,
    };
  }

  /** Storage keys of a parent's files, read before the parent is deleted (its rows cascade). */
  async storageKeysOf(manager: EntityManager, orgId: string, parent: ParentRef): Promise<string[]> {
    const rows = await manager
      .getRepository(Attachment)
      .find({ where: { orgId, ...parentWhere(parent) }, select: { storageKey: true } });
    return rows.map((row) => row.storageKey);
  }

  /** Deletes files after the rows are gone; a failure leaves an orphan file, never a dangling row. */
  async removeFiles(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      await this.storage.delete(key).catch((error: unknown) => {
        this.logger.warn({ key, error: String(error) }, 'Could not delete an attachment file');
      });
    }
  }

  private async loadEditable(principal: OrgPrincipal, kind: ParentKind, id: string): Promise<Comment> {
    const comment = await this.comments.findOneBy({ id, orgId: principal.orgId });
    const parentId = comment ? this.parentIdOf(comment, kind) : null;
    if (!comment || !parentId || !(await this.canSee(principal, kind, parentId))) {
      throw new NotFoundError('Comment');
    }
    if (principal.role !== Role.ADMIN && comment.commentedBy !== principal.userId) {
      throw new ForbiddenError('NOT_AUTHOR', 'Only the author or an ADMIN may change this comment');
    }
    return comment;
  }

  private canSee(principal: OrgPrincipal, kind: ParentKind, parentId: string): Promise<boolean> {
    const check = this.visibility.get(kind);
    if (!check) throw new Error(`No visibility rule registered for ${kind}`);
    return check(principal, parentId);
  }

  private parentIdOf(row: Comment | Attachment, kind: ParentKind): string | null {
    return (row[PARENT_COLUMNS[kind]] as string | null) ?? null;
  }

  private parentOf(row: Attachment): ParentRef | null {
    for (const kind of Object.keys(PARENT_COLUMNS) as ParentKind[]) {
      const id = this.parentIdOf(row, kind);
      if (id) return { kind, id };
    }
    return null;
  }
}
