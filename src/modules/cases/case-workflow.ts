import { ValidationFailedError } from '../../common/errors/app-error.js';
import { CaseStatus } from './case.entity.js';

/**
 * When a case is Closed it has a closed_on (the given one, the one it had, or now); any other
 * status has none. A closed_on sent for a case that will not be Closed is a client error.
 */
export function resolveClosedOn(
  status: CaseStatus,
  requested: string | null | undefined,
  current: Date | null,
  now = new Date(),
): Date | null {
  if (status !== CaseStatus.CLOSED) {
    if (requested) {
      throw ValidationFailedError.field('closed_on', `can only be set when status is ${CaseStatus.CLOSED}`);
    }
    return null;
  }
  if (requested) return new Date(requested);
  return current ?? now;
}
