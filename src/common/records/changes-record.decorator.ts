import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

export const CHANGES_RECORD = 'changesRecord';

/**
 * Marks an action route (`POST /api/{kind}/{id}/send/`) as a write of the record it is under: it
 * takes If-Match and answers the record's new ETag, like PUT (ConditionalRequests), and its
 * history entry is named `action` (`sent`) instead of `updated` (RequestActors).
 */
export const ChangesRecord = (action: string) =>
  applyDecorators(
    SetMetadata(CHANGES_RECORD, action),
    ApiHeader({ name: 'If-Match', required: false, description: 'The ETag the change is based on (or `*`): 412 when the record has changed since' }),
  );
