import { ACCOUNT_KIND } from '../accounts/account.kind.js';
import { CASE_KIND } from '../cases/case.kind.js';
import { CONTACT_KIND } from '../contacts/contact.kind.js';
import { DOCUMENT_KIND } from '../documents/document.kind.js';
import { EVENT_KIND } from '../events/event.kind.js';
import { INVOICE_KIND } from '../invoices/invoice.kind.js';
import { LEAD_KIND } from '../leads/lead.kind.js';
import { OPPORTUNITY_KIND } from '../opportunities/opportunity.kind.js';
import { TASK_KIND } from '../tasks/task.kind.js';

/** The record kinds a key is scoped by, by their collection (`accounts:read`). */
export const SCOPED_KINDS = [ACCOUNT_KIND, LEAD_KIND, CASE_KIND, CONTACT_KIND, OPPORTUNITY_KIND, TASK_KIND, EVENT_KIND, DOCUMENT_KIND, INVOICE_KIND].map(
  (kind) => kind.path,
);

/** Every scope a key may hold: read and write per record kind, the dashboard, the directory (users, teams, tags), the change feed, webhooks, and all of either. */
export const API_KEY_SCOPES = [
  ...SCOPED_KINDS.flatMap((path) => [`${path}:read`, `${path}:write`]),
  'dashboard:read',
  'directory:read',
  'changes:read',
  'webhooks:read',
  'webhooks:write',
  '*:read',
  '*:write',
] as const;

/** Routes of the directory a key may read with `directory:read`. */
const DIRECTORY = new Set(['users', 'teams', 'tags']);

/**
 * The scope a request needs, from its route (`/api/leads/:id/convert`): `<kind>:read` to read a
 * kind's routes (its comments, files, history and lists included) and `<kind>:write` for anything
 * else on them; `dashboard:read`, `directory:read` for reading users, teams and tags. Null where no
 * scope reaches: keys never manage members, roles, keys, organization settings or web-form keys.
 */
export function requiredScope(method: string, route: string): string | null {
  const segment = /^\/api\/([^/]+)/.exec(route)?.[1];
  if (!segment) return null;
  const reading = method === 'GET' || method === 'HEAD';
  if (SCOPED_KINDS.includes(segment)) return `${segment}:${reading ? 'read' : 'write'}`;
  if (segment === 'dashboard' && reading) return 'dashboard:read';
  if (segment === 'changes' && reading) return 'changes:read';
  if (segment === 'webhooks') return `webhooks:${reading ? 'read' : 'write'}`;
  if (DIRECTORY.has(segment) && reading && !route.startsWith('/api/users/invitations')) return 'directory:read';
  // A file's download, by the attachment's id: whichever kind it is on, reading all of them covers it.
  if (segment === 'attachments' && reading) return '*:read';
  return null;
}

/** Whether `held` grants `needed`: a write scope grants reading the same kind, `*:write` everything `*:read` does. */
export function grants(held: readonly string[], needed: string): boolean {
  const [kind, access] = needed.split(':');
  const accepted = access === 'read' ? [needed, `${kind}:write`, '*:read', '*:write'] : [needed, '*:write'];
  return held.some((scope) => accepted.includes(scope));
}
