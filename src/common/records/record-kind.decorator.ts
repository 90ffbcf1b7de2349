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
  /** What its OpenAPI tag says of it. */
  description: string;
}

/** Something a body can name by id (`assigned_to` names users): which of the ids the caller may name. */
export interface ReferenceTargetService {
  referableIds(principal: OrgPrincipal, ids: readonly string[]): Promise<string[]>;
}

/** What a record kind's service must offer: its visibility rule, for one record and for ids in a body. */
export interface RecordKindService extends ReferenceTargetService {
  canSee(principal: OrgPrincipal, id: string): Promise<boolean>;
  /** The items of `ids` in the organization as an ADMIN sees them (what a change left them as), those that exist. */
  snapshots(orgId: string, ids: readonly string[]): Promise<{ id: string }[]>;
}

export const RECORD_KIND = 'recordKind';
export const REFERENCE_TARGET = 'referenceTarget';

/**
 * Declares the decorated service as what bodies mean by ids of `target` (`user`, `team`). Record
 * kinds are targets under their kind without this (a body's `contacts` are `contact` ids).
 */
export const ReferenceTarget = (target: string): ClassDecorator => SetMetadata(REFERENCE_TARGET, target);

/**
 * Declares the decorated service as the owner of a record kind. RecordKinds finds every such
 * service at start-up (Nest's DiscoveryService): no module has to know the others.
 */
export const RecordKind = (options: RecordKindOptions): ClassDecorator => SetMetadata(RECORD_KIND, options);
