import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '../../common/errors/app-error.js';
import { RecordKinds } from '../../common/records/record-kinds.js';

/** What happens to a record of any kind. */
const RECORD_ACTIONS = ['created', 'updated', 'deleted'];

/** Events beyond those, named by the action that writes them (history's `action`). */
const NAMED_EVENTS = [
  'lead.converted',
  'invoice.sent',
  'invoice.payment_added',
  'invoice.paid',
  'invoice.cancelled',
  'comment.created',
  'comment.deleted',
  'attachment.created',
  'attachment.deleted',
];

/** A set of event types, as a feed query or a webhook names them: exact types and `<group>.*` prefixes. */
export interface TypeFilter {
  exact: string[];
  prefixes: string[];
}

/**
 * The event types of the change feed and webhooks (`lead.created`, `invoice.paid`), from the
 * registered record kinds, and the patterns that name sets of them (`lead.*`, `*`).
 */
@Injectable()
export class ChangeTypes {
  private known?: string[];

  constructor(private readonly kinds: RecordKinds) {}

  all(): string[] {
    this.known ??= [...this.kinds.all().flatMap(({ kind }) => RECORD_ACTIONS.map((action) => `${kind}.${action}`)), ...NAMED_EVENTS];
    return this.known;
  }

  /** Patterns as a filter; an unknown type or group is a 400 naming `field` and the pattern. */
  parse(field: string, patterns: readonly string[]): TypeFilter {
    const types = this.all();
    const groups = new Set(types.map((type) => type.split('.')[0]));
    const unknown = patterns.filter((pattern) => pattern !== '*' && !types.includes(pattern) && !(pattern.endsWith('.*') && groups.has(pattern.slice(0, -2))));
    if (unknown.length > 0) {
      throw ValidationFailedError.field(field, `unknown event type or pattern: ${unknown.join(', ')} (a type such as lead.created, a group such as lead.*, or *)`);
    }
    if (patterns.includes('*')) return { exact: [], prefixes: [''] };
    return { exact: patterns.filter((pattern) => !pattern.endsWith('.*')), prefixes: patterns.filter((pattern) => pattern.endsWith('.*')).map((pattern) => pattern.slice(0, -1)) };
  }
}

/** Whether a filter takes an event of `type`. */
export const takes = (filter: TypeFilter, type: string): boolean => filter.exact.includes(type) || filter.prefixes.some((prefix) => type.startsWith(prefix));
