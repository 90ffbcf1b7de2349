import type { EntityManager } from 'typeorm';
import { LeadStatus } from '../lead.entity.js';
import type { toLeadColumns } from '../lead.mapper.js';

type LeadColumns = ReturnType<typeof toLeadColumns>;

/** Each column of an imported lead: its SQL array type and its value when the file leaves it out. */
const COLUMNS: [column: string, type: string, value: (lead: LeadColumns) => unknown][] = [
  ['title', 'text', (lead) => lead.title ?? ''],
  ['first_name', 'text', (lead) => lead.firstName],
  ['last_name', 'text', (lead) => lead.lastName],
  ['email', 'text', (lead) => lead.email ?? ''],
  ['phone', 'text', (lead) => lead.phone ?? ''],
  ['status', 'lead_status', (lead) => lead.status ?? LeadStatus.ASSIGNED],
  ['source', 'lead_source', (lead) => lead.source ?? null],
  ['account_name', 'text', (lead) => lead.accountName ?? ''],
  ['website', 'text', (lead) => lead.website ?? ''],
  ['description', 'text', (lead) => lead.description ?? ''],
  ['opportunity_amount', 'numeric', (lead) => lead.opportunityAmount ?? null],
  ['address_line', 'text', (lead) => lead.address?.addressLine ?? ''],
  ['street', 'text', (lead) => lead.address?.street ?? ''],
  ['city', 'text', (lead) => lead.address?.city ?? ''],
  ['state', 'text', (lead) => lead.address?.state ?? ''],
  ['postcode', 'text', (lead) => lead.address?.postcode ?? ''],
  ['country', 'text', (lead) => lead.address?.country ?? ''],
  ['probability', 'smallint', (lead) => lead.probability ?? null],
  ['industry', 'text', (lead) => lead.industry ?? ''],
  ['skype_id', 'text', (lead) => lead.skypeId ?? ''],
  ['organization', 'text', (lead) => lead.organizationName ?? ''],
  ['close_date', 'date', (lead) => lead.closeDate ?? null],
  ['enquiry_type', 'text', (lead) => lead.enquiryType ?? ''],
];

const NAMES = COLUMNS.map(([column]) => column).join(', ');
const INSERT = `INSERT INTO leads (org_id, created_by, ${NAMES})
  SELECT $1::uuid, $2::uuid, ${NAMES} FROM unnest(${COLUMNS.map(([, type], i) => `$${i + 3}::${type}[]`).join(', ')})
  WITH ORDINALITY AS row(${NAMES}, position)
  ORDER BY position
  RETURNING id`;

/**
 * Inserts validated leads in one statement: every column travels as one array, so a batch of a
 * thousand rows costs one round trip and no per-row query building. Ids come back in row order.
 */
export async function insertLeads(manager: EntityManager, orgId: string, createdBy: string, leads: LeadColumns[]): Promise<string[]> {
  const arrays = COLUMNS.map(([, , value]) => leads.map(value));
  const rows = (await manager.query(INSERT, [orgId, createdBy, ...arrays])) as { id: string }[];
  return rows.map((row) => row.id);
}
