import { ApiProperty } from '@nestjs/swagger';
import type { ActorType } from '../../../common/database/write-actors.js';
import { PageOf } from '../../../common/pagination/page.js';

export const ACTOR_TYPES: readonly ActorType[] = ['user', 'api_key', 'web_form', 'import', 'system'];

/** What a value in a change may be: as stored (null when empty), links as arrays of ids. */
const VALUE = {
  anyOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }],
};

/** Shown instead of the id of a record the caller may not see. */
export const HIDDEN = 'hidden';

export class HistoryActorDto {
  @ApiProperty({ enum: ACTOR_TYPES, enumName: 'HistoryActorType', description: 'A member, a server API key, a web-form key, a lead import, or the system (scheduled work)' })
  type: ActorType;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The user (also for an import), the key; null for the system' })
  id: string | null;
}

export class HistoryChangeDto {
  @ApiProperty({
    example: 'status',
    description: 'The field as the record’s body names it (`account`, `assigned_to`, `tags` as ids), or `comments`/`attachments` for one added (`to`) or removed (`from`)',
  })
  field: string;

  @ApiProperty({ ...VALUE, description: `Before the write; null when it was empty. A record the caller may not see shows as \`"${HIDDEN}"\`` })
  from: unknown;

  @ApiProperty({ ...VALUE, description: 'After the write' })
  to: unknown;
}

export class HistoryEntryDto {
  @ApiProperty({ type: String, format: 'date-time', description: 'When the change committed’s transaction began' })
  at: string;

  @ApiProperty({ type: HistoryActorDto })
  actor: HistoryActorDto;

  @ApiProperty({ type: String, nullable: true, description: 'The x-request-id of the request that wrote; null for scheduled work' })
  request_id: string | null;

  @ApiProperty({
    example: 'updated',
    description: '`created`, `updated`, `deleted`, `linked`/`unlinked` (a comment or attachment added or removed), or what an action did: `converted`, `sent`, `payment_added`, `cancelled`',
  })
  action: string;

  @ApiProperty({ type: [HistoryChangeDto], description: 'Every field the write changed, in name order; comments and attachments after them' })
  changes: HistoryChangeDto[];
}

export class HistoryPageDto extends PageOf(HistoryEntryDto) {}
