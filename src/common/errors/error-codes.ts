/**
 * Every `code` an error body can carry, with its HTTP status and what it means. Published as the
 * `ErrorCode` enum of the OpenAPI document and as the table in docs/errors.md (a test keeps both in
 * step with this list). Throw sites name their code from here, so a typo does not compile.
 */
export const ERROR_CODES = {
  // 400
  VALIDATION_FAILED: { status: 400, meaning: 'Fields of the body, query or path are invalid; `errors` names each field and why' },
  BAD_REQUEST: { status: 400, meaning: 'The request cannot be read (malformed JSON, say)' },
  JSON_TOO_DEEP: { status: 400, meaning: 'The JSON body nests deeper than 32 levels' },
  ORG_HEADER_REQUIRED: { status: 400, meaning: 'The organization-id header (or its alias org) is missing' },
  ORG_HEADER_INVALID: { status: 400, meaning: 'The organization-id header is not a UUID' },
  CURSOR_INVALID: { status: 400, meaning: 'The list cursor was not made by this server or was altered: page again from the start' },
  CURSOR_MISMATCH: { status: 400, meaning: 'The list cursor was made for other filters, another sort or another list: send the ones it was made for' },
  REQUEST_ABORTED: { status: 400, meaning: 'The client closed the connection before the request was complete' },
  // 401
  TOKEN_MISSING: { status: 401, meaning: 'No Authorization: Bearer header' },
  TOKEN_INVALID: { status: 401, meaning: 'The access token is malformed, forged, or its person can no longer sign in' },
  TOKEN_EXPIRED: { status: 401, meaning: 'The access token has expired: refresh it' },
  INVALID_CREDENTIALS: { status: 401, meaning: 'E-mail or password is incorrect' },
  INVALID_REFRESH_TOKEN: { status: 401, meaning: 'The refresh token is invalid, expired or revoked' },
  REFRESH_TOKEN_REUSED: { status: 401, meaning: 'A used refresh token was presented again after the reuse grace: its whole sign-in is revoked' },
  SIGN_IN_REQUIRED: { status: 401, meaning: 'The invited address has an account: sign in as it to accept' },
  INVALID_API_KEY: { status: 401, meaning: 'The web-form key is missing, unknown or revoked' },
  API_KEY_INVALID: { status: 401, meaning: 'The server API key is unknown, or its rotation overlap has ended' },
  API_KEY_EXPIRED: { status: 401, meaning: 'The server API key has passed its expires_at' },
  API_KEY_REVOKED: { status: 401, meaning: 'The server API key was revoked' },
  UNAUTHORIZED: { status: 401, meaning: 'Not authenticated' },
  // 403
  FORBIDDEN: { status: 403, meaning: 'Not allowed' },
  ORG_ACCESS_DENIED: { status: 403, meaning: 'The caller is not an active member of the organization' },
  ROLE_REQUIRED: { status: 403, meaning: 'The action needs the ADMIN role' },
  INSUFFICIENT_SCOPE: { status: 403, meaning: 'The API key lacks the scope the route needs (named in the message), or keys may not use the route at all' },
  NOT_CREATOR: { status: 403, meaning: 'Only the creator of the record or an ADMIN may delete it' },
  DOCUMENT_OWNER_ONLY: { status: 403, meaning: 'Only the creator of the document or an ADMIN may change or share it' },
  NOT_AUTHOR: { status: 403, meaning: 'Only the author of the comment or an ADMIN may change it' },
  NOT_UPLOADER: { status: 403, meaning: 'Only the uploader of the file or an ADMIN may delete it' },
  INVITATION_FOR_ANOTHER_ACCOUNT: { status: 403, meaning: 'The invitation is for another address than the signed-in one' },
  // 404
  NOT_FOUND: { status: 404, meaning: 'No such record, or one the caller may not see' },
  // 409
  CONFLICT: { status: 409, meaning: 'A unique value is already taken, or a referenced record is in use' },
  EMAIL_TAKEN: { status: 409, meaning: 'An account with this e-mail already exists' },
  USER_ALREADY_MEMBER: { status: 409, meaning: 'The person is already a member of the organization' },
  LAST_ADMIN: { status: 409, meaning: 'The organization must keep at least one active ADMIN' },
  ORGANIZATION_NAME_TAKEN: { status: 409, meaning: 'The caller already has an organization with this name' },
  TEAM_NAME_TAKEN: { status: 409, meaning: 'The organization already has a team with this name' },
  CONTACT_EMAIL_TAKEN: { status: 409, meaning: 'The organization already has a contact with this e-mail' },
  COMPANY_NAME_TAKEN: { status: 409, meaning: 'The organization already has a company with this name' },
  LEAD_ALREADY_CONVERTED: { status: 409, meaning: 'The lead has already been converted to an account' },
  OPPORTUNITY_NAME_TAKEN: { status: 409, meaning: 'The organization already has an opportunity with this name' },
  TASK_TITLE_TAKEN: { status: 409, meaning: 'The organization already has a task with this title' },
  INVOICE_LOCKED: { status: 409, meaning: 'The invoice’s status does not allow this change' },
  INVOICE_NOT_PAYABLE: { status: 409, meaning: 'Only a Sent or Pending invoice takes payments' },
  DOCUMENT_TITLE_TAKEN: { status: 409, meaning: 'The organization already has a document with this title' },
  ACCOUNT_HAS_INVOICES: { status: 409, meaning: 'Issued invoices bill the account, so it cannot be deleted' },
  IDEMPOTENCY_KEY_IN_PROGRESS: { status: 409, meaning: 'A request with this Idempotency-Key is still running: retry after Retry-After seconds' },
  // 410
  CURSOR_EXPIRED: { status: 410, meaning: 'The change feed no longer keeps the events after this `after`: the message names the earliest kept seq; resync, then read on from there' },
  // 412
  PRECONDITION_FAILED: { status: 412, meaning: 'If-Match does not name the record’s current ETag: someone changed it since you read it (the answer’s ETag header is the current one)' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, meaning: 'The Idempotency-Key was used for another request (method, path or body): a new request needs a new key' },
  PRECONDITION_REQUIRED: { status: 428, meaning: 'The organization requires If-Match on every change to a record: read it, then send its ETag' },
  // 413, 415
  PAYLOAD_TOO_LARGE: { status: 413, meaning: 'The body or file is larger than the limit' },
  IMPORT_TOO_LARGE: { status: 413, meaning: 'The import has too many rows, or a workbook unpacks too large' },
  STORAGE_QUOTA_EXCEEDED: { status: 413, meaning: 'The file does not fit in the organization’s storage quota (STORAGE_QUOTA_BYTES)' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'The body is not JSON (or multipart where a file is sent), or the file type is not accepted' },
  // 429
  RATE_LIMITED: { status: 429, meaning: 'Too many requests, or a quota is spent: retry after Retry-After seconds' },
  // 5xx
  INTERNAL_ERROR: { status: 500, meaning: 'A bug: the body says nothing of internals; quote the requestId' },
  SERVICE_BUSY: { status: 503, meaning: 'The database is saturated: retry after Retry-After seconds' },
  SERVICE_UNAVAILABLE: { status: 503, meaning: 'The service cannot answer now' },
  DATABASE_UNAVAILABLE: { status: 503, meaning: 'The database cannot be reached: retry after Retry-After seconds' },
  // Answered by the HTTP layer itself
  METHOD_NOT_ALLOWED: { status: 405, meaning: 'The route does not take this method' },
  REQUEST_TIMEOUT: { status: 408, meaning: 'The request was not received in time' },
  REQUEST_HEADERS_TOO_LARGE: { status: 431, meaning: 'The request line and headers exceed 16 KiB' },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const errorCodesOf = (status: number): ErrorCode[] =>
  (Object.keys(ERROR_CODES) as ErrorCode[]).filter((code) => ERROR_CODES[code].status === status);
