import { ApiProperty } from '@nestjs/swagger';
import type { VersionedRecord } from '../database/tenant-entity.js';

/** When a record last changed and who changed it, as every record kind answers them. */
export interface RevisionFields {
  updated_on: string;
  updated_by: string | null;
}

export const revisionOf = (record: VersionedRecord): RevisionFields => ({
  updated_on: record.updatedOn.toISOString(),
  updated_by: record.updatedBy,
});

export const UpdatedOnProperty = () =>
  ApiProperty({ type: String, format: 'date-time', description: 'When the record last changed: any write, its links and tags included' });

export const UpdatedByProperty = () =>
  ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who made the last change (null for a change by the system, such as the overdue sweep)' });
