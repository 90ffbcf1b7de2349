import type { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode } from '../errors/error-codes.js';
import { REQUEST_ID_HEADER } from '../http/request-id.js';
import { ERROR_CODES_EXTENSION } from './api-errors.decorator.js';
import { recordForms } from './record-forms.js';

/* The document as @nestjs/swagger writes it, refined into what SDK generators and strict
 * validators need. Each step fixes a class of problem for every route at once, so no controller
 * has to remember it. */

// The document is walked as plain JSON, where every node is a different OpenAPI object.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
type Operation = Json & { responses: Record<string, Json>; parameters?: Json[]; requestBody?: Json; security?: Json[] };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const ORG_SCHEME = 'organization';

function* operations(document: OpenAPIObject): Generator<{ path: string; method: string; operation: Operation }> {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Json)[method] as Operation | undefined;
      if (operation) yield { path, method, operation };
    }
  }
}

const refName = (ref: string) => ref.split('/').pop()!;
const schemaOf = (document: OpenAPIObject, ref: string) => document.components!.schemas![refName(ref)] as Json;

/**
 * openapi-typescript (with default flags) makes every property with a `default` required, so a
 * documented default would force clients to send it, and on an update resend it (reopening a
 * closed case). Create bodies state their defaults in words; update bodies have none (a field left
 * out is kept, whatever it is).
 */
function defaultsIntoWords(document: OpenAPIObject): void {
  const bodies = new Set<string>();
  for (const { operation } of operations(document)) {
    const ref = operation.requestBody?.content?.['application/json']?.schema?.$ref as string | undefined;
    if (ref) bodies.add(refName(ref));
  }
  for (const name of bodies) {
    for (const property of Object.values((document.components!.schemas![name] as Json).properties ?? {}) as Json[]) {
      if (!('default' in property)) continue;
      if (!name.startsWith('Update')) {
        const words = `Defaults to \`${JSON.stringify(property.default)}\`.`;
        property.description = property.description ? `${property.description} ${words}` : words;
      }
      delete property.default;
    }
  }
}

/**
 * `{nullable: true, allOf: [$ref]}` allows nothing under OpenAPI 3.0.3 (nullable needs a type
 * beside it), so a real null fails strict validation. Such properties get the referenced schema
 * inline with its type, nullable, and null among an enum's values; so do inline nullable enums.
 */
function nullableReferences(document: OpenAPIObject): void {
  for (const schema of Object.values(document.components!.schemas!) as Json[]) {
    for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
      const ref = property.allOf?.length === 1 ? (property.allOf[0].$ref as string | undefined) : undefined;
      if (property.nullable && Array.isArray(property.enum) && !property.enum.includes(null)) property.enum.push(null);
      if (!property.nullable || !ref) continue;
      const target = structuredClone(schemaOf(document, ref));
      const inline: Json = { ...target, nullable: true, ...(property.description ? { description: property.description } : {}) };
      if (Array.isArray(inline.enum)) inline.enum = [...inline.enum, null];
      schema.properties[name] = inline;
    }
  }
}

/** Counts, limits and offsets are whole numbers: `integer`, so generated clients and validators say so. */
function integers(document: OpenAPIObject): void {
  const isCount = (name: string) => name === 'count' || name.endsWith('_count') || name === 'limit' || name === 'offset';
  for (const schema of Object.values(document.components!.schemas!) as Json[]) {
    for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
      if (isCount(name) && property.type === 'number') property.type = 'integer';
      if (property.type === 'integer') {
        property.format ??= 'int32';
        if (isCount(name)) property.minimum ??= 0;
      }
    }
  }
  for (const { operation } of operations(document)) {
    for (const parameter of operation.parameters ?? []) {
      if (isCount(parameter.name) && parameter.schema?.type === 'number') parameter.schema.type = 'integer';
      if (parameter.schema?.type === 'integer') parameter.schema.format ??= 'int32';
    }
  }
}

const SINGULAR: Record<string, string> = { companies: 'company', cases: 'case', emails: 'e-mail', imports: 'import' };
const singular = (segment: string) => SINGULAR[segment] ?? segment.replace(/s$/, '').replace(/-/g, ' ');

