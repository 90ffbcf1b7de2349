import type { RecordKindOptions } from '../../common/records/record-kind.decorator.js';

/** Shared files with versions, as a record kind (no comments: the reference's documents have none). */
export const DOCUMENT_KIND = {
  kind: 'document',
  name: 'Document',
  path: 'documents',
  tag: 'Documents',
  comments: false,
  description: 'Shared files with versions, shared with members and teams',
} satisfies RecordKindOptions;
