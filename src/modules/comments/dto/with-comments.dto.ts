import { ApiProperty } from '@nestjs/swagger';
import { AttachmentResponseDto, CommentResponseDto } from './comment.dto.js';

type ClassType<T> = abstract new (...args: never[]) => T;

/** A record kind's detail: its list item plus its comments (oldest first) and files (newest first). */
export function WithComments<T>(item: ClassType<T>) {
  abstract class DetailDto extends (item as ClassType<object>) {
    @ApiProperty({ type: [CommentResponseDto], description: 'Oldest first' })
    comments: CommentResponseDto[];

    @ApiProperty({ type: [AttachmentResponseDto], description: 'Newest first' })
    attachments: AttachmentResponseDto[];
  }
  return DetailDto as unknown as ClassType<T & { comments: CommentResponseDto[]; attachments: AttachmentResponseDto[] }>;
}
