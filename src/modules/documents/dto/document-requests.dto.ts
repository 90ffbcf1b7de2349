import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEnum, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IdFilter, TextFilter } from '../../../common/validation/filters.decorator.js';
import { IdList } from '../../../common/validation/id-list.decorator.js';
import { Trim } from '../../../common/validation/trim.decorator.js';
import { DocumentStatus } from '../document.entity.js';
import { RecordListQueryDto } from '../../../common/records/record-list-query.dto.js';

const statusMessage = { message: `status must be one of: ${Object.values(DocumentStatus).join(', ')}` };

/** The form fields beside `document_file` (multipart), or a JSON body when no file is sent. */
export class CreateDocumentDto {
  @ApiProperty({ maxLength: 255, example: 'Master services agreement', description: 'Unique in the organization, ignoring case' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  title: string;

  @ApiPropertyOptional({ enum: DocumentStatus, enumName: 'DocumentStatus', description: 'Defaults to `active`' })
  @IsOptional()
  @IsEnum(DocumentStatus, statusMessage)
  status?: DocumentStatus;

  @IdList('User ids of the organization the document is shared with (repeat the field, or one JSON array)')
  shared_to?: string[];

  @IdList('Team ids of the organization the document is shared with')
  teams?: string[];
}

export class UpdateDocumentDto extends PartialType(CreateDocumentDto) {}

export class ListDocumentsQueryDto extends RecordListQueryDto {
  @TextFilter('Part of the title, any case')
  title?: string;

  @ApiPropertyOptional({ enum: DocumentStatus, enumName: 'DocumentStatus', description: 'Only this half' })
  @IsOptional()
  @IsEnum(DocumentStatus, statusMessage)
  status?: DocumentStatus;

  @IdFilter('Documents shared with this user')
  shared_to?: string;
}

const FORM_FIELDS = {
  title: { type: 'string' as const, maxLength: 255 },
  status: { type: 'string' as const, enum: Object.values(DocumentStatus) },
  shared_to: { type: 'array' as const, maxItems: 100, items: { type: 'string' as const, format: 'uuid' } },
  teams: { type: 'array' as const, maxItems: 100, items: { type: 'string' as const, format: 'uuid' } },
};
const FILE = (description: string) => ({ type: 'string' as const, format: 'binary', description });

/** The bodies as OpenAPI shows them (the file streams; the fields are validated as the DTOs). */
export const CREATE_DOCUMENT_BODY = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: { type: 'object' as const, required: ['title', 'document_file'], properties: { ...FORM_FIELDS, document_file: FILE('The file') } },
    },
  },
};

export const UPDATE_DOCUMENT_BODY = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object' as const,
        properties: { ...FORM_FIELDS, document_file: FILE('A new file: it becomes the next version; the earlier ones are kept') },
      },
    },
    'application/json': { schema: { type: 'object' as const, properties: FORM_FIELDS } },
  },
};
