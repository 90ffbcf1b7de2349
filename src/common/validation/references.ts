import { ValidationFailedError } from '../errors/app-error.js';

/**
 * Checks ids named by a body field in one query (`findExisting`): what exists in the caller's
 * organization and, for records, what the caller may see. Another tenant's id, or one the caller
 * may not see, is reported exactly like a missing one. Ids the record is already linked to pass
 * unchecked, so a client can send back the list it was given.
 */
export async function assertReferences(
  field: string,
  ids: readonly string[] | undefined,
  findExisting: (ids: string[]) => Promise<string[]>,
  alreadyLinked: readonly string[] = [],
): Promise<void> {
  if (!ids?.length) return;
  const linked = new Set(alreadyLinked.map((id) => id.toLowerCase()));
  const wanted = [...new Set(ids.map((id) => id.toLowerCase()))].filter((id) => !linked.has(id));
  if (!wanted.length) return;
  const found = new Set((await findExisting(wanted)).map((id) => id.toLowerCase()));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new ValidationFailedError({
      [field]: [`unknown in this organization: ${missing.join(', ')}`],
    });
  }
}
