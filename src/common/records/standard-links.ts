import type { LinkSpec } from './record-store.js';

/** The links most record kinds have: assignees (users) and teams. */
export const ASSIGNEES_AND_TEAMS = {
  assigned_to: { relation: 'assignedTo', target: 'user' },
  teams: { relation: 'teams', target: 'team' },
} satisfies Record<string, LinkSpec>;

/** Contacts of the organization the caller may see. */
export const CONTACTS_LINK = { contacts: { relation: 'contacts', target: 'contact' } } satisfies Record<string, LinkSpec>;
