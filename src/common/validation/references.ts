import { ValidationFailedError } from '../errors/app-error.js';

/**
 * Checks ids named by a body field against what exists in the caller's organization, in one
 * query (`findExisting`). Another tenant's id is reported exactly like a missing one.
 */
export async function assertReferences(
  field: string,
  ids: readonly string[] | undefined,
  findExisting: (ids: string[]) => Promise<string[]>,
): Promise<void> {
  if (!ids?.length) return;
  const wanted = [...new Set(ids.map((id) => id.toLowerCase()))];
  const found = new Set((await findExisting(wanted)).map((id) => id.toLowerCase()));
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0) {
    throw new ValidationFailedError({
      [field]: [`unknown in this organization: ${missing.join(', ')}`],
    });
  }
}
