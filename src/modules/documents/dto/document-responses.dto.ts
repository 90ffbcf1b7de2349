import { ApiProperty } from '@nestjs/swagger';
import { HalfCursorProperty, PageOf } from '../../../common/pagination/page.js';
import { DocumentStatus } from '../document.entity.js';
import { UpdatedByProperty, UpdatedOnProperty } from '../../../common/records/revision-fields.js';

/** A stored file's facts, on a document (its current file) and on each version. */
export class StoredFileDto {
  @ApiProperty({ example: 'msa-2027.pdf' })
  file_name: string;

  @ApiProperty({ description: 'Bytes' })
  size: number;

  @ApiProperty({ example: 'application/pdf', description: 'Sniffed from the bytes, not taken from the client' })
  content_type: string;

  @ApiProperty({ minLength: 64, maxLength: 64, description: 'Hex SHA-256 of the file' })
  sha256: string;

  @ApiProperty({ example: '/api/documents/3f0c…/download/' })
  download_url: string;
}

export class DocumentResponseDto extends StoredFileDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  title: string;

  @ApiProperty({ enum: DocumentStatus, enumName: 'DocumentStatus' })
  status: DocumentStatus;

  @ApiProperty({ description: 'The current version’s number (1 for the first upload)' })
  version: number;

  @ApiProperty({ type: [String], format: 'uuid' })
  shared_to: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  teams: string[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  created_by: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;

  @UpdatedOnProperty()
  updated_on: string;

  @UpdatedByProperty()
  updated_by: string | null;
}

export class DocumentListResponseDto {
  @ApiProperty({ type: [DocumentResponseDto], description: 'One page of active documents' })
  documents_active: DocumentResponseDto[];

  @ApiProperty({ type: [DocumentResponseDto], description: 'One page of inactive documents' })
  documents_inactive: DocumentResponseDto[];

  @HalfCursorProperty('active documents')
  documents_active_next_cursor: string | null;

  @HalfCursorProperty('inactive documents')
  documents_inactive_next_cursor: string | null;

  @ApiProperty({ description: 'Documents matching the filters, both halves' })
  documents_count: number;

  @ApiProperty()
  documents_active_count: number;

  @ApiProperty()
  documents_inactive_count: number;
}

export class DocumentVersionDto extends StoredFileDto {
  @ApiProperty({ example: 2 })
  version: number;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  created_by: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_on: string;
}

export class DocumentVersionPageDto extends PageOf(DocumentVersionDto) {}