/**
 * Path ids are UUIDs (the server answers 400 otherwise) and each gets a description; examples on
 * query parameters move into their description, since Swagger UI would fill them in and filter
 * the try-it-out call by values nobody typed.
 */
function parameters(document: OpenAPIObject): void {
  for (const { path, operation } of operations(document)) {
    const segments = path.split('/');
    for (const parameter of operation.parameters ?? []) {
      if (parameter.in === 'path') {
        const owner = singular(segments[segments.indexOf(`{${parameter.name}}`) - 1] ?? 'record');
        parameter.schema = { type: 'string', format: 'uuid' };
        parameter.description ??= `The ${owner}’s id`;
      }
      if (parameter.in === 'query') {
        const example = parameter.example ?? parameter.schema?.example;
        delete parameter.example;
        if (parameter.schema) delete parameter.schema.example;
        if (example !== undefined) parameter.description = `${parameter.description ?? ''} (for example \`${example}\`)`.trim();
      }
    }
  }
}

/** A value a property accepts: its example, an enum's first value, or one of its type. */
function sampleOf(document: OpenAPIObject, property: Json): unknown {
  if (property.example !== undefined) return property.example;
  const target = property.$ref ? schemaOf(document, property.$ref) : (property.allOf?.[0]?.$ref ? schemaOf(document, property.allOf[0].$ref) : property);
  if (Array.isArray(target.enum)) return target.enum[0];
  if (target.type === 'boolean') return true;
  if (target.type === 'string' && !target.format) return 'new value';
  return undefined;
}

/** An update's example body sets one field, not every field with an example (try-it-out would send them all). */
function updateExamples(document: OpenAPIObject): void {
  for (const { method, operation } of operations(document)) {
    const media = operation.requestBody?.content?.['application/json'];
    const ref = media?.schema?.$ref as string | undefined;
    if (method !== 'put' || !ref || !refName(ref).startsWith('Update')) continue;
    const properties = Object.entries((schemaOf(document, ref).properties ?? {}) as Record<string, Json>);
    const samples = properties.map(([name, property]) => [name, sampleOf(document, property)] as const);
    const [name, sample] = samples.find(([, value]) => value !== undefined) ?? [];
    if (name) media.example = { [name]: sample };
  }
}

const REQUEST_ID_REF = { $ref: '#/components/headers/RequestId' };
const RETRY_AFTER_REF = { $ref: '#/components/headers/RetryAfter' };
const ERROR_BODY = { $ref: '#/components/schemas/ErrorResponseDto' };
const STATUS_TEXT: Record<number, string> = {
  400: 'Invalid input',
  401: 'Not authenticated',
  403: 'Not allowed',
  404: 'Not found, or not visible to the caller',
  409: 'Conflicts with existing data or the record’s state',
  410: 'No longer kept',
  412: 'The record changed since the ETag in If-Match was read (the ETag header is the current one)',
  413: 'Body or file too large',
  415: 'Unsupported media type',
  422: 'The Idempotency-Key was used for another request',
  428: 'If-Match is required by the organization',
  429: 'Rate limited or over quota; retry after Retry-After seconds',
  500: 'A bug; the body says nothing of internals (quote its requestId)',
  503: 'Busy, the database away, or shutting down; retry after Retry-After seconds',
};

