/**
 * Routes that take no Idempotency-Key (400 if sent; IdempotentRequests, and the OpenAPI document):
 * a large lead import runs in the background beyond the request, so its answer cannot be stored
 * with its writes. Imports skip e-mails already taken, so a retried import adds nothing twice.
 */
export const NOT_IDEMPOTENT: ReadonlySet<string> = new Set(['POST /api/leads/upload']);
