import type { LinkDeclaration, LinkRow } from '../../common/records/record-store.js';
import type { DocumentResponseDto, DocumentVersionDto, StoredFileDto } from './dto/document-responses.dto.js';
import type { Document, StoredFileColumns } from './document.entity.js';
import type { DocumentVersion } from './document-version.entity.js';
import { revisionOf } from '../../common/records/revision-fields.js';

/** The kind's links, by body field: its store's declaration, from which a row's link arrays are typed. */
export const DOCUMENT_LINKS = { shared_to: { relation: 'sharedTo', target: 'user' }, teams: { relation: 'teams', target: 'team' } } satisfies LinkDeclaration;

/** A row's link arrays (and what else its queries select), as RecordStore.withLinks answers them. */
export type DocumentLinks = LinkRow<typeof DOCUMENT_LINKS>;

const fileFacts = (file: StoredFileColumns, url: string): StoredFileDto => ({
  file_name: file.fileName,
  size: file.size,
  content_type: file.contentType,
  sha256: file.sha256,
  download_url: url,
});

export function toDocumentResponse(document: Document, links: DocumentLinks): DocumentResponseDto {
  return {
    id: document.id,
    title: document.title,
    status: document.status,
    version: document.version,
    ...fileFacts(document.file, `/api/documents/${document.id}/download/`),
    shared_to: links.shared_to,
    teams: links.teams,
    created_by: document.createdBy,
    created_on: document.createdOn.toISOString(),
    ...revisionOf(document),
  };
}

export function toVersionResponse(version: DocumentVersion): DocumentVersionDto {
  return {
    version: version.version,
    ...fileFacts(version.file, `/api/documents/${version.documentId}/versions/${version.version}/download/`),
    created_by: version.createdBy,
    created_on: version.createdOn.toISOString(),
  };
}
