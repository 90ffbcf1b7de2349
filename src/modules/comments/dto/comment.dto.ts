import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { Trim } from '../../../common/validation/trim.decorator.js';

export const MAX_COMMENT_LENGTH = 10_000;
/** The most files one `POST /api/{kind}/{id}/attachments/` takes. */
export const MAX_FILES_PER_UPLOAD = 10;

export class UpdateCommentDto {
  @ApiProperty({ maxLength: MAX_COMMENT_LENGTH, example: 'Root cause identified - server configuration issue' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_COMMENT_LENGTH)
  comment: string;
}

export class CommentResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  comment: string;

  @ApiProperty({ type: String, format: 'date-time' })
  commented_on: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The author’s user id' })
  commented_by: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  updated_on: string;

  @ApiProperty({ type: 'integer', example: 1, description: 'Moves on at every edit; `"<revision>"` is the ETag an edit or removal may send as If-Match' })
  revision: number;
}

export class AttachmentResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'contract.pdf' })
  file_name: string;

  @ApiProperty({ example: 'application/pdf', description: 'Judged from the file’s bytes' })
  content_type: string;

  @ApiProperty({ description: 'Bytes', example: 48213 })
  size: number;

  @ApiProperty({ example: '/api/attachments/5f0c.../download/', description: 'Authorised download' })
  url: string;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  created_by: string | null;
}

/** What adding to a record answers: the comment and/or the attachment that was stored. */
export class AddedResponseDto {
  @ApiPropertyOptional({ type: CommentResponseDto })
  comment?: CommentResponseDto;

  @ApiPropertyOptional({ type: AttachmentResponseDto })
  attachment?: AttachmentResponseDto;
}

export class AttachmentsAddedDto {
  @ApiProperty({ type: [AttachmentResponseDto], description: 'The files added, in the order sent' })
  attachments: AttachmentResponseDto[];
}

/** The request body of `POST /api/{parent}/{id}/attachments/`: files only, so generators type them as files. */
export const ADD_ATTACHMENTS_BODY = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object' as const,
        required: ['attachment'],
        properties: {
          attachment: {
            type: 'array' as const,
            minItems: 1,
            maxItems: MAX_FILES_PER_UPLOAD,
            items: { type: 'string' as const, format: 'binary' },
            description: `One to ${MAX_FILES_PER_UPLOAD} files, each a part named attachment`,
          },
        },
      },
    },
  },
};

const COMMENT_TEXT = { type: 'string' as const, minLength: 1, maxLength: MAX_COMMENT_LENGTH, example: 'Called the client; follow up Friday' };

/**
 * The request body of `POST /api/{parent}/{id}/`: JSON carries only the comment; a multipart form
 * carries the comment and/or one file.
 */
export const ADD_COMMENT_BODY = {
  required: true,
  content: {
    'application/json': {
      schema: { type: 'object' as const, required: ['comment'], properties: { comment: COMMENT_TEXT } },
    },
    'multipart/form-data': {
      schema: {
        type: 'object' as const,
        description: 'At least one of `comment` and `attachment`.',
        properties: {
          comment: COMMENT_TEXT,
          attachment: {
            type: 'string' as const,
            format: 'binary',
            description: 'The file; `account_attachment`, `lead_attachment`, `case_attachment` are accepted as aliases',
          },
        },
      },
    },
  },
};