/** The codes an operation can answer, beyond those its decorators name, from what it is. */
function implicitCodes(method: string, operation: Operation): Partial<Record<number, ErrorCode[]>> {
  const orgScoped = operation.security?.some((requirement) => ORG_SCHEME in requirement) ?? false;
  const signedIn = operation.security?.some((requirement) => 'bearer' in requirement) ?? false;
  // Any request but a GET may carry a body, which is read (and can be refused) before the route runs.
  const hasJsonBody = Boolean(operation.requestBody?.content?.['application/json']) || method !== 'get';
  const hasInput = hasJsonBody || (operation.parameters ?? []).some((parameter) => parameter.in !== 'header');
  const codes: Partial<Record<number, ErrorCode[]>> = { 500: ['INTERNAL_ERROR'], 503: ['SERVICE_BUSY', 'DATABASE_UNAVAILABLE', 'SERVICE_UNAVAILABLE'] };
  const add = (status: number, ...more: ErrorCode[]) => (codes[status] = [...(codes[status] ?? []), ...more]);
  if (hasInput) add(400, 'VALIDATION_FAILED');
  if ((operation.parameters ?? []).some((parameter) => parameter.in === 'query' && parameter.name === 'cursor')) add(400, 'CURSOR_INVALID', 'CURSOR_MISMATCH');
  if (hasJsonBody) {
    add(400, 'BAD_REQUEST', 'JSON_TOO_DEEP');
    add(413, 'PAYLOAD_TOO_LARGE');
    add(415, 'UNSUPPORTED_MEDIA_TYPE');
  }
  if (signedIn && !operation.security?.some((requirement) => Object.keys(requirement).length === 0)) {
    add(401, 'TOKEN_MISSING', 'TOKEN_INVALID', 'TOKEN_EXPIRED');
  }
  if (orgScoped) {
    add(400, 'ORG_HEADER_REQUIRED', 'ORG_HEADER_INVALID');
    add(403, 'ORG_ACCESS_DENIED');
    add(429, 'RATE_LIMITED');
  }
  return codes;
}

/**
 * Every error response: the common body, the codes it can carry (`x-error-codes`, and in words),
 * an example with one of them, and its headers (x-request-id everywhere; Retry-After on 429/503).
 * Every success response gets x-request-id too.
 */
