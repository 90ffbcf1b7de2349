import type { Attachment } from './attachment.entity.js';
import type { Comment } from './comment.entity.js';
import type { AttachmentResponseDto, CommentResponseDto } from './dto/comment.dto.js';

export const toCommentResponse = (comment: Comment): CommentResponseDto => ({
  id: comment.id,
  comment: comment.comment,
  commented_on: comment.createdOn.toISOString(),
  commented_by: comment.commentedBy,
  updated_on: comment.updatedOn.toISOString(),
});

export const toAttachmentResponse = (attachment: Attachment): AttachmentResponseDto => ({
  id: attachment.id,
  file_name: attachment.fileName,
  content_type: attachment.contentType,
  size: attachment.size,
  url: `/api/attachments/${attachment.id}/download/`,
  created_on: attachment.createdOn.toISOString(),
  created_by: attachment.createdBy,
});

/** A display name from the client's file name: its last segment, printable, at most 255 characters. */
export function safeFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const printable = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (printable || 'file').slice(0, 255);
}
