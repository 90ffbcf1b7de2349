import { AppError } from '../../../common/errors/app-error.js';

/** Lead fields a file may carry, by their API names. */
export const IMPORT_COLUMNS = [
  'title',
  'first_name',
  'last_name',
  'email',
  'phone',
  'status',
  'source',
  'account_name',
  'website',
  'description',
  'opportunity_amount',
  'address_line',
  'street',
  'city',
  'state',
  'postcode',
  'country',
  'tags',
  // Django-CRM's lead fields, so its exports import as they are.
  'probability',
  'industry',
  'skype_ID',
  'organization',
  'close_date',
  'enquiry_type',
] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Columns the lead export writes that an import does not set (a new lead gets its own): skipped, so an export imports as it is. */
export const EXPORT_ONLY_COLUMNS = ['id', 'assigned_to', 'teams', 'contacts', 'company', 'created_by', 'created_on', 'updated_on'] as const;

/** The columns of GET /api/leads/export/: the importable fields, in the import's order, then what only the export says. */
export const LEAD_EXPORT_COLUMNS: readonly string[] = ['id', ...IMPORT_COLUMNS, ...EXPORT_ONLY_COLUMNS.slice(1)];
const REQUIRED: ImportColumn[] = ['first_name', 'last_name'];

/** "First Name", "first_name" and "FIRST-NAME" are the same column. */
export const normalizeHeader = (header: string) =>
  header.trim().toLowerCase().replace(/[\s-]+/g, '_').replace(/_+/g, '_');

/** Each importable field by its normalized header (`skype_id` for `skype_ID`). */
const BY_HEADER = new Map<string, ImportColumn>(IMPORT_COLUMNS.map((column) => [normalizeHeader(column), column]));

/** Maps header cells to lead fields (null for an export-only column, skipped); a missing required, unknown or repeated column rejects the file. */
export function mapHeader(cells: string[]): (ImportColumn | null)[] {
  const names = cells.map(normalizeHeader);
  const problems: string[] = [];
  const unknown = names.filter((name) => !BY_HEADER.has(name) && !(EXPORT_ONLY_COLUMNS as readonly string[]).includes(name));
  if (unknown.length) problems.push(`unknown columns: ${unknown.map((name) => name || '(blank)').join(', ')}`);
  const missing = REQUIRED.filter((name) => !names.includes(name));
  if (missing.length) problems.push(`missing columns: ${missing.join(', ')}`);
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (repeated.length) problems.push(`repeated columns: ${[...new Set(repeated)].join(', ')}`);
  if (problems.length) {
    throw new AppError(400, 'VALIDATION_FAILED', 'The header row does not match the lead fields', { leads_file: problems });
  }
  return names.map((name) => BY_HEADER.get(name) ?? null);
}
