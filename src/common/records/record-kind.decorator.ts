import { SetMetadata } from '@nestjs/common';
import type { OrgPrincipal } from '../auth/principal.js';

/** What the rest of the system needs to know about one kind of CRM record. */
export interface RecordKindOptions {
  /** Stable identifier, stored with comments and attachments: `account`, `lead`, `case`, `contact`. */
  kind: string;
  /** For messages ("Account not found") and operationIds (addAccountComment). */
  name: string;
  /** The route segment of its collection (`accounts`) and its OpenAPI tag (`Accounts`). */
  path: string;
  tag: string;
  /** Whether it carries comments and attachments (its module then mounts CommentRoutes). */
  comments: boolean;
}

/** The one method a record kind's service must offer: the visibility rule for one record. */
export interface RecordKindService {
  canSee(principal: OrgPrincipal, id: string): Promise<boolean>;
}

export const RECORD_KIND = 'recordKind';

/**
 * Declares the decorated service as the owner of a record kind. RecordKinds finds every such
 * service at start-up (Nest's DiscoveryService): no module has to know the others.
 */
export const RecordKind = (options: RecordKindOptions): ClassDecorator => SetMetadata(RECORD_KIND, options);
