/** Header names and OpenAPI security scheme names, shared by the guards and the document. */
export const ORG_HEADER = 'organization-id';
export const ORG_HEADER_ALIAS = 'org';
export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'apikey';
export const API_KEY_HEADER_SCHEME = 'apikeyHeader';
/** The organization header as a security scheme, so Swagger UI's Authorize holds it and SDKs set it once. */
export const ORG_SCHEME = 'organization';
/** The web-form key as a header, the preferred way (the reference's `?apikey=` works too). */
export const API_KEY_HEADER = 'x-api-key';

/** A server API key (`crm_...`, from /api/api-keys/) as the bearer token: it implies its organization. */
export const SERVER_KEY_SCHEME = 'serverKey';