function errorResponses(document: OpenAPIObject): void {
  document.components!.headers = {
    RequestId: {
      description: 'Identifies the request in logs; a safe incoming x-request-id is kept',
      schema: { type: 'string', maxLength: 128 },
    },
    ETag: { description: 'The record\'s revision as a strong entity tag (`"3"`): send it back in If-Match or If-None-Match', schema: { type: 'string' } },
    Location: { description: 'The path of the record just created (`/api/{kind}/{id}/`)', schema: { type: 'string' } },
    RateLimitPolicy: {
      description:
        'The caller’s budget (draft-ietf-httpapi-ratelimit-headers): `"<name>";q=<requests>;w=<seconds>`, in an organization per API key (`api-key`) or per member (`member`); on sign-in and other public routes per address (`auth-ip`) or e-mail (`login-account`)',
      schema: { type: 'string', example: '"member";q=600;w=60' },
    },
    RateLimit: {
      description: 'What is left of it: `"<name>";r=<requests remaining>;t=<seconds until it renews>`',
      schema: { type: 'string', example: '"member";r=598;t=41' },
    },
    IdempotentReplayed: { description: '`true` when the answer is the one stored for this Idempotency-Key, not a new write', schema: { type: 'string', enum: ['true'] } },
    RetryAfter: { description: 'Seconds to wait before retrying', schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 86_400 } },
  };
  for (const { method, operation } of operations(document)) {
    const implicit = implicitCodes(method, operation);
    const throttled = ((operation.responses['429']?.[ERROR_CODES_EXTENSION] as ErrorCode[] | undefined) ?? []).includes('RATE_LIMITED');
    const budgeted = throttled || (operation.security?.some((requirement) => ORG_SCHEME in requirement) ?? false);
    for (const status of Object.keys(implicit).map(Number)) operation.responses[status] ??= {};
    for (const [key, response] of Object.entries(operation.responses)) {
      const status = Number(key);
      response.headers = { ...response.headers, [REQUEST_ID_HEADER]: REQUEST_ID_REF };
      if (budgeted) response.headers = { ...response.headers, 'RateLimit-Policy': RATE_LIMIT_POLICY_REF, RateLimit: RATE_LIMIT_REF };
      if (status < 400) continue;
      const codes = [...new Set([...((response[ERROR_CODES_EXTENSION] as ErrorCode[] | undefined) ?? []), ...(implicit[status] ?? [])])];
      const [first] = codes;
      response[ERROR_CODES_EXTENSION] = codes;
      response.description = `${STATUS_TEXT[status] ?? 'Error'}. Codes: ${codes.map((code) => `\`${code}\``).join(', ')}.`;
      response.content = {
        'application/json': {
          schema: ERROR_BODY,
          example: {
            error: true,
            statusCode: status,
            code: first,
            message: first ? ERROR_CODES[first].meaning : STATUS_TEXT[status],
            ...(first === 'VALIDATION_FAILED' ? { errors: { name: ['name should not be empty'] } } : {}),
            requestId: '3f1d2a9c-6b1e-4a53-9a07-52c1f9d0b8e4',
          },
        },
      };
      if (status === 429 || status === 503 || codes.includes('IDEMPOTENCY_KEY_IN_PROGRESS')) response.headers['Retry-After'] = RETRY_AFTER_REF;
      if (status === 412) response.headers.ETag = ETAG_REF;
    }
    operation.responses = Object.fromEntries(Object.entries(operation.responses).sort(([a], [b]) => Number(a) - Number(b)));
  }
}

/**
 * Within each tag: the collection's list and create, then the item's get, update and delete,
 * then everything else (comments, attachments, actions), as a reader of Swagger UI expects.
 */
function orderOperations(document: OpenAPIObject): void {
  const tagOrder = (document.tags ?? []).map((tag) => tag.name);
  const tagOf = (item: Json) => METHODS.map((method) => item[method]?.tags?.[0]).find(Boolean) as string | undefined;
  const entries = Object.entries(document.paths).map(([path, item], index) => ({ path, item: item as Json, index }));
  // A tag's collection is its shortest path without parameters (/api/accounts); its item, that plus /{id}.
  const collections = new Map<string, string>();
  for (const { path, item } of entries) {
    const tag = tagOf(item) ?? '';
    const known = collections.get(tag);
    if (!path.includes('{') && (!known || path.length < known.length)) collections.set(tag, path);
  }
  const rank = (path: string, item: Json) => {
    const collection = collections.get(tagOf(item) ?? '');
    if (path === collection) return 0;
    return collection && new RegExp(`^${collection}/\\{[^}/]+\\}$`).test(path) ? 1 : 2;
  };
  entries.sort((a, b) => {
    const byTag = tagOrder.indexOf(tagOf(a.item) ?? '') - tagOrder.indexOf(tagOf(b.item) ?? '');
    return byTag || rank(a.path, a.item) - rank(b.path, b.item) || a.index - b.index;
  });
  // On an item's path, POST adds a comment or file: it comes after get, update and delete.
  const ITEM_METHODS = ['get', 'put', 'patch', 'delete', 'post'] as const;
  document.paths = Object.fromEntries(
    entries.map(({ path, item }) => {
      const methods = rank(path, item) === 1 ? ITEM_METHODS : METHODS;
      const ordered = Object.fromEntries([
        ...methods.filter((method) => item[method]).map((method) => [method, item[method]]),
        ...Object.entries(item).filter(([key]) => !(METHODS as readonly string[]).includes(key)),
      ]);
      return [path, ordered];
    }),
  );
}

const ETAG_REF = { $ref: '#/components/headers/ETag' };

/** Adds an error code to what the operation's `status` response may carry (errorResponses() then describes it). */
function refusing(operation: Operation, status: number, code: ErrorCode): void {
  operation.responses[status] ??= {};
  const codes = (operation.responses[status][ERROR_CODES_EXTENSION] as ErrorCode[] | undefined) ?? [];
  operation.responses[status][ERROR_CODES_EXTENSION] = [...new Set([...codes, code])];
}
const LOCATION_REF = { $ref: '#/components/headers/Location' };

/**
 * The conditional requests of every record kind (ConditionalRequests): ETag on its detail, create
 * and update answers, If-None-Match and 304 on the detail, If-Match and 412 on update and delete.
 */
function conditionalRequests(document: OpenAPIObject, recordPaths: readonly string[]): void {
  const header = (name: string, description: string) => ({ name, in: 'header', required: false, description, schema: { type: 'string', maxLength: 1024 } });
  const withEtag = (response: Json | undefined) => {
    if (response) response.headers = { ...response.headers, ETag: ETAG_REF };
  };
  for (const path of recordPaths) {
    const item = document.paths[`/api/${path}/{id}`] as Record<string, Operation> | undefined;
    const collection = document.paths[`/api/${path}`] as Record<string, Operation> | undefined;
    if (item?.get) {
      item.get.parameters = [...(item.get.parameters ?? []), header('If-None-Match', 'An ETag from an earlier answer: 304 without a body while the record is unchanged')];
      withEtag(item.get.responses['200']);
      item.get.responses['304'] = { description: 'Not modified: If-None-Match names the current ETag' };
      refusing(item.get, 400, 'VALIDATION_FAILED');
    }
    const comment = document.paths[`/api/${path}/comment/{id}`] as Record<string, Operation> | undefined;
    for (const operation of [item?.put, item?.delete, comment?.put, comment?.delete]) {
      if (!operation) continue;
      operation.parameters = [...(operation.parameters ?? []), header('If-Match', 'The ETag the change is based on (or `*`): 412 when the record has changed since')];
      refusing(operation, 400, 'VALIDATION_FAILED');
      refusing(operation, 412, 'PRECONDITION_FAILED');
      refusing(operation, 428, 'PRECONDITION_REQUIRED');
      withEtag(operation.responses['200']);
    }
    const created = collection?.post?.responses['201'];
    withEtag(created);
    if (created) created.headers = { ...created.headers, Location: LOCATION_REF };
    // Actions that change the record (ChangesRecord) declare If-Match themselves.
    for (const [actionPath, action] of Object.entries(document.paths)) {
      const post = (action as Record<string, Operation>).post;
      if (!actionPath.startsWith(`/api/${path}/{id}/`) || !post?.parameters?.some((parameter) => parameter.name === 'If-Match')) continue;
      refusing(post, 400, 'VALIDATION_FAILED');
      refusing(post, 412, 'PRECONDITION_FAILED');
      refusing(post, 428, 'PRECONDITION_REQUIRED');
      withEtag(post.responses['200'] ?? post.responses['201']);
    }
  }
}

const REPLAYED_REF = { $ref: '#/components/headers/IdempotentReplayed' };
const RATE_LIMIT_POLICY_REF = { $ref: '#/components/headers/RateLimitPolicy' };
const RATE_LIMIT_REF = { $ref: '#/components/headers/RateLimit' };

/**
 * Idempotency-Key on every write of an organization (IdempotentRequests): the header parameter,
 * the replay header on success, 409 while the first request runs and 422 for a key reused.
 */
function idempotentWrites(document: OpenAPIObject): void {
  for (const { method, operation } of operations(document)) {
    const orgScoped = operation.security?.some((requirement) => ORG_SCHEME in requirement) ?? false;
    // RefusesIdempotencyKey() marks the writes that refuse it (x-idempotency-key: false).
    if (!orgScoped || !['post', 'put', 'patch', 'delete'].includes(method) || operation['x-idempotency-key'] === false) continue;
    operation.parameters = [
      ...(operation.parameters ?? []),
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'Makes a retry safe: the same key with the same request answers what the first answered (Idempotent-Replayed: true) for 24 hours, without writing again',
        schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7e]+$' },
      },
    ];
    for (const [status, response] of Object.entries(operation.responses)) {
      if (Number(status) < 300) response.headers = { ...response.headers, 'Idempotent-Replayed': REPLAYED_REF };
    }
    refusing(operation, 400, 'VALIDATION_FAILED');
    refusing(operation, 409, 'IDEMPOTENCY_KEY_IN_PROGRESS');
    refusing(operation, 422, 'IDEMPOTENCY_KEY_REUSED');
  }
}

export function refineDocument(document: OpenAPIObject, recordPaths: readonly string[] = []): OpenAPIObject {
  document.openapi = '3.0.3';
  // Whoever runs the server decides its audience; the document describes a public API.
  document.servers = (document.servers ?? []).map((server) => ({ ...server, 'x-internal': false }));
  defaultsIntoWords(document);
  nullableReferences(document);
  integers(document);
  parameters(document);
  updateExamples(document);
  conditionalRequests(document, recordPaths);
  idempotentWrites(document);
  recordForms(document);
  errorResponses(document);
  orderOperations(document);
  return document;
}
