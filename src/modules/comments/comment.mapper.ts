import type { Attachment } from './attachment.entity.js';
import type { Comment } from './comment.entity.js';
import type { AttachmentResponseDto, CommentResponseDto } from './dto/comment.dto.js';

export const toCommentResponse = (comment: Comment): CommentResponseDto => ({
  id: comment.id,
  comment: comment.comment,
  commented_on: comment.createdOn.toISOString(),
  commented_by: comment.commentedBy,
  updated_on: comment.updatedOn.toISOString(),
  revision: comment.revision,
});

export const attachmentUrl = (id: string) => `/api/attachments/${id}/download/`;

export const toAttachmentResponse = (attachment: Attachment): AttachmentResponseDto => ({
  id: attachment.id,
  file_name: attachment.fileName,
  content_type: attachment.contentType,
  size: attachment.size,
  url: attachmentUrl(attachment.id),
  created_on: attachment.createdOn.toISOString(),
  created_by: attachment.createdBy,
});
